/**
 * Fail closed: with the audit store broken mid-run, no response carrying released data leaves the
 * gateway, the caller gets AUDIT_UNAVAILABLE, and nothing committed before is lost.
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { createSqliteAuditStore } from '#src/audit/sqlite/store.ts';
import type { AuditStore } from '#src/audit/store.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const folder = mkdtempSync(join(tmpdir(), 'ketenpoort-fail-closed-'));
const path = join(folder, 'audit.sqlite');
let real: AuditStore;
let broken = false;
let gateway: TestGateway;

beforeAll(async () => {
  real = createSqliteAuditStore({ path });
  // The gateway's store, with a switch that makes every write fail the way a full disk would.
  const switchable: AuditStore = {
    ...real,
    kind: real.kind,
    append: (entries) => (broken ? Promise.reject(new Error('disk I/O error')) : real.append(entries)),
    ping: () => (broken ? Promise.reject(new Error('disk I/O error')) : real.ping()),
    close: async () => {},
  };
  gateway = await startTestGateway({ audit: switchable });
});
afterAll(async () => {
  await gateway?.close();
  await real?.close();
  rmSync(folder, { recursive: true, force: true });
});

const scenario1 = createWorld().households[0]!;
const query = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id members { name bsn } reports { narrative } } }';
const as = { agencyId: 'ashg-groningen', purpose: 'case-conference' };

it('answers while the trail commits, withholds everything while it cannot, and loses nothing', async () => {
  const first = await gateway.query(as, query, { bsn: scenario1.members[0]!.bsn });
  expect(first.status).toBe(200);
  expect(JSON.stringify(first.body)).toContain(scenario1.members[0]!.bsn);
  const committed = real.stats().entries;
  expect(committed).toBeGreaterThan(0);

  broken = true;
  const second = await gateway.query(as, query, { bsn: scenario1.members[0]!.bsn });
  expect(second.status).toBe(503);
  expect(second.body.data ?? null).toBeNull();
  expect(second.body.errors?.map((error) => error.extensions?.code)).toEqual(['AUDIT_UNAVAILABLE']);
  const text = JSON.stringify(second.body);
  for (const member of scenario1.members) {
    expect(text).not.toContain(member.bsn);
    expect(text).not.toContain(member.name);
  }
  expect(text).not.toContain('Moeder meldt');
  expect((await gateway.gateway.app.inject({ url: '/readyz' })).statusCode).toBe(503);

  broken = false;
  expect(real.stats().entries).toBe(committed);
  const third = await gateway.query(as, query, { bsn: scenario1.members[0]!.bsn });
  expect(third.status).toBe(200);
  const verified = await real.verify();
  expect(verified.ok).toBe(true);
  expect(real.stats().entries).toBeGreaterThan(committed);
});
