/**
 * No existence oracle through timing: a lookup of a record that exists but is withheld, and of one that
 * does not exist, answer with the same body and neither sooner than the not-found floor.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const FLOOR_MS = 200;
let gateway: TestGateway;
beforeAll(async () => { gateway = await startTestGateway({ env: { KETENPOORT_NOT_FOUND_FLOOR_MS: String(FLOOR_MS) } }); });
afterAll(async () => gateway?.close());

it('answers a withheld report and a nonexistent one alike, both after the floor', async () => {
  const bsn = createWorld().households[0]!.members[0]!.bsn;
  const owner = await gateway.query({ agencyId: 'ashg-groningen', purpose: 'case-conference' }, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { id } } }', { bsn });
  const reportId = (owner.body.data?.householdsOfPerson as { reports: { id: string }[] }[])[0]!.reports[0]!.id;
  const forged = `rp_${Buffer.from('x'.repeat(48)).toString('base64url')}`;
  const bjz = { agencyId: 'bjz-groningen', purpose: 'early-intervention' };
  const timed = async (id: string) => {
    const started = performance.now();
    const response = await gateway.query(bjz, 'query($id: ID!) { report(id: $id) { id narrative } }', { id });
    return { response, ms: performance.now() - started };
  };
  // Ids are pairwise (docs/identifiers.md): the BJZ's own id of the ASHG's report is what it would hold had
  // it been shown the report once; the ASHG's id itself is a third case, another organisation's id.
  const { ids } = gateway.gateway.services;
  const bjzReportId = ids.of(bjz.agencyId).show(ids.of('ashg-groningen').take('report', reportId)!)!;
  expect(bjzReportId).not.toBe(reportId);
  const withheld = await timed(bjzReportId);
  const missing = await timed(forged);
  const foreign = await timed(reportId);
  expect(withheld.response.body).toEqual({ data: { report: null } });
  expect(missing.response.body).toEqual(withheld.response.body);
  expect(foreign.response.body).toEqual(withheld.response.body);
  expect(withheld.response.status).toBe(missing.response.status);
  expect(foreign.response.status).toBe(missing.response.status);
  expect(withheld.ms).toBeGreaterThanOrEqual(FLOOR_MS * 0.95);
  expect(missing.ms).toBeGreaterThanOrEqual(FLOOR_MS * 0.95);
  expect(foreign.ms).toBeGreaterThanOrEqual(FLOOR_MS * 0.95);
});
