/**
 * Fail closed for notifications (docs/notifications.md): while the trail cannot commit, a read that would
 * tell an owner is refused with its notice (AUDIT_UNAVAILABLE, no data, no notice), and a caller is told
 * nothing it cannot be accounted for; when the trail is back, both work and each has its entry.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSqliteAuditStore } from '#src/audit/sqlite/store.ts';
import type { AuditStore } from '#src/audit/store.ts';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const ASHG = { agencyId: 'ashg-groningen', purpose: 'child-abuse-assessment' };
const AMK = { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' };
const READ = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { narrative } } }';
const NOTICES = '{ notifications { cursor kind agency { id } } }';

const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-notices-down-'));
const store = createSqliteAuditStore({ path: join(dir, 'audit.sqlite') });
let down = false;
/** The store, whose commits fail while `down` (a full disk, a vanished volume). */
const failing: AuditStore = {
  ...store,
  append: (...args) => (down ? Promise.reject(new Error('disk I/O error')) : store.append(...args)),
};
let gateway: TestGateway;
beforeAll(async () => { gateway = await startTestGateway({ audit: failing }); });
afterAll(async () => {
  await gateway?.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('refuses the read and its notice together while the trail is down, and tells nothing unaccounted', async () => {
  const bsn = createWorld().households[0]!.members[0]!.bsn;
  down = true;
  const refused = await gateway.query(AMK, READ, { bsn });
  expect(refused.status).toBe(503);
  expect(refused.body.errors?.map((error) => error.extensions?.code)).toEqual(['AUDIT_UNAVAILABLE']);
  expect(refused.body.data ?? null).toBeNull();
  expect(await store.notices.after(ASHG.agencyId, 0, 10)).toEqual([]);

  down = false;
  const read = await gateway.query(AMK, READ, { bsn });
  expect(read.body.errors).toBeUndefined();
  expect(await store.notices.after(ASHG.agencyId, 0, 10)).toHaveLength(1);

  down = true;
  const untold = await gateway.query(ASHG, NOTICES);
  expect(untold.body.errors?.map((error) => error.extensions?.code)).toEqual(['AUDIT_UNAVAILABLE']);
  expect(untold.body.data ?? null).toBeNull();

  down = false;
  const told = await gateway.query(ASHG, NOTICES);
  expect(told.body.errors).toBeUndefined();
  expect((told.body.data as { notifications: unknown[] }).notifications).toHaveLength(1);
});
