/**
 * The three benchmark scenarios, the same query text on every contender, and the viewer each runs as.
 * Scenario (a) runs on a household where all four agencies hold records, picked from the world.
 */
import type { World, WorldHousehold } from '#mock-world/index.ts';

export type ScenarioId = 'a' | 'b' | 'c';

export interface Viewer {
  readonly agencyId: string;
  readonly role: string;
  readonly purpose: string;
}

export interface Scenario {
  readonly id: ScenarioId;
  readonly title: string;
  readonly viewer: Viewer;
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  /** What the scenario was run on, in words, for the report. */
  readonly subject: string;
}

/** The ASHG chairs the case conference (DOMAIN section 1): the natural viewer of shared case status. */
export const CASE_CONFERENCE_VIEWER: Viewer = { agencyId: 'ashg-groningen', role: 'caseworker', purpose: 'case-conference' };

export const FOUR_AGENCIES = ['ashg-groningen', 'amk-groningen', 'politie-noord-nederland', 'bjz-groningen'] as const;

/** The first household of the municipality Groningen (covenant region) that all four agencies know. */
export function pickSharedHousehold(world: World): { household: WorldHousehold; bsn: string; allFour: boolean } {
  const allFour = world.households.find((household) => household.municipality === 'Groningen'
    && FOUR_AGENCIES.every((agencyId) => household.cases[agencyId]));
  const household = allFour ?? world.households.find((candidate) => candidate.scenario === 2);
  if (!household) throw new Error('the world has neither a four-agency household nor scenario 2');
  // A parent the ASHG registered: the person a case conference would look up.
  const ashgBsns = new Set(household.cases['ashg-groningen']?.memberBsns ?? []);
  const person = household.members.find((member) => member.role !== 'CHILD' && ashgBsns.has(member.bsn)) ?? household.members[0];
  if (!person) throw new Error(`household ${household.key} has no members`);
  return { household, bsn: person.bsn, allFour: allFour !== undefined };
}

const QUERY_A = `query CaseStatusOfPerson($bsn: String!) {
  householdsOfPerson(bsn: $bsn) { caseStatus { involvements { agency { id } phase phaseCategory since contact { name } } } }
}`;
const QUERY_B = `query HouseholdPage($municipality: String!, $first: Int!) {
  households(municipality: $municipality, first: $first) { edges { node { id children { name } reports { phase narrative } referrals { status kind } } } }
}`;
const QUERY_C = '{ me { role } }';

/**
 * The documents the benchmark sends, by the organisation that sends them: the guarded gateway runs with
 * trusted documents on, as production does, and these are its registered operations.
 */
/** The write scenario's caller (measure-acts.ts): the ASHG hands cases over to the AMK, as in DOMAIN scenario 1. */
export const ACT_SENDER: Viewer = { agencyId: 'ashg-groningen', role: 'caseworker', purpose: 'child-abuse-assessment' };
export const OWN_REPORTS = `query OwnReports($municipality: String!) {
  households(municipality: $municipality, first: 50) { edges { node { hasMinors reports { id owner { id } phaseCategory } } } }
}`;
export const HAND_OVER = `mutation HandOver($input: HandOverCaseInput!) {
  handOverCase(input: $input) { id status }
}`;

export const BENCH_OPERATIONS: Readonly<Record<string, readonly string[]>> = {
  [CASE_CONFERENCE_VIEWER.agencyId]: [QUERY_A, QUERY_B, QUERY_C, OWN_REPORTS, HAND_OVER],
};

export const MUNICIPALITY_B = 'Groningen';
export const PAGE_B = 50;

export function createScenarios(world: World): Scenario[] {
  const shared = pickSharedHousehold(world);
  return [
    {
      id: 'a',
      title: 'shared case status of one household across the four agencies',
      viewer: CASE_CONFERENCE_VIEWER,
      query: QUERY_A,
      variables: { bsn: shared.bsn },
      subject: `world household ${shared.household.key} (${shared.household.municipality}; `
        + `${shared.allFour ? 'all four agencies hold records' : 'scenario 2: no four-agency household found'}), looked up by a parent's BSN`,
    },
    {
      id: 'b',
      title: `${PAGE_B} households with their children, reports and referrals (nested)`,
      viewer: CASE_CONFERENCE_VIEWER,
      query: QUERY_B,
      variables: { municipality: MUNICIPALITY_B, first: PAGE_B },
      subject: `first ${PAGE_B} households of municipality ${MUNICIPALITY_B}`,
    },
    {
      id: 'c',
      title: 'trivial query',
      viewer: CASE_CONFERENCE_VIEWER,
      query: QUERY_C,
      variables: {},
      subject: 'the caller only; no upstream',
    },
  ];
}
