/**
 * The chain as it is today (issue 11), end to end through the embedded gateway's GraphQL over HTTP:
 * real adapters over real HTTP to one mock per organisation, the real policy, a real audit trail.
 *
 * S4, S5, S6 and the Raad on the regional households (src/mock-world/scenarios-today.ts lists them).
 *
 * S8: the ASHG Drenthe registered household drenthe-s8 (Emmen) in 2013 and handed it to the AMK
 * Drenthe in 2014; on 1 January 2015 both were succeeded by Veilig Thuis Drenthe. The 2013 report stays
 * the ASHG Drenthe's (Report.owner), is served from its archive, and is controlled by Veilig Thuis
 * Drenthe: decided on as its own record today, and as nobody's business of Veilig Thuis's before 2015.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
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

type Household = {
  reports: { owner: { id: string }; narrative: string | null }[];
  children: { name: string | null; role: string | null }[];
  caseStatus: { involvements: { agency: { id: string }; phaseCategory: string | null }[] } | null;
};
/** What each kind of viewer's own schema can ask (a field no covenant could give it is not in its schema). */
const FIELDS = {
  full: 'reports { owner { id } narrative } children { name role } caseStatus { involvements { agency { id } phaseCategory } }',
  involvement: 'caseStatus { involvements { agency { id } phaseCategory } }',
  raad: 'reports { owner { id } narrative } children { name }',
} as const;

async function householdAs(agencyId: string, purpose: string, bsn: string, fields: keyof typeof FIELDS = 'full'): Promise<Household | null> {
  const response = await gateway.query({ agencyId, purpose }, `query($bsn: String!) { householdsOfPerson(bsn: $bsn) { ${FIELDS[fields]} } }`, { bsn });
  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
  return ((response.body.data?.householdsOfPerson ?? []) as Household[])[0] ?? null;
}
const involved = (household: Household | null) => (household?.caseStatus?.involvements ?? []).map((involvement) => involvement.agency.id).sort();
const narratives = (household: Household | null, owner: string) => (household?.reports ?? []).filter((report) => report.owner.id === owner).map((report) => report.narrative);

describe('S4: the case-conference chair sees every agency with a case on its households', () => {
  it('Veilig Thuis Amsterdam-Amstelland sees the police unit and the certified institution on amsterdam-s4, and nothing of their content', async () => {
    const household = await householdAs('veilig-thuis-amsterdam-amstelland', 'case-conference', '999060107');
    expect(involved(household)).toEqual(['jeugdbescherming-regio-amsterdam', 'politie-amsterdam', 'veilig-thuis-amsterdam-amstelland']);
    expect(narratives(household, 'politie-amsterdam').every((narrative) => narrative === null)).toBe(true);
  });

  it('the ASHG Groningen chairs scenario 2\'s conference and sees the police beside the AMK (casusoverleg-groningen v2)', async () => {
    const [mother] = createWorld().households.find((household) => household.key === 'scenario-2')!.members;
    const household = await householdAs('ashg-groningen', 'case-conference', mother!.bsn);
    expect(involved(household)).toEqual(expect.arrayContaining(['amk-groningen', 'ashg-groningen', 'politie-noord-nederland']));
  });
});

describe('S5: whether a child is a direct victim or a witness decides who acts next (kindroute-amsterdam-amstelland)', () => {
  // A controlled pair: Veilig Thuis referred both households to the certified institution and to the
  // Ouder- en Kindteam; only the child's role differs between them.
  const VICTIM = '999056104';
  const WITNESS = '999057108';
  const VT_AA = 'veilig-thuis-amsterdam-amstelland';

  it('the certified institution reads Veilig Thuis\'s report where a child is a direct victim, and nothing where the children witnessed', async () => {
    const victim = await householdAs('jeugdbescherming-regio-amsterdam', 'child-protection', VICTIM);
    expect(narratives(victim, VT_AA)).toEqual([expect.stringContaining('lichamelijke mishandeling')]);
    expect(victim?.children).toEqual([expect.objectContaining({ role: 'DIRECT_VICTIM' })]);
    const witness = await householdAs('jeugdbescherming-regio-amsterdam', 'child-protection', WITNESS);
    expect(narratives(witness, VT_AA).filter((narrative) => narrative !== null)).toEqual([]);
    expect(JSON.stringify(witness)).not.toContain('getuige');
  });

  it('the Ouder- en Kindteam learns that Veilig Thuis is involved where the children witnessed, and nothing of the victim\'s household', async () => {
    const witness = await householdAs('wijkteam-amsterdam', 'voluntary-help', WITNESS, 'involvement');
    expect(involved(witness)).toContain(VT_AA);
    expect(JSON.stringify(witness)).not.toContain('getuige');
    const victim = await householdAs('wijkteam-amsterdam', 'voluntary-help', VICTIM, 'involvement');
    expect(involved(victim)).not.toContain(VT_AA);
  });
});

describe('S6: Veilig Thuis regions and the municipalities\' policy regions disagree (Assen and Emmen)', () => {
  const ASSEN = '999006101';
  const EMMEN = '999007105';

  it('both households are Veilig Thuis Drenthe\'s region; the policy region of Zuid-Drenthe holds Emmen only', async () => {
    const emmenTeamInEmmen = await householdAs('wijkteam-emmen', 'neighbourhood-support', EMMEN, 'involvement');
    const emmenTeamInAssen = await householdAs('wijkteam-emmen', 'neighbourhood-support', ASSEN, 'involvement');
    expect(involved(emmenTeamInEmmen)).toContain(VT_DRENTHE);
    expect(involved(emmenTeamInAssen)).not.toContain(VT_DRENTHE);
    // Assen's team, under a covenant of its own municipality: the other way round.
    expect(involved(await householdAs('wijkteam-assen', 'neighbourhood-support', ASSEN, 'involvement'))).toContain(VT_DRENTHE);
    expect(involved(await householdAs('wijkteam-assen', 'neighbourhood-support', EMMEN, 'involvement'))).not.toContain(VT_DRENTHE);
    // Veilig Thuis Drenthe's own region covers both: it controls both records.
    for (const bsn of [ASSEN, EMMEN]) expect(involved(await householdAs(VT_DRENTHE, 'own-records', bsn))).toContain(VT_DRENTHE);
  });
});

describe('The Raad voor de Kinderbescherming: a request for investigation opens what it needs, nothing more', () => {
  it('reads Veilig Thuis\'s report and the children where Veilig Thuis asked it to investigate, and nothing of a household it was not asked about', async () => {
    const RAAD = 'raad-voor-de-kinderbescherming';
    const requested = await householdAs(RAAD, 'child-protection-investigation', '999058101', 'raad');
    expect(narratives(requested, 'veilig-thuis-amsterdam-amstelland').filter((narrative) => narrative !== null)).toHaveLength(1);
    expect(requested?.children.length).toBeGreaterThan(0);
    const none = await householdAs(RAAD, 'child-protection-investigation', '999059105', 'raad');
    expect(none).toBeNull();
  });
});
