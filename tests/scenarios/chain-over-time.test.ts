/**
 * The chain as it is today (issue 11), end to end through the embedded gateway's GraphQL over HTTP:
 * real adapters over real HTTP to one mock per organisation, the real policy, a real audit trail.
 *
 * S8: the ASHG Drenthe registered household drenthe-s8 (Emmen) in 2013 and handed it to the AMK
 * Drenthe in 2014; on 1 January 2015 both were succeeded by Veilig Thuis Drenthe. The 2013 report stays
 * the ASHG Drenthe's (Report.owner), is served from its archive, and is controlled by Veilig Thuis
 * Drenthe: decided on as its own record today, and as nobody's business of Veilig Thuis's before 2015.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const MARIEKE = '999008109';
const VT_DRENTHE = 'veilig-thuis-drenthe';
const REPORTS = `query($bsn: String!) { householdsOfPerson(bsn: $bsn) { municipality reports { id owner { id successor { id } } narrative phase } } }`;
type Report = { id: string; owner: { id: string; successor: { id: string } | null }; narrative: string | null; phase: string | null };
const officer = (agencyId: string) => ({ agencyId, purpose: 'privacy-audit', role: 'privacy-officer' });

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => gateway?.close());

async function reportsAs(agencyId: string, purpose: string): Promise<{ reports: Report[] }> {
  const response = await gateway.query({ agencyId, purpose }, REPORTS, { bsn: MARIEKE });
  expect(response.status).toBe(200);
  const households = (response.body.data?.householdsOfPerson ?? []) as { reports: Report[] }[];
  return { reports: households.flatMap((household) => household.reports) };
}

describe('S8: Veilig Thuis succeeds the ASHG and the AMK (covenants/organisations.yaml)', () => {
  it('Veilig Thuis Drenthe reads the ASHG Drenthe\'s 2013 report as its own; the report stays attributed to its creator', async () => {
    const { reports } = await reportsAs(VT_DRENTHE, 'own-records');
    const archived = reports.find((report) => report.owner.id === 'ashg-drenthe');
    const own = reports.find((report) => report.owner.id === VT_DRENTHE);
    expect(archived).toMatchObject({ owner: { successor: { id: VT_DRENTHE } }, narrative: expect.stringContaining('nacht in de opvang'), phase: 'HANDED_OVER_TO_AMK' });
    expect(own).toMatchObject({ narrative: expect.stringContaining('Femke vertelt op school'), phase: 'MONITORING' });
  });

  it('the ASHG Drenthe, gone since 2015, is refused before anything runs: its successor acts for it', async () => {
    for (const agencyId of ['ashg-drenthe', 'amk-drenthe']) {
      const response = await gateway.query({ agencyId, purpose: 'own-records' }, REPORTS, { bsn: MARIEKE });
      expect(response.status).toBe(403);
      expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['ORGANISATION_NOT_IN_FORCE']);
      expect(response.body.data ?? null).toBeNull();
      expect(JSON.stringify(response.body)).not.toContain('opvang');
    }
  });

  it('explainAccess(at:) tells the difference the merger made, for Veilig Thuis\'s officer', async () => {
    const { reports } = await reportsAs(VT_DRENTHE, 'own-records');
    const recordId = reports.find((report) => report.owner.id === 'ashg-drenthe')!.id;
    const explain = (viewer: string, at: string) => gateway.query(officer(VT_DRENTHE), `query($id: ID!, $viewer: ID!, $at: DateTime) {
      explainAccess(input: { viewerAgencyId: $viewer, purpose: "own-records", coordinate: "Report.narrative", recordId: $id, at: $at }) { effect reason } }`,
    { id: recordId, viewer, at });
    const answer = async (viewer: string, at: string) => (await explain(viewer, at)).body.data?.explainAccess as { effect: string; reason: string } | null;
    // Before 2015 the ASHG Drenthe controlled its record and Veilig Thuis Drenthe did not exist; after, the other way round.
    expect(await answer('ashg-drenthe', '2014-06-01T12:00:00+02:00')).toEqual({ effect: 'ALLOW', reason: 'OWNER' });
    expect(await answer(VT_DRENTHE, '2014-06-01T12:00:00+02:00')).toEqual({ effect: 'DENY', reason: 'NO_GRANT' });
    expect(await answer(VT_DRENTHE, '2026-06-01T12:00:00+02:00')).toEqual({ effect: 'ALLOW', reason: 'OWNER' });
    expect(await answer('ashg-drenthe', '2026-06-01T12:00:00+02:00')).toEqual({ effect: 'DENY', reason: 'NO_GRANT' });
  });

  it('Veilig Thuis\'s officer finds the reads of its predecessor\'s records in its trail, attributed to the creator', async () => {
    await reportsAs(VT_DRENTHE, 'own-records');
    const trail = await gateway.query(officer(VT_DRENTHE), `{ auditEntries(filter: { ownerAgencyId: "ashg-drenthe" }, first: 20) { edges { node { ownerAgencyId viewer { agencyId } fieldsReleased decisions { reason } } } } }`);
    expect(trail.body.errors).toBeUndefined();
    const entries = (trail.body.data?.auditEntries as { edges: { node: { ownerAgencyId: string; viewer: { agencyId: string }; fieldsReleased: string[]; decisions: { reason: string }[] } }[] }).edges.map((edge) => edge.node);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.ownerAgencyId === 'ashg-drenthe')).toBe(true);
    expect(entries.some((entry) => entry.viewer.agencyId === VT_DRENTHE && entry.fieldsReleased.includes('Report.narrative') && entry.decisions.some((decision) => decision.reason === 'OWNER'))).toBe(true);
  });
});
