/**
 * Explanations for privacy officers: the owner's officer gets the whole trace, each fact as the decision
 * evaluated it or marked not evaluated (never a default); the viewer's officer gets the decision and the
 * grants considered, not the owner's facts; caseworkers get FORBIDDEN; and a decision id from a redaction
 * replays from the audit trail, showing what the recorded decision proves and nothing recomputed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

let gateway: TestGateway;
let reportId: string;
/** The AMK's own id of the same report (ids are pairwise: docs/identifiers.md). */
let reportIdOfAmk: string;
const scenario1 = createWorld().households[0]!;
const EXPLAIN = `query($id: ID!) { explainAccess(input: { viewerAgencyId: "amk-groningen", purpose: "child-abuse-assessment", coordinate: "Report.narrative", recordId: $id }) {
  effect reason agreement { key article } failedCondition
  facts { householdHasMinors { state value text } viewerInvolved { state value text } referrals { state referrals { kind status } text } }
  agreements { key grants { grantId outcome decisive conditions { condition outcome } } } } }`;
const officer = (agencyId: string) => ({ agencyId, purpose: 'privacy-audit', role: 'privacy-officer' });

beforeAll(async () => {
  gateway = await startTestGateway();
  const owner = await gateway.query({ agencyId: 'ashg-groningen', purpose: 'case-conference' }, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { id owner { id } } } }', { bsn: scenario1.members[0]!.bsn });
  const reports = (owner.body.data?.householdsOfPerson as { reports: { id: string; owner: { id: string } }[] }[])[0]!.reports;
  reportId = reports.find((report) => report.owner.id === 'ashg-groningen')!.id;
  const viewer = await gateway.query({ agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' }, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { id owner { id } } } }', { bsn: scenario1.members[0]!.bsn });
  const seen = (viewer.body.data?.householdsOfPerson as { reports: { id: string; owner: { id: string } }[] }[])[0]!.reports;
  reportIdOfAmk = seen.find((report) => report.owner.id === 'ashg-groningen')!.id;
});
afterAll(async () => gateway?.close());

type Explanation = { effect: string; agreement: { key: string; article: string } | null; facts: unknown; agreements: { key: string; grants: { outcome: string; conditions: { outcome: string }[] }[] }[] };

it('gives the owning agency\'s officer the whole trace', async () => {
  const response = await gateway.query(officer('ashg-groningen'), EXPLAIN, { id: reportId });
  const explanation = response.body.data?.explainAccess as Explanation;
  expect(explanation).toMatchObject({
    effect: 'ALLOW', agreement: { key: 'groningen-ashg-amk@2', article: 'art. 4.1' },
    facts: {
      householdHasMinors: { state: 'EVALUATED', value: true, text: 'minors in the household: yes' },
      // No condition of the grant that allowed reads it: not evaluated, not "no".
      viewerInvolved: { state: 'NOT_EVALUATED', value: null, text: 'the viewer agency holds a record in the household: not evaluated' },
      referrals: { state: 'EVALUATED' },
    },
  });
  const v2 = explanation.agreements.find((agreement) => agreement.key === 'groningen-ashg-amk@2')!;
  expect(v2.grants.some((grant) => grant.outcome === 'HOLDS' && grant.conditions.every((condition) => condition.outcome === 'HOLDS'))).toBe(true);
});

