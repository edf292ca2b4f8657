/**
 * explainAccess never tells a privacy officer which other organisations hold records on a household or
 * person. The same questions are asked of two worlds that differ only in whether the AMK holds a record
 * (on a family the ASHG also holds, and on a household only the AMK holds): every answer must be the same,
 * found or not found, and a not-found no sooner than the floor in either. On main the answers differed:
 * a household's facts and even its owner came from the AMK's record when the viewer asked about was the AMK.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, GRONINGEN_MUNICIPALITIES, type World, type WorldHousehold } from '#mock-world/index.ts';
import { calledSince, startTestGateway, upstreamCalls, type GraphQLResponse, type TestGateway } from '../support/test-gateway.ts';

const ASHG = 'ashg-groningen';
const AMK = 'amk-groningen';
const FLOOR_MS = 150;
const WORLD = createWorld({ households: 60 });
const minors = (household: WorldHousehold) => household.members.filter((member) => member.role === 'CHILD').length;
const holders = (household: WorldHousehold) => Object.keys(household.cases).sort().join(',');
/** A Groningen family of three children the ASHG and the AMK both hold. */
const family = WORLD.households.find((household) => minors(household) === 3 && holders(household) === `${AMK},${ASHG}`
  && (GRONINGEN_MUNICIPALITIES as readonly string[]).includes(household.municipality))!;
/** A household only the AMK holds. */
const amkOnly = WORLD.households.find((household) => holders(household) === AMK)!;
/** The same world without the AMK: its record on the family and the household only it held are gone. */
const WITHOUT_AMK: World = {
  households: WORLD.households.flatMap((household) => {
    if (household === amkOnly) return [];
    if (household !== family) return [household];
    const { [AMK]: _amk, ...cases } = household.cases;
    return [{ ...household, cases }];
  }),
};

const officer = { agencyId: ASHG, purpose: 'privacy-audit', role: 'privacy-officer' };
const EXPLAIN = `query($input: ExplainAccessInput!) { explainAccess(input: $input) {
  decisionId at day viewer { id } purpose owner { id } coordinate effect reason redactionReason agreement { key article } ruleId failedCondition
  facts {
    householdHasMinors { state value text } subjectIsMinor { state value text } viewerInvolved { state value text }
    referrals { state referrals { fromAgencyId toAgencyId kind status } complete text }
  }
  agreements { key inForce validity grants { grantId outcome decisive conditions { condition outcome } } }
} }`;

interface Ids { household: string; report: string; child: string; member: string }

let withAmk: TestGateway;
let withoutAmk: TestGateway;
beforeAll(async () => {
  // One id secret for both, so the ASHG is shown the same ids in both worlds.
  const env = { KETENPOORT_NOT_FOUND_FLOOR_MS: String(FLOOR_MS), KETENPOORT_ID_SECRET: 'explain-other-organisations-test-secret-0123456789' };
  [withAmk, withoutAmk] = await Promise.all([startTestGateway({ world: WORLD, env }), startTestGateway({ world: WITHOUT_AMK, env })]);
});
afterAll(async () => Promise.all([withAmk?.close(), withoutAmk?.close()]));

/** The ASHG's own ids of the family, as its caseworkers are shown them. */
async function ashgIds(gateway: TestGateway): Promise<Ids> {
  const response = await gateway.query({ agencyId: ASHG, purpose: 'case-conference' },
    'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id reports { id owner { id } } children { id } members { id } } }', { bsn: family.members[0]!.bsn });
  const [household] = response.body.data?.householdsOfPerson as { id: string; reports: { id: string; owner: { id: string } }[]; children: { id: string }[]; members: { id: string }[] }[];
  return {
    household: household!.id, report: household!.reports.find((report) => report.owner.id === ASHG)!.id,
    child: household!.children[0]!.id, member: household!.members[0]!.id,
  };
}

const QUESTIONS: readonly (readonly [keyof Ids, string])[] = [
  ['household', 'Household.hasMinors'], ['household', 'Household.municipality'], ['household', 'Household.caseReference'],
  ['household', 'CaseStatus.involvements'], ['household', 'Involvement.phase'], ['household', 'Address.street'],
  ['report', 'Report.narrative'], ['report', 'Reporter.name'], ['child', 'Child.name'], ['child', 'Child.school'], ['member', 'HouseholdMember.name'],
];
/** Each viewer with the purposes its covenants grant it something for, and one they do not. */
const ASKED: readonly (readonly [string, string])[] = [
  [AMK, 'child-abuse-assessment'], [AMK, 'case-conference'], [ASHG, 'case-conference'], ['politie-noord-nederland', 'zorgmelding-feedback'],
  ['bjz-groningen', 'early-intervention'], ['wijkteam-groningen', 'neighbourhood-support'], ['wijkteam-groningen', 'child-abuse-assessment'],
];

