/**
 * A gateway killed between queueing an act and delivering it (issue 13): the act was committed with its
 * audit entries, so the next gateway on the same store delivers it, once. Two windows: the act queued
 * and never claimed, and the act claimed by a delivery that died mid-way (its lease runs out).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';
import { createWorld } from '#mock-world/index.ts';
import { receivedBy } from '../support/received-acts.ts';

const ASHG = { agencyId: 'ashg-groningen', purpose: 'child-abuse-assessment' };
const HAND_OVER = 'mutation($input: HandOverCaseInput!) { handOverCase(input: $input) { id status } }';
const REPORTS = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { id owner { id } } } }';
const GET_ACT = 'query($id: ID!) { act(id: $id) { id status attempts } }';

const dataDir = mkdtempSync(join(tmpdir(), 'ketenpoort-restart-'));
const started: TestGateway[] = [];
afterAll(async () => {
  await Promise.all(started.map((gateway) => gateway.close()));
  rmSync(dataDir, { recursive: true, force: true });
});

async function handOver(gateway: TestGateway, idempotencyKey: string): Promise<string> {
  const household = createWorld().households[0]!;
  const reports = await gateway.query(ASHG, REPORTS, { bsn: household.members[0]!.bsn });
  const reportId = (reports.body.data?.householdsOfPerson as { reports: { id: string; owner: { id: string } }[] }[])
    .flatMap((h) => h.reports).find((report) => report.owner.id === ASHG.agencyId)!.id;
  const response = await gateway.query(ASHG, HAND_OVER, { input: { idempotencyKey, reportId, to: 'amk-groningen', referralKind: 'HANDOVER_ASHG_TO_AMK' } });
  expect(response.body.errors).toBeUndefined();
  const act = (response.body.data as { handOverCase: { id: string; status: string } }).handOverCase;
  expect(act.status).toBe('PENDING');
  return act.id;
}

async function statusOf(gateway: TestGateway, id: string, want: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await gateway.query(ASHG, GET_ACT, { id });
    const status = (response.body.data as { act: { status: string } | null }).act?.status ?? 'MISSING';
    if (status === want || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

it('an act queued by a gateway that died before delivering is delivered once by the next', async () => {
  // The first gateway queues and never delivers: the crash window between the two steps, held open.
  const first = await startTestGateway({ dataDir, actDelivery: { deliver: false } });
  started.push(first);
  const queued = await handOver(first, 'restart-queued-1');
  // A delivery that claimed the act and died mid-way: its lease (300 ms here) has to run out first.
  const claimedId = await handOver(first, 'restart-claimed-1');
  const claimed = await first.gateway.services.audit.acts.claimDue(new Date(Date.now() + 1), 16, 300);
  expect(claimed.map((act) => act.id)).toContain(claimedId);
  expect(receivedBy(first, 'amk-groningen')).toEqual([]);
  await first.close();
  started.pop();

  const second = await startTestGateway({ dataDir, actDelivery: { baseBackoffMs: 20, pollMs: 50, leaseMs: 2000 } });
  started.push(second);
  expect(await statusOf(second, queued, 'DELIVERED')).toBe('DELIVERED');
  expect(await statusOf(second, claimedId, 'DELIVERED')).toBe('DELIVERED');
  const received = receivedBy(second, 'amk-groningen');
  expect(received.filter((delivery) => delivery.actId === queued)).toHaveLength(1);
  expect(received.filter((delivery) => delivery.actId === claimedId)).toHaveLength(1);
});