it("answers the viewing agency's officer about another organisation's record as about none; the trail explains its decision without the owner's facts", async () => {
  expect(reportIdOfAmk).not.toBe(reportId);
  // explainAccess is about the officer's own organisation's records: the ASHG's report, named by the AMK's
  // own id or by the ASHG's, answers exactly as a record that does not exist.
  const byOwnId = await gateway.query(officer('amk-groningen'), EXPLAIN, { id: reportIdOfAmk });
  const foreign = await gateway.query(officer('amk-groningen'), EXPLAIN, { id: reportId });
  const forged = await gateway.query(officer('amk-groningen'), EXPLAIN, { id: `rp_${Buffer.from('x'.repeat(48)).toString('base64url')}` });
  expect(byOwnId.body).toEqual({ data: { explainAccess: null } });
  expect(foreign.body).toEqual(byOwnId.body);
  expect(forged.body).toEqual(byOwnId.body);
  // What the AMK did read is in its trail, and explainDecision tells why: the agreement and article,
  // which conditions the grant has, not whether they held (the ASHG's record says that).
  await gateway.query({ agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' }, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { narrative } } }', { bsn: scenario1.members[0]!.bsn });
  const trail = await gateway.query(officer('amk-groningen'), `{ auditEntries(filter: { viewerAgencyId: "amk-groningen", ownerAgencyId: "ashg-groningen", agreementKey: "groningen-ashg-amk@2" }, first: 50) {
    edges { node { decisions { id coordinate reason } } } } }`);
  const decision = (trail.body.data?.auditEntries as { edges: { node: { decisions: { id: string; coordinate: string; reason: string }[] } }[] }).edges
    .flatMap((edge) => edge.node.decisions).find((candidate) => candidate.coordinate === 'Report.narrative' && candidate.reason === 'GRANT')!;
  const response = await gateway.query(officer('amk-groningen'), `query($id: ID!) { explainDecision(id: $id) {
    effect agreement { key article } failedCondition facts { householdHasMinors { state value text } referrals { state referrals { kind } text } }
    agreements { key grants { grantId outcome decisive conditions { condition outcome } } } } }`, { id: decision.id });
  const explanation = response.body.data?.explainDecision as Explanation;
  expect(explanation).toMatchObject({
    effect: 'ALLOW', agreement: { key: 'groningen-ashg-amk@2', article: 'art. 4.1' }, failedCondition: null,
    facts: {
      householdHasMinors: { state: 'NOT_SHOWN', value: null, text: "minors in the household: not shown: another organisation's record" },
      referrals: { state: 'NOT_SHOWN', referrals: null, text: "referrals: not shown: another organisation's record" },
    },
  });
  for (const agreement of explanation.agreements) {
    for (const grant of agreement.grants) {
      expect(['FAILS', 'NOT_SHOWN', 'NOT_EVALUATED']).toContain(grant.outcome);
      for (const condition of grant.conditions) expect(['NOT_EVALUATED', 'NOT_SHOWN']).toContain(condition.outcome);
    }
  }
});

it('refuses caseworkers: their schema has no explain queries, and names none', async () => {
  const response = await gateway.query({ agencyId: 'ashg-groningen', purpose: 'privacy-audit', role: 'caseworker' }, EXPLAIN, { id: reportId });
  expect(response.status).toBe(400);
  expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(response.body.errors?.[0]?.message).toMatch(/Cannot query field "explainAccess" on type "Query"/);
  expect(JSON.stringify(response.body)).not.toMatch(/Did you mean|explainDecision/);
  expect(response.body.data?.explainAccess ?? null).toBeNull();
});

it('replays a redaction\'s decision id for the officer of the agency that was refused', async () => {
  const asAshg = await gateway.query({ agencyId: 'ashg-groningen', purpose: 'case-conference' },
    'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { narrative } } }', { bsn: scenario1.members[0]!.bsn });
  const redaction = asAshg.body.extensions?.redactions?.find((entry) => entry.coordinate === 'Report.narrative');
  expect(redaction?.reason).toBe('NO_GRANT');
  const response = await gateway.query(officer('ashg-groningen'), 'query($id: ID!) { explainDecision(id: $id) { decisionId effect reason coordinate owner { id } } }', { id: redaction!.decisionId });
  expect(response.body.data?.explainDecision).toEqual({ decisionId: redaction!.decisionId, effect: 'DENY', reason: 'NO_GRANT', coordinate: 'Report.narrative', owner: { id: 'amk-groningen' } });
  const other = await gateway.query(officer('bjz-groningen'), 'query($id: ID!) { explainDecision(id: $id) { decisionId } }', { id: redaction!.decisionId });
  expect(other.body.data?.explainDecision).toBeNull();
});

it('shows no fact the decision did not evaluate: the owner\'s own access to a household with three children is not "no minors"', async () => {
  const world = createWorld({ households: 60 });
  const family = world.households.find((household) => household.members.filter((member) => member.role === 'CHILD').length === 3
    && Object.keys(household.cases).includes('ashg-groningen'))!;
  const asAshg = { agencyId: 'ashg-groningen', purpose: 'case-conference' };
  const read = await gateway.query(asAshg, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id hasMinors } }', { bsn: family.members[0]!.bsn });
  const [household] = read.body.data?.householdsOfPerson as { id: string; hasMinors: boolean }[];
  expect(household?.hasMinors).toBe(true);
  const minors = 'facts { householdHasMinors { state value text } subjectIsMinor { state text } viewerInvolved { state text } referrals { state text } }';
  const asked = await gateway.query(officer('ashg-groningen'), `query($id: ID!) { explainAccess(input: {
    viewerAgencyId: "ashg-groningen", purpose: "case-conference", coordinate: "Household.hasMinors", recordId: $id }) { effect reason ${minors} } }`, { id: household!.id });
  expect(asked.body.data?.explainAccess).toEqual({
    effect: 'ALLOW', reason: 'OWNER',
    facts: {
      householdHasMinors: { state: 'NOT_EVALUATED', value: null, text: 'minors in the household: not evaluated' },
      subjectIsMinor: { state: 'NOT_EVALUATED', text: 'the person the record is about is a minor: not evaluated' },
      viewerInvolved: { state: 'NOT_EVALUATED', text: 'the viewer agency holds a record in the household: not evaluated' },
      referrals: { state: 'NOT_EVALUATED', text: 'referrals: not evaluated' },
    },
  });
  // The same decision replayed from the audit trail: the trail keeps no facts, and none is made up.
  const decisions = await gateway.query(officer('ashg-groningen'), `{ auditEntries(filter: { viewerAgencyId: "ashg-groningen", kind: ACCESS }, first: 200) {
    edges { node { decisions { id coordinate reason } } } } }`);
  const entries = (decisions.body.data?.auditEntries as { edges: { node: { decisions: { id: string; coordinate: string; reason: string }[] } }[] }).edges;
  const owned = entries.flatMap((edge) => edge.node.decisions).find((decision) => decision.coordinate === 'Household.hasMinors' && decision.reason === 'OWNER');
  expect(owned).toBeDefined();
  const replayed = await gateway.query(officer('ashg-groningen'), `query($id: ID!) { explainDecision(id: $id) { effect reason ${minors} } }`, { id: owned!.id });
  expect(replayed.body.data?.explainDecision).toMatchObject({ effect: 'ALLOW', reason: 'OWNER', facts: { householdHasMinors: { state: 'NOT_EVALUATED', value: null } } });
  expect(JSON.stringify(replayed.body)).not.toMatch(/minors in the household: no\b/);
});
