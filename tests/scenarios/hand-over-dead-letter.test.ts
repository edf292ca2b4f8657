/**
 * The dead letter (issue 13): an act the receiver's system keeps refusing becomes FAILED after its last
 * attempt; the sender's privacy officer sees it among the organisation's acts and delivers it again
 * with retryAct, once the receiver is back. Another organisation's officer cannot touch it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../support/test-gateway.ts';
import { receivedBy } from '../support/received-acts.ts';

const ASHG = { agencyId: 'ashg-groningen', purpose: 'child-abuse-assessment' };
const ASHG_OFFICER = { agencyId: 'ashg-groningen', purpose: 'privacy-audit', role: 'privacy-officer' };
const AMK_OFFICER = { agencyId: 'amk-groningen', purpose: 'privacy-audit', role: 'privacy-officer' };
const GET_ACT = 'query($id: ID!) { act(id: $id) { id status attempts lastError } }';
const RETRY = 'mutation($id: ID!) { retryAct(id: $id) { id status attempts } }';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({ actDelivery: { maxAttempts: 2, baseBackoffMs: 10, maxBackoffMs: 20, pollMs: 25 } });
});
afterAll(async () => gateway?.close());

type Act = { id: string; status: string; attempts: number; lastError: string | null };
const data = <T>(response: GraphQLResponse, field: string): T => {
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return (response.body.data as Record<string, T>)[field]!;
};

async function until(id: string, status: string): Promise<Act> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const act = data<Act>(await gateway.query(ASHG, GET_ACT, { id }), 'act');
    if (act.status === status || Date.now() > deadline) return act;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

it('FAILED after the last attempt, seen and retried by the sender\'s privacy officer only, then delivered once', { timeout: 60_000 }, async () => {
  const bsn = createWorld().households[0]!.members[0]!.bsn;
  const reports = await gateway.query(ASHG, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { id owner { id } } } }', { bsn });
  const reportId = data<{ reports: { id: string; owner: { id: string } }[] }[]>(reports, 'householdsOfPerson')
    .flatMap((household) => household.reports).find((report) => report.owner.id === ASHG.agencyId)!.id;

  const amk = gateway.mocks.get('amk-groningen')!;
  amk.failInbound(1_000_000);
  const queued = data<Act>(await gateway.query(ASHG, 'mutation($input: HandOverCaseInput!) { handOverCase(input: $input) { id status attempts lastError } }', {
    input: { idempotencyKey: 'dead-letter-0001', reportId, to: 'amk-groningen', referralKind: 'HANDOVER_ASHG_TO_AMK' },
  }), 'handOverCase');
  const failed = await until(queued.id, 'FAILED');
  expect(failed).toMatchObject({ status: 'FAILED', attempts: 2 });
  expect(failed.lastError).toMatch(/^[A-Z_]+$/);
  amk.failInbound(0);

  // The dead letter, as the officer finds it; the AMK's officer (the receiver) cannot retry the ASHG's act.
  const listed = data<{ nodes: Act[] }>(await gateway.query(ASHG_OFFICER, '{ acts(status: FAILED) { nodes { id status attempts lastError } } }'), 'acts');
  expect(listed.nodes.map((act) => act.id)).toContain(queued.id);
  const foreign = await gateway.query(AMK_OFFICER, RETRY, { id: queued.id });
  expect((foreign.body.errors?.[0] as { extensions?: { code?: string } } | undefined)?.extensions?.code).toBe('ACT_NOT_FOUND');
  const caseworker = await gateway.query(ASHG, RETRY, { id: queued.id });
  expect(caseworker.body.errors?.[0]).toBeDefined();

  const retried = data<Act>(await gateway.query(ASHG_OFFICER, RETRY, { id: queued.id }), 'retryAct');
  expect(retried.status).toBe('PENDING');
  // The breaker of the AMK's client may still be open from the outage: delivery follows when it half-opens.
  expect((await until(queued.id, 'DELIVERED')).status).toBe('DELIVERED');
  expect(receivedBy(gateway, 'amk-groningen').filter((entry) => entry.actId === queued.id)).toHaveLength(1);
  // A second retry of a delivered act is refused.
  const again = await gateway.query(ASHG_OFFICER, RETRY, { id: queued.id });
  expect((again.body.errors?.[0] as { extensions?: { code?: string } } | undefined)?.extensions?.code).toBe('BAD_USER_INPUT');
});
