/**
 * What a receiver's system got through an act shows in the gateway's reads (issue 13): DOMAIN scenario 1
 * played through the gateway over real HTTP into the mocks. The ASHG hands the case over to the AMK; once
 * delivered, the AMK's own reads hold a new report with the narrative it received (and nothing that did not
 * travel); the AMK accepts; once that answer is delivered, the ASHG's own referral of the hand-off shows
 * ACCEPTED; once the AMK's feedback that it is caring for the family is delivered, RUNNING.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../support/test-gateway.ts';

const ASHG = { agencyId: 'ashg-groningen', purpose: 'child-abuse-assessment' };
const AMK = { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' };

const ACT = 'id status receiver { id } fieldsSent';
const HAND_OVER = `mutation($input: HandOverCaseInput!) { handOverCase(input: $input) { ${ACT} } }`;
const ANSWER = `mutation($input: AnswerReferralInput!) { answerReferral(input: $input) { ${ACT} } }`;
const FEEDBACK = `mutation($input: GiveFeedbackInput!) { giveFeedback(input: $input) { ${ACT} } }`;
const GET_ACT = `query($id: ID!) { act(id: $id) { ${ACT} } }`;
const HOUSEHOLDS = `query($bsn: String!) { householdsOfPerson(bsn: $bsn) {
  reports { id owner { id } narrative violenceTypes urgency reporter { name } restrictedInformation safetyAssessment { dueBy } }
  referrals { id owner { id } kind status to { id } }
} }`;

interface Act { id: string; status: string; receiver: { id: string } | null; fieldsSent: string[] }
interface Report { id: string; owner: { id: string } | null; narrative: string | null; violenceTypes: string[] | null; urgency: string | null; reporter: unknown; restrictedInformation: string | null; safetyAssessment: unknown }
interface Referral { id: string; owner: { id: string } | null; kind: string | null; status: string | null; to: { id: string } | null }
type Caller = typeof ASHG;

const scenario1 = createWorld().households[0]!;
const bsn = scenario1.members[0]!.bsn;
const ashgReport = scenario1.cases['ashg-groningen']!.reports[0]!;
let gateway: TestGateway;
let keys = 0;
const key = (): string => `reads-key-${Date.now()}-${keys++}`;

beforeAll(async () => {
  gateway = await startTestGateway({ actDelivery: { baseBackoffMs: 20, maxBackoffMs: 1000, maxAttempts: 100, pollMs: 50 } });
});
afterAll(async () => gateway?.close());

function data<T>(response: GraphQLResponse, field: string): T {
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return (response.body.data as Record<string, T>)[field]!;
}

async function households(as: Caller): Promise<{ reports: Report[]; referrals: Referral[] }> {
  const found = data<{ reports: Report[] | null; referrals: Referral[] | null }[]>(await gateway.query(as, HOUSEHOLDS, { bsn }), 'householdsOfPerson');
  return { reports: found.flatMap((household) => household.reports ?? []), referrals: found.flatMap((household) => household.referrals ?? []) };
}

async function until(as: Caller, id: string, status: string): Promise<Act> {
  const deadline = Date.now() + 25_000;
  for (;;) {
    const current = data<Act>(await gateway.query(as, GET_ACT, { id }), 'act');
    if (current.status === status || Date.now() > deadline) return current;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('scenario 1 handed over: what the receiver got shows in its reads, the answer in the sender\'s', () => {
  let handedOver: Act;
  let amkReportsBefore: string[];
  let ashgReferralsBefore: string[];

  it('the ASHG hands the case over to the AMK, and it is delivered', async () => {
    const before = await households(AMK);
    amkReportsBefore = before.reports.filter((report) => report.owner?.id === AMK.agencyId).map((report) => report.id);
    ashgReferralsBefore = (await households(ASHG)).referrals.filter((referral) => referral.owner?.id === ASHG.agencyId).map((referral) => referral.id);
    const reportId = (await households(ASHG)).reports.find((report) => report.owner?.id === ASHG.agencyId)!.id;
    handedOver = data<Act>(await gateway.query(ASHG, HAND_OVER, { input: {
      idempotencyKey: key(), reportId, to: AMK.agencyId, referralKind: 'HANDOVER_ASHG_TO_AMK',
      reason: 'Kinderen getuige van huiselijk geweld; onderzoek door het AMK nodig.',
    } }), 'handOverCase');
    expect(handedOver.fieldsSent).toContain('Report.narrative');
    expect((await until(ASHG, handedOver.id, 'DELIVERED')).status).toBe('DELIVERED');
  });

  it('the AMK sees a new report of its own with the narrative it received, and only what travelled', async () => {
    const { reports, referrals } = await households(AMK);
    const received = reports.filter((report) => report.owner?.id === AMK.agencyId && !amkReportsBefore.includes(report.id));
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ narrative: ashgReport.narrative, reporter: null, restrictedInformation: null, safetyAssessment: null });
    // The AMK's own referral record of the hand-off: offered by the ASHG, to the AMK.
    expect(referrals.filter((referral) => referral.owner?.id === AMK.agencyId && referral.status === 'OFFERED')).toEqual([
      expect.objectContaining({ kind: 'HANDOVER_ASHG_TO_AMK', to: { id: AMK.agencyId } }),
    ]);
  });

  it('the AMK accepts; once the answer is delivered, the ASHG\'s own referral of the hand-off shows ACCEPTED', async () => {
    const answer = data<Act>(await gateway.query(AMK, ANSWER, { input: { idempotencyKey: key(), actId: handedOver.id, answer: 'ACCEPTED' } }), 'answerReferral');
    expect(answer.receiver?.id).toBe(ASHG.agencyId);
    expect((await until(AMK, answer.id, 'DELIVERED')).status).toBe('DELIVERED');
    const own = (await households(ASHG)).referrals.filter((referral) => referral.owner?.id === ASHG.agencyId);
    const added = own.filter((referral) => !ashgReferralsBefore.includes(referral.id));
    expect(added).toEqual([expect.objectContaining({ kind: 'HANDOVER_ASHG_TO_AMK', status: 'ACCEPTED', to: { id: AMK.agencyId } })]);
    // The referrals the ASHG held before are as they were.
    expect(own.filter((referral) => ashgReferralsBefore.includes(referral.id)).map((referral) => referral.status)).toEqual(['RETURNED_UNSAFE', 'ACCEPTED']);
  });

  it('the AMK gives feedback that it is caring for the family; once delivered, the ASHG\'s own referral of the hand-off shows RUNNING', async () => {
    const feedback = data<Act>(await gateway.query({ ...AMK, purpose: 'case-conference' }, FEEDBACK, { input: {
      idempotencyKey: key(), actId: handedOver.id, phaseCategory: 'CARE',
    } }), 'giveFeedback');
    expect(feedback.fieldsSent).toContain('Involvement.phaseCategory');
    expect((await until(AMK, feedback.id, 'DELIVERED')).status).toBe('DELIVERED');
    const added = (await households(ASHG)).referrals.filter((referral) => referral.owner?.id === ASHG.agencyId && !ashgReferralsBefore.includes(referral.id));
    expect(added).toEqual([expect.objectContaining({ kind: 'HANDOVER_ASHG_TO_AMK', status: 'RUNNING', to: { id: AMK.agencyId } })]);
  });
});
