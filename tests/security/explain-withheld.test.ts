/**
 * An officer sees the facts of its own organisation's records only. Scenario 3 without Bureau
 * Jeugdzorg's own record: the police's record of the household, with its 0-18 referral, lets the BJZ
 * see who lives there and the identity of the 15-year-old, not the father's (vroegsignalering art. 4.2:
 * the person must be a minor). The police's officer is told which condition failed and which held; the
 * BJZ's officer, explaining its own caseworker's refusal, gets the decision, the agreement and the
 * grant, and of the police's record nothing: facts and condition outcomes "not shown: another
 * organisation's record", no failed condition, in the explanation and in its audit trail alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '#mock-world/index.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const POLITIE = 'politie-noord-nederland';
const BJZ = 'bjz-groningen';
const base = createWorld({ households: 60 });
const S3 = base.households.find((household) => household.scenario === 3)!;
const father = S3.members.find((member) => member.role !== 'CHILD')!;
// The police list the girl before her father: the trail's first edition keeps one decision per record and
// field (src/enforcement/audit-buffer.ts), the last made, so the father's refusal is the one it keeps.
const WORLD: World = {
  households: base.households.map((household) => {
    if (household !== S3) return household;
    const { [BJZ]: _bjz, ...cases } = household.cases;
    const police = cases[POLITIE]!;
    return { ...household, members: [...household.members].reverse(), cases: { ...cases, [POLITIE]: { ...police, memberBsns: [...police.memberBsns].reverse() } } };
  }),
};
const officer = (agencyId: string) => ({ agencyId, purpose: 'privacy-audit', role: 'privacy-officer' });
const EXPLAIN = `query($id: ID!) { explainDecision(id: $id) {
  decisionId owner { id } coordinate effect reason redactionReason agreement { key article } ruleId failedCondition
  facts {
    householdHasMinors { state value text } subjectIsMinor { state value text } viewerInvolved { state value text }
    referrals { state referrals { fromAgencyId toAgencyId kind status } complete text }
  }
  agreements { key grants { grantId outcome decisive conditions { condition outcome } } }
} }`;

interface Decision { id: string; coordinate: string; reason: string; failedCondition: string | null }
type Explanation = { failedCondition: string | null; facts: Record<string, { state: string; text: string }>; agreements: { key: string; grants: { grantId: string; outcome: string; decisive: boolean; conditions: { condition: string; outcome: string }[] }[] }[] };

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({ world: WORLD });
  const read = await gateway.query({ agencyId: BJZ, purpose: 'early-intervention' }, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { members { id role name } } }', { bsn: father.bsn });
  const [household] = read.body.data?.householdsOfPerson as { members: { role: string; name: string | null }[] }[];
  // The household is shown through the police's record; the father's name is withheld, the girl's released.
  expect(household?.members.filter((member) => member.name !== null).map((member) => member.role)).toEqual(['CHILD']);
  expect(read.body.extensions?.redactions?.some((redaction) => redaction.coordinate === 'HouseholdMember.name' && redaction.reason === 'CONDITIONS_NOT_MET')).toBe(true);

});
afterAll(async () => gateway?.close());

/** The refusal of the father's name, as an officer's trail shows it. */
async function refusal(agencyId: string): Promise<Decision> {
  const response = await gateway.query(officer(agencyId), `query($bsn: String!) { auditEntries(filter: { subjectBsn: $bsn, viewerAgencyId: "${BJZ}", ownerAgencyId: "${POLITIE}", kind: ACCESS }, first: 50) {
    edges { node { decisions { id coordinate reason failedCondition } } } } }`, { bsn: father.bsn });
  const decisions = (response.body.data?.auditEntries as { edges: { node: { decisions: Decision[] } }[] }).edges.flatMap((edge) => edge.node.decisions);
  const found = decisions.find((decision) => decision.coordinate === 'HouseholdMember.name' && decision.reason === 'CONDITIONS_NOT_MET');
  expect(found, JSON.stringify(response.body)).toBeDefined();
  return found!;
}

async function explained(agencyId: string, id: string): Promise<Explanation> {
  const response = await gateway.query(officer(agencyId), EXPLAIN, { id });
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.explainDecision as Explanation;
}

const grantOf = (explanation: Explanation) => explanation.agreements.find((a) => a.key === 'vroegsignalering-0-18@1')!.grants.find((g) => g.grantId === 'bjz-reads-minor-identity')!;

describe("explaining a decision about another organisation's record", () => {
  it("tells the owner's officer which condition failed, from the recorded decision alone", async () => {
    const decision = await refusal(POLITIE);
    expect(decision.failedCondition).toBe('the person the record is about is a minor');
    const explanation = await explained(POLITIE, decision.id);
    expect(explanation.failedCondition).toBe('the person the record is about is a minor');
    expect(grantOf(explanation)).toMatchObject({ outcome: 'FAILS', decisive: true });
    expect(grantOf(explanation).conditions.map((condition) => condition.outcome)).toEqual(['HOLDS', 'HOLDS', 'HOLDS', 'FAILS']);
    // The trail keeps the facts the decision evaluated with its entry: shown as recorded, to the owner's officer.
    expect(explanation.facts.subjectIsMinor).toEqual({ state: 'EVALUATED', value: false, text: 'the person the record is about is a minor: no' });
    expect(explanation.facts.viewerInvolved).toEqual({ state: 'NOT_EVALUATED', value: null, text: 'the viewer agency holds a record in the household: not evaluated' });
  });

  it("tells the viewer's officer the decision, agreement and grant, and nothing of the police's record", async () => {
    const decision = await refusal(BJZ);
    expect(decision.failedCondition).toBeNull();
    const explanation = await explained(BJZ, decision.id);
    expect(explanation).toMatchObject({
      owner: { id: POLITIE }, effect: 'DENY', reason: 'CONDITIONS_NOT_MET', redactionReason: 'CONDITIONS_NOT_MET', failedCondition: null,
      agreement: { key: 'vroegsignalering-0-18@1', article: 'art. 4.2' }, ruleId: 'bjz-reads-minor-identity',
      facts: {
        householdHasMinors: { state: 'NOT_SHOWN', text: "minors in the household: not shown: another organisation's record" },
        subjectIsMinor: { state: 'NOT_SHOWN', text: "the person the record is about is a minor: not shown: another organisation's record" },
        referrals: { state: 'NOT_SHOWN', referrals: null, text: "referrals: not shown: another organisation's record" },
      },
    });
    expect(grantOf(explanation)).toMatchObject({ outcome: 'NOT_SHOWN', decisive: true });
    expect(grantOf(explanation).conditions.every((condition) => condition.outcome === 'NOT_SHOWN')).toBe(true);
    // Only what the request alone decides: a grant that does not fit fails whatever the record says.
    const conditions = explanation.agreements.flatMap((agreement) => agreement.grants).flatMap((grant) => grant.conditions.map((condition) => condition.outcome));
    expect(new Set(conditions)).toEqual(new Set(['NOT_EVALUATED', 'NOT_SHOWN']));
    expect(new Set(explanation.agreements.flatMap((agreement) => agreement.grants).map((grant) => grant.outcome))).toEqual(new Set(['FAILS', 'NOT_SHOWN']));
    expect(Object.values(explanation.facts).map((fact) => fact.state).filter((state) => state !== 'NOT_SHOWN' && state !== 'NOT_EVALUATED')).toEqual([]);
    const text = JSON.stringify(explanation);
    for (const member of S3.members) for (const needle of [member.bsn, member.name, member.birthDate]) expect(text).not.toContain(needle);
  });
});
