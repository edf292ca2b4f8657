/**
 * Query.auditSummary through HTTP: it counts exactly what auditEntries lists for the same filter, in the
 * officer's own scope (another organisation's accesses to its own records are not counted), only for
 * privacy officers, and reading it is entered in the trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const scenario1 = createWorld().households[0]!;
const sanne = scenario1.members.find((member) => member.name.startsWith('Sanne'))!;
// Scenario 3: a 15-year-old the police refer to Bureau Jeugdzorg; no AMK record.
const scenario3Member = createWorld().households[2]!.members[0]!;
const officer = (agencyId: string) => ({ agencyId, purpose: 'privacy-audit', role: 'privacy-officer' });
const SUMMARY = `query($filter: AuditEntryFilter) { auditSummary(filter: $filter) {
  entries complete requests organisations fieldsReleased fieldsWithheld byOutcome { outcome entries }
  viewers: perDay(groupBy: VIEWER) { day key entries requests } agreements: perDay(groupBy: AGREEMENT) { day key entries requests }
  redactionsByReason { reason fields } } }`;
const ENTRIES = `query($filter: AuditEntryFilter) { auditEntries(filter: $filter, first: 500) {
  edges { node { requestSeq viewer { agencyId } fieldsReleased fieldsWithheld } } pageInfo { hasNextPage } } }`;

interface Summary { entries: number; requests: number; organisations: number; fieldsReleased: number; fieldsWithheld: number; viewers: { key: string; entries: number }[]; redactionsByReason: { reason: string; fields: number }[] }
interface Listed { requestSeq: string; viewer: { agencyId: string }; fieldsReleased: string[]; fieldsWithheld: string[] }

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
  const read = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id children { name school role } reports { narrative phase } } }';
  expect((await gateway.query({ agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' }, read, { bsn: sanne.bsn })).body.errors).toBeUndefined();
  await gateway.query({ agencyId: 'ashg-groningen', purpose: 'case-conference' }, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { caseStatus { involvements { agency { id } phase } } } }', { bsn: sanne.bsn });
  // The police read their own zorgmeldingen: neither the AMK's request nor an AMK record.
  const police = await gateway.query({ agencyId: 'politie-noord-nederland', purpose: 'zorgmelding-feedback' }, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id reports { phase } } }', { bsn: scenario3Member.bsn });
  expect(police.body.errors).toBeUndefined();
}, 120_000);
afterAll(async () => gateway?.close());

async function summaryAndEntries(agencyId: string, filter: Record<string, unknown>) {
  const summary = await gateway.query(officer(agencyId), SUMMARY, { filter });
  expect(summary.body.errors).toBeUndefined();
  const listed = await gateway.query(officer(agencyId), ENTRIES, { filter });
  const page = listed.body.data?.auditEntries as { edges: { node: Listed }[]; pageInfo: { hasNextPage: boolean } };
  expect(page.pageInfo.hasNextPage).toBe(false);
  return { summary: summary.body.data?.auditSummary as Summary, entries: page.edges.map((edge) => edge.node) };
}

describe('auditSummary', () => {
  it('counts what auditEntries lists for the officer\'s scope, and not another organisation\'s own reads', async () => {
    // ACCESS only: the officer's own audit queries are entries too, and each query adds one.
    const { summary, entries } = await summaryAndEntries('amk-groningen', { subjectBsn: sanne.bsn, kind: 'ACCESS' });
    expect(summary.entries).toBe(entries.length);
    expect(summary.entries).toBeGreaterThan(0);
    expect(summary.requests).toBe(new Set(entries.map((entry) => entry.requestSeq)).size);
    expect(summary.fieldsReleased).toBe(entries.reduce((sum, entry) => sum + entry.fieldsReleased.length, 0));
    expect(summary.fieldsWithheld).toBe(entries.reduce((sum, entry) => sum + entry.fieldsWithheld.length, 0));
    const viewers = new Set(entries.map((entry) => entry.viewer.agencyId));
    expect(summary.organisations).toBe(viewers.size);
    expect(new Set(summary.viewers.map((cell) => cell.key))).toEqual(viewers);
    expect(viewers.has('politie-noord-nederland')).toBe(false);
    expect(summary.viewers.reduce((sum, cell) => sum + cell.entries, 0)).toBe(summary.entries);
    expect(summary.redactionsByReason.reduce((sum, count) => sum + count.fields, 0)).toBe(summary.fieldsWithheld);
  });

  it('counts the police\'s reads for the police\'s officer only', async () => {
    const police = (await summaryAndEntries('politie-noord-nederland', { subjectBsn: scenario3Member.bsn, kind: 'ACCESS', viewerAgencyId: 'politie-noord-nederland' })).summary;
    expect(police.entries).toBeGreaterThan(0);
    const amk = (await summaryAndEntries('amk-groningen', { subjectBsn: scenario3Member.bsn, kind: 'ACCESS', viewerAgencyId: 'politie-noord-nederland' })).summary;
    expect(amk.entries).toBe(0);
  });

  it('refuses other roles, and enters the officer\'s read in the trail', async () => {
    const caseworker = await gateway.query({ agencyId: 'amk-groningen', purpose: 'privacy-audit' }, SUMMARY, {});
    expect(caseworker.body.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|GRAPHQL_VALIDATION_FAILED/);
    await gateway.query(officer('ashg-groningen'), SUMMARY, { filter: { subjectBsn: sanne.bsn } });
    const trail = await gateway.gateway.services.audit.query({ scopeAgencyId: 'ashg-groningen', kind: 'audit-query' }, { first: 500 });
    const read = trail.entries.filter((entry) => entry.searchTerms?.summary === 'true');
    expect(read.length).toBeGreaterThan(0);
    expect(JSON.stringify(read)).not.toContain(sanne.bsn);
  });

  it('costs what reading up to 10,000 entries may: one summary fits a request, two do not', async () => {
    const one = await gateway.query(officer('amk-groningen'), '{ auditSummary { entries } }');
    expect(one.body.errors).toBeUndefined();
    const two = await gateway.query(officer('amk-groningen'), '{ a: auditSummary { entries } b: auditSummary(filter: { kind: ACCESS }) { entries } }');
    expect(two.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
  });
});
