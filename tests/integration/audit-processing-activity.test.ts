/**
 * Every entry names the processing activity of the register (covenants/processing-activities.yaml) that
 * its caller's organisation and declared purpose map to, as id@version: through the whole gateway, in
 * the store and as the privacy officer reads it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import type { AuditEntry } from '#src/audit/entry.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const bsn = createWorld().households[0]!.members[0]!.bsn;
const LOOKUP = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id reports { id phase } } }';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => gateway?.close());

/** The entries the request just made committed, straight from the store. */
async function entriesOf(as: { agencyId: string; purpose: string; role?: string }, query: string, variables?: Record<string, unknown>): Promise<AuditEntry[]> {
  const response = await gateway.query(as, query, variables);
  expect(response.body.errors).toBeUndefined();
  const { entries } = await gateway.gateway.services.audit.query({ viewerAgencyId: as.agencyId }, { first: 500 });
  const last = entries.at(-1)!;
  return entries.filter((entry) => entry.requestSeq === last.requestSeq);
}

it.each([
  [{ agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' }, 'amk-groningen/onderzoek-kindermishandeling@1'],
  [{ agencyId: 'ashg-groningen', purpose: 'case-conference' }, 'ashg-groningen/casusoverleg@2'],
  [{ agencyId: 'politie-noord-nederland', purpose: 'zorgmelding-feedback' }, 'politie-noord-nederland/zorgmeldingen@1'],
  [{ agencyId: 'bjz-groningen', purpose: 'own-records' }, 'bjz-groningen/toegang-jeugdzorg@1'],
])('%o: every entry of the request names %s', async (as, activity) => {
  const entries = await entriesOf(as, LOOKUP, { bsn });
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) expect(entry.processingActivity).toBe(activity);
});

it('a purpose no covenant grants the organisation is recorded as unregistered, and the operator told once', async () => {
  const as = { agencyId: 'wijkteam-groningen', purpose: 'child-abuse-assessment' };
  for (let i = 0; i < 2; i++) {
    // The wijkteam's schema has no reports to name.
    const entries = await entriesOf(as, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id } }', { bsn });
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.map((entry) => entry.processingActivity)).toEqual(entries.map(() => 'unregistered:child-abuse-assessment'));
  }
  const warnings = gateway.logs.filter((line) => line.includes('no processing activity in the register'));
  expect(warnings).toHaveLength(1);
  expect(JSON.parse(warnings[0]!)).toMatchObject({ organisation: 'wijkteam-groningen', purpose: 'child-abuse-assessment' });
});

it('the privacy officer reads it, and the officer\'s own query belongs to the accountability activity', async () => {
  const officer = { agencyId: 'amk-groningen', purpose: 'privacy-audit', role: 'privacy-officer' };
  const response = await gateway.query(officer, '{ auditEntries(filter: { kind: ACCESS }, first: 100) { edges { node { viewer { agencyId } purpose processingActivity } } } }');
  expect(response.body.errors).toBeUndefined();
  const nodes = (response.body.data?.auditEntries as { edges: { node: { viewer: { agencyId: string }; purpose: string; processingActivity: string } }[] }).edges.map((edge) => edge.node);
  expect(nodes).toContainEqual({ viewer: { agencyId: 'amk-groningen' }, purpose: 'child-abuse-assessment', processingActivity: 'amk-groningen/onderzoek-kindermishandeling@1' });
  const { entries } = await gateway.gateway.services.audit.query({ viewerAgencyId: 'amk-groningen', kind: 'audit-query' }, { first: 10 });
  expect(entries.map((entry) => entry.processingActivity)).toEqual(entries.map(() => 'amk-groningen/verantwoording-verstrekkingen@1'));
  expect(entries.length).toBeGreaterThan(0);
});
