/**
 * Fail closed for acts: when the trail's store cannot take an act with its entries, the act is refused
 * (AUDIT_UNAVAILABLE), nothing is queued and nothing reaches the receiver; when the store is back, the
 * same request (same key) queues it once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSqliteAuditStore } from '#src/audit/sqlite/store.ts';
import type { AuditStore } from '#src/audit/store.ts';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';
import { receivedBy } from '../support/received-acts.ts';

const ASHG = { agencyId: 'ashg-groningen', purpose: 'child-abuse-assessment' };
const HAND_OVER = 'mutation($input: HandOverCaseInput!) { handOverCase(input: $input) { id status } }';

const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-trail-down-'));
const store = createSqliteAuditStore({ path: join(dir, 'audit.sqlite') });
let down = false;
/** The store, whose act writes fail while `down` (a full disk, a vanished volume). */
const failing: AuditStore = {
  ...store,
  acts: { ...store.acts, enqueue: (...args) => (down ? Promise.reject(new Error('disk I/O error')) : store.acts.enqueue(...args)) },
};
let gateway: TestGateway;
beforeAll(async () => { gateway = await startTestGateway({ audit: failing, actDelivery: { baseBackoffMs: 20, pollMs: 50 } }); });
afterAll(async () => {
  await gateway?.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('refuses the act while the trail cannot record it, and queues it once when it can', async () => {
  const bsn = createWorld().households[0]!.members[0]!.bsn;
  const reports = await gateway.query(ASHG, 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { id owner { id } } } }', { bsn });
  const reportId = (reports.body.data?.householdsOfPerson as { reports: { id: string; owner: { id: string } }[] }[])
    .flatMap((household) => household.reports).find((report) => report.owner.id === ASHG.agencyId)!.id;
  const input = { idempotencyKey: 'trail-down-0001', reportId, to: 'amk-groningen', referralKind: 'HANDOVER_ASHG_TO_AMK' };

  down = true;
  const refused = await gateway.query(ASHG, HAND_OVER, { input });
  expect(refused.status).toBe(503);
  expect(refused.body.errors?.[0]?.extensions?.code).toBe('AUDIT_UNAVAILABLE');
  expect(refused.body.data?.handOverCase ?? null).toBeNull();
  expect(await store.acts.byKey(ASHG.agencyId, input.idempotencyKey)).toBeNull();
  expect((await store.query({}, { first: 500 })).entries.filter((entry) => entry.kind === 'act')).toEqual([]);
  // Nothing sneaks out later: give the dispatcher time to deliver anything it had.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(receivedBy(gateway, 'amk-groningen')).toEqual([]);

  down = false;
  const queued = await gateway.query(ASHG, HAND_OVER, { input });
  expect(queued.body.errors).toBeUndefined();
  const id = (queued.body.data as { handOverCase: { id: string } }).handOverCase.id;
  const deadline = Date.now() + 20_000;
  while (receivedBy(gateway, 'amk-groningen').length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(receivedBy(gateway, 'amk-groningen').map((entry) => entry.actId)).toEqual([id]);
});
