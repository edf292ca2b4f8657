/**
 * A person's access request: a privacy officer searching the trail by one person's BSN finds every read
 * of a record about that person's household (its reports, referrals, the household itself), not only
 * the reads filed under the household's lowest BSN.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const scenario1 = createWorld().households[0]!;
const AMK_CASEWORKER = { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' };
const AMK_OFFICER = { agencyId: 'amk-groningen', purpose: 'privacy-audit', role: 'privacy-officer' };
const TRAIL = `query($filter: AuditEntryFilter) { auditEntries(filter: $filter, first: 100) { edges { node {
  kind entityType ownerAgencyId subject relatedSubjects
} } } }`;

interface Entry { kind: string; entityType: string | null; ownerAgencyId: string | null; subject: string | null; relatedSubjects: string[] }

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
  const response = await gateway.query(AMK_CASEWORKER, `query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id reports { id phase } } }`, { bsn: scenario1.members[0]!.bsn });
  expect(response.body.errors).toBeUndefined();
  expect((response.body.data?.householdsOfPerson as { reports: unknown[] }[])[0]?.reports).toHaveLength(2);
});
afterAll(async () => gateway?.close());

async function trailOf(bsn: string): Promise<Entry[]> {
  const response = await gateway.query(AMK_OFFICER, TRAIL, { filter: { subjectBsn: bsn, kind: 'ACCESS' } });
  expect(response.body.errors).toBeUndefined();
  return (response.body.data?.auditEntries as { edges: { node: Entry }[] }).edges.map((edge) => edge.node);
}

it.each(scenario1.members.map((member) => [member.role, member.bsn]))('finds the reads of both agencies\' reports by the BSN of a %s', async (_role, bsn) => {
  const reports = (await trailOf(bsn)).filter((entry) => entry.entityType === 'Report');
  expect(reports.map((entry) => entry.ownerAgencyId).sort()).toEqual(['amk-groningen', 'ashg-groningen']);
  const pseudonym = gateway.gateway.services.pseudonymize(bsn);
  for (const entry of reports) expect([entry.subject, ...entry.relatedSubjects]).toContain(pseudonym);
});

it('names each member once per entry: the lowest BSN as subject, the others as related subjects', async () => {
  const [report] = (await trailOf(scenario1.members[2]!.bsn)).filter((entry) => entry.entityType === 'Report');
  const pseudonyms = scenario1.members.map((member) => gateway.gateway.services.pseudonymize(member.bsn));
  const lowest = gateway.gateway.services.pseudonymize([...scenario1.members.map((member) => member.bsn)].sort()[0]!);
  expect(report?.subject).toBe(lowest);
  expect([report!.subject, ...report!.relatedSubjects].sort()).toEqual([...pseudonyms].sort());
  expect(report!.relatedSubjects).toEqual([...report!.relatedSubjects].sort());
});

it('keeps a child\'s own record under the child alone', async () => {
  const child = scenario1.members.find((member) => member.role === 'CHILD')!;
  const response = await gateway.query(AMK_CASEWORKER, `query($bsn: String!) { householdsOfPerson(bsn: $bsn) { children { id name } } }`, { bsn: scenario1.members[0]!.bsn });
  expect(response.body.errors).toBeUndefined();
  const children = (await trailOf(child.bsn)).filter((entry) => entry.entityType === 'Child');
  expect(children.length).toBeGreaterThan(0);
  for (const entry of children) {
    expect(entry.subject).toBe(gateway.gateway.services.pseudonymize(child.bsn));
    expect(entry.relatedSubjects).toEqual([]);
  }
});