async function ask(gateway: TestGateway, ids: Ids): Promise<GraphQLResponse['body'][]> {
  const answers: GraphQLResponse['body'][] = [];
  for (const [viewerAgencyId, purpose] of ASKED) {
    const batch = await Promise.all(QUESTIONS.map(([kind, coordinate]) => gateway.query(officer, EXPLAIN, { input: { viewerAgencyId, purpose, coordinate, recordId: ids[kind] } })));
    answers.push(...batch.map((response) => response.body));
  }
  return answers;
}

describe("explainAccess on the officer's own records", () => {
  it('answers alike whether or not another organisation holds a record on the household', { timeout: 60_000 }, async () => {
    const [ids, idsWithout] = await Promise.all([ashgIds(withAmk), ashgIds(withoutAmk)]);
    // The household is anchored on a BSN both worlds share: the ASHG is shown the same ids in both.
    expect(idsWithout).toEqual(ids);
    const [answers, answersWithout] = await Promise.all([ask(withAmk, ids), ask(withoutAmk, ids)]);
    expect(answers).toHaveLength(ASKED.length * QUESTIONS.length);
    expect(answersWithout).toEqual(answers);
    const explained = answers.map((body) => body.data?.explainAccess as { owner: { id: string }; effect: string; facts: { householdHasMinors: { state: string; value: boolean | null } } } | null);
    expect(answers.every((body) => body.errors === undefined)).toBe(true);
    // Every answer is about the ASHG's own record, never the AMK's, whoever the viewer asked about is.
    expect(new Set(explained.map((explanation) => explanation?.owner.id))).toEqual(new Set([ASHG]));
    // Not vacuous: decided and undetermined answers both occur, and the three children are minors wherever
    // the decision looked (the ASHG's own record shows them), never "no".
    const effects = new Set(explained.map((explanation) => explanation!.effect));
    expect(effects).toContain('UNDETERMINED');
    expect(effects).toContain('ALLOW');
    expect(explained.some((explanation) => explanation!.facts.householdHasMinors.state === 'EVALUATED')).toBe(true);
    expect(explained.every((explanation) => explanation!.facts.householdHasMinors.value !== false)).toBe(true);
  });

  it("answers a household only another organisation holds exactly as one nobody holds, after the floor, with the same agencies asked", async () => {
    const { ids } = withAmk.gateway.services;
    const anchor = `b:${amkOnly.members.map((member) => member.bsn).sort()[0]}`;
    // The id the ASHG would hold, had it ever been shown that household: its own pseudonym of the record id.
    const id = ids.of(ASHG).show(ids.records.seal('household', [anchor]))!;
    expect(withoutAmk.gateway.services.ids.of(ASHG).show(withoutAmk.gateway.services.ids.records.seal('household', [anchor]))).toBe(id);
    const asked = async (gateway: TestGateway) => {
      const before = upstreamCalls(gateway);
      const started = performance.now();
      const response = await gateway.query(officer, EXPLAIN, { input: { viewerAgencyId: AMK, purpose: 'child-abuse-assessment', coordinate: 'Household.hasMinors', recordId: id } });
      const ms = performance.now() - started;
      const agencies = calledSince(gateway, before);
      return { response, ms, agencies };
    };
    const elsewhere = await asked(withAmk);
    const nowhere = await asked(withoutAmk);
    expect(elsewhere.response.body).toEqual({ data: { explainAccess: null } });
    expect(nowhere.response.body).toEqual(elsewhere.response.body);
    expect(nowhere.response.status).toBe(elsewhere.response.status);
    expect(elsewhere.ms).toBeGreaterThanOrEqual(FLOOR_MS * 0.95);
    expect(nowhere.ms).toBeGreaterThanOrEqual(FLOOR_MS * 0.95);
    // The same work: every agency is asked for the household in both worlds, not only where records are.
    expect(nowhere.agencies).toEqual(elsewhere.agencies);
    expect(elsewhere.agencies).toContain(ASHG);
    // Entered in both trails alike: an explain search that found nothing.
    for (const gateway of [withAmk, withoutAmk]) {
      const trail = await gateway.query(officer, '{ auditEntries(filter: { kind: EXPLAIN }, first: 500) { edges { node { outcome searchTerms { name value } } } } }');
      const entries = (trail.body.data?.auditEntries as { edges: { node: { outcome: string; searchTerms: { name: string; value: string }[] } }[] }).edges;
      expect(entries.map((edge) => edge.node).filter((node) => node.outcome === 'NOT_FOUND'))
        .toEqual([{ outcome: 'NOT_FOUND', searchTerms: expect.arrayContaining([{ name: 'explain', value: 'Household.hasMinors' }]) }]);
    }
  });
});
