/**
 * Veilig Thuis hands a family to a wijkteam (issue 13, kindroute-amsterdam-amstelland art. 4): the children
 * witnessed partner violence, so Veilig Thuis Amsterdam-Amstelland hands the household to the Ouder- en
 * Kindteam of Amsterdam for voluntary help. The team has no record system behind the gateway: the act is
 * delivered into the gateway's inbox, where the team's staff read exactly the granted fields (never the
 * report) until they answer; the answer goes into Veilig Thuis's own system and erases what was kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../support/test-gateway.ts';

const VT = { agencyId: 'veilig-thuis-amsterdam-amstelland', purpose: 'voluntary-help' };
const TEAM = { agencyId: 'wijkteam-amsterdam', purpose: 'voluntary-help' };
const TEAM_OFFICER = { agencyId: 'wijkteam-amsterdam', purpose: 'privacy-audit', role: 'privacy-officer' };
const GI = { agencyId: 'jeugdbescherming-regio-amsterdam', purpose: 'child-protection' };
// The S5 pair of the regional world (src/mock-world/scenarios-today.ts): only the child's role differs.
const WITNESS = '999057108';
const VICTIM = '999056104';

const REPORTS = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { id narrative owner { id } } members { name } } }';
const HAND_OVER = 'mutation($input: HandOverCaseInput!) { handOverCase(input: $input) { id status fieldsSent basis } }';
const ACT = 'query($id: ID!) { act(id: $id) { id status answer received { municipality reason records { type fields { coordinate value } } } } }';
const ANSWER = 'mutation($input: AnswerReferralInput!) { answerReferral(input: $input) { id status } }';

type Received = { municipality: string; reason: string | null; records: { type: string; fields: { coordinate: string; value: string | null }[] }[] };
type Act = { id: string; status: string; answer: string | null; received: Received | null; fieldsSent?: string[]; basis?: string[] };

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({ actDelivery: { baseBackoffMs: 20, pollMs: 50 } });
});
afterAll(async () => gateway?.close());

function data<T>(response: GraphQLResponse, field: string): T {
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return (response.body.data as Record<string, T>)[field]!;
}

async function vtReport(bsn: string): Promise<{ reportId: string; narrative: string; names: string[] }> {
  const households = data<{ reports: { id: string; narrative: string | null; owner: { id: string } }[]; members: { name: string | null }[] | null }[]>(
    await gateway.query(VT, REPORTS, { bsn }), 'householdsOfPerson');
  const report = households.flatMap((household) => household.reports).find((candidate) => candidate.owner.id === VT.agencyId)!;
  return { reportId: report.id, narrative: report.narrative ?? '', names: households.flatMap((household) => household.members ?? []).flatMap((member) => member.name ?? []) };
}

async function until(as: typeof TEAM | typeof VT, id: string, statuses: string[]): Promise<Act> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const act = data<Act | null>(await gateway.query(as, ACT, { id }), 'act');
    if ((act && statuses.includes(act.status)) || Date.now() > deadline) return act!;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('a family handed to the Ouder- en Kindteam, read from the gateway\'s inbox', () => {
  let actId: string;
  let sent: Awaited<ReturnType<typeof vtReport>>;

  it('Veilig Thuis hands the witness household over under kindroute art. 4; the team reads exactly what travelled, never the report', async () => {
    sent = await vtReport(WITNESS);
    const act = data<Act>(await gateway.query(VT, HAND_OVER, { input: {
      idempotencyKey: `team-${process.pid}-1`, reportId: sent.reportId, to: TEAM.agencyId, referralKind: 'TO_WIJKTEAM', reason: 'Kinderen getuige van partnergeweld; gezin staat open voor hulp.',
    } }), 'handOverCase');
    expect(act.basis).toEqual(['kindroute-amsterdam-amstelland@1#art. 4']);
    expect(act.fieldsSent).not.toContain('Report.narrative');
    actId = act.id;

    const received = await until(TEAM, actId, ['DELIVERED', 'FAILED']);
    expect(received.status).toBe('DELIVERED');
    expect(received.received).not.toBeNull();
    const coordinates = received.received!.records.flatMap((record) => record.fields.map((field) => field.coordinate));
    expect(new Set(coordinates)).toEqual(new Set(act.fieldsSent));
    expect(received.received!.reason).toContain('getuige');
    expect(received.received!.records.some((record) => record.type === 'Report')).toBe(false);
    const values = received.received!.records.flatMap((record) => record.fields.map((field) => field.value));
    expect(values).toEqual(expect.arrayContaining(sent.names.slice(0, 1)));
    if (sent.narrative) expect(JSON.stringify(received.received)).not.toContain(sent.narrative);
  });

  it('nobody else reads it: not the team\'s privacy officer, not another organisation', async () => {
    expect(data<Act | null>(await gateway.query(TEAM_OFFICER, ACT, { id: actId }), 'act')?.received ?? null).toBeNull();
    expect(data<Act | null>(await gateway.query(GI, ACT, { id: actId }), 'act')).toBeNull();
    expect(data<Act | null>(await gateway.query(VT, ACT, { id: actId }), 'act')?.received).toBeNull();
  });

  it('each read is in the trail, under the team', async () => {
    const entries = await gateway.gateway.services.audit.query({ viewerAgencyId: TEAM.agencyId }, { first: 100 });
    expect(entries.entries.some((entry) => entry.kind === 'access' && entry.searchTerms?.receivedAct === actId)).toBe(true);
  });

  it('the team accepts: Veilig Thuis sees ACCEPTED, and what the inbox kept is erased', async () => {
    const answer = data<Act>(await gateway.query(TEAM, ANSWER, { input: { idempotencyKey: `team-${process.pid}-2`, actId, answer: 'ACCEPTED' } }), 'answerReferral');
    expect(answer.status).toBe('PENDING');
    expect((await until(VT, actId, ['ACCEPTED'])).status).toBe('ACCEPTED');
    expect((await until(TEAM, actId, ['ACCEPTED'])).received).toBeNull();
    const row = await gateway.gateway.services.audit.acts.get(actId);
    expect(row?.payload).toBeNull();
  });

  it('a household where a child is a direct victim is no case for the team: ACT_NOT_ALLOWED, nothing queued', async () => {
    const victim = await vtReport(VICTIM);
    const refused = await gateway.query(VT, HAND_OVER, { input: { idempotencyKey: `team-${process.pid}-3`, reportId: victim.reportId, to: TEAM.agencyId, referralKind: 'TO_WIJKTEAM' } });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('ACT_NOT_ALLOWED');
    expect(await gateway.gateway.services.audit.acts.byKey(VT.agencyId, `team-${process.pid}-3`)).toBeNull();
  });
});
