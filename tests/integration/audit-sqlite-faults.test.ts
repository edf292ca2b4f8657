/**
 * The whole gateway on a SQLite audit store whose files fail under it, on real files: the data folder
 * deleted under load (on main: 543 answers with data whose only audit rows were in deleted files, and
 * `/readyz` ready throughout), the files made read-only, the disk full (on main: refused, but `/readyz`
 * ready throughout). Each time: no answer carries data without its entry in the file at the path,
 * `/readyz` says not ready within a second, and it is ready again when the fault is undone (a deleted
 * file never comes back: that stays not ready until a restart).
 */
import { linkSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteAuditStore } from '#src/audit/sqlite/store.ts';
import { readOnlyRoute, smallFileSystem, storeFiles } from '../audit/file-faults.ts';
import { answeredWithData, askWithData, eventually, startLoad, type Outcome } from '../support/audit-load.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gatewayOn(path: string): Promise<TestGateway> {
  const gateway = await startTestGateway({ audit: createSqliteAuditStore({ path }) });
  cleanups.push(() => gateway.close());
  return gateway;
}

async function readyz(gateway: TestGateway): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await gateway.gateway.app.inject({ url: '/readyz' });
  return { status: response.statusCode, ms: performance.now() - started };
}

/** Highest seq per trace id in a database file, read by a connection of its own. */
function entriesByTrace(path: string): Map<string, number> {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const rows = db.prepare('SELECT u.trace_id AS trace_id, max(r.seq) AS seq FROM audit_record r JOIN audit_request u ON u.seq = r.request_seq GROUP BY u.trace_id').all() as { trace_id: string; seq: number }[];
    return new Map(rows.map((row) => [row.trace_id, Number(row.seq)]));
  } finally {
    db.close();
  }
}

const refusedCleanly = (outcome: Outcome): boolean => outcome.status === 503 && !outcome.withData && outcome.codes.join() === 'AUDIT_UNAVAILABLE';

describe('gateway on a SQLite store whose data folder is deleted under load', () => {
  it('answers nothing with data once the folder is gone, and stays not ready', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ketenpoort-deleted-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const path = join(root, 'data', 'audit.sqlite');
    const gateway = await gatewayOn(path);
    expect(await askWithData(gateway)).toMatchObject({ status: 200, withData: true });
    // Second names for the files, so the test can read afterwards what went into them, also after the delete.
    const keep = join(root, 'keep');
    mkdirSync(keep);
    for (const suffix of ['', '-wal']) linkSync(`${path}${suffix}`, join(keep, `audit.sqlite${suffix}`));

    const load = startLoad(gateway, 6);
    await eventually(async () => answeredWithData(load.outcomes).length >= 20, 20_000);
    rmSync(join(root, 'data'), { recursive: true });
    const removedAt = performance.now();
    const notReady = await readyz(gateway);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const outcomes = await load.stop();
    expect(notReady.status).toBe(503);
    expect(notReady.ms).toBeLessThan(1000);
    expect((await readyz(gateway)).status).toBe(503);
    await gateway.close();

    const entered = entriesByTrace(join(keep, 'audit.sqlite'));
    const withData = answeredWithData(outcomes);
    const after = outcomes.filter((outcome) => outcome.started > removedAt);
    const refusedEntered = outcomes.filter((outcome) => !outcome.withData && entered.has(outcome.traceId));
    console.log(`[deleted] answers ${outcomes.length}: with data ${withData.length}, refused ${outcomes.length - withData.length} `
      + `(${after.length} sent after the delete); traces entered ${entered.size}, of them refused answers ${refusedEntered.length}`);
    expect(after.length).toBeGreaterThan(0);
    for (const outcome of after) expect(refusedCleanly(outcome)).toBe(true);
    for (const outcome of outcomes) expect(outcome.withData || refusedCleanly(outcome)).toBe(true);
    // No data without its entry ...
    for (const outcome of withData) expect(entered.has(outcome.traceId)).toBe(true);
    // ... and no commit after the delete reported as success: what went into the deleted file after the
    // check that found it gone was refused, so every answered entry precedes every refused one.
    const lastAnswered = Math.max(...withData.map((outcome) => entered.get(outcome.traceId)!));
    for (const outcome of refusedEntered) expect(entered.get(outcome.traceId)!).toBeGreaterThan(lastAnswered);
  }, 60_000);
});

async function faultCycle(gateway: TestGateway, apply: () => void, undo: () => void): Promise<{ during: Outcome[]; afterwards: Outcome[] }> {
  expect(await askWithData(gateway)).toMatchObject({ status: 200, withData: true });
  expect((await readyz(gateway)).status).toBe(200);
  apply();
  let during: Outcome[];
  try {
    const notReady = await readyz(gateway);
    expect(notReady.status).toBe(503);
    expect(notReady.ms).toBeLessThan(1000);
    during = await Promise.all(Array.from({ length: 6 }, () => askWithData(gateway)));
    expect((await readyz(gateway)).status).toBe(503);
  } finally {
    undo();
  }
  expect(await eventually(async () => (await readyz(gateway)).status === 200, 1000)).toBe(true);
  const afterwards = await Promise.all(Array.from({ length: 4 }, () => askWithData(gateway)));
  return { during, afterwards };
}

function expectEntriesMatch(path: string, cycle: { during: Outcome[]; afterwards: Outcome[] }): void {
  const entered = entriesByTrace(path);
  for (const outcome of cycle.during) {
    expect(refusedCleanly(outcome)).toBe(true);
    expect(entered.has(outcome.traceId)).toBe(false);
  }
  for (const outcome of cycle.afterwards) {
    expect(outcome).toMatchObject({ status: 200, withData: true });
    expect(entered.has(outcome.traceId)).toBe(true);
  }
}

describe('gateway on a SQLite store whose files are made read-only', () => {
  const route = readOnlyRoute();
  if ('skip' in route) {
    console.warn(`[tests/integration] skipping the read-only fault: ${route.skip}`);
    it.skip(`refuses while read-only (skipped: ${route.skip})`, () => {});
    return;
  }
  it(`refuses without data and is not ready while read-only (${route.name}), and recovers without a restart`, async () => {
    const root = mkdtempSync(join(tmpdir(), 'ketenpoort-readonly-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const path = join(root, 'audit.sqlite');
    const gateway = await gatewayOn(path);
    const cycle = await faultCycle(gateway, () => route.apply(storeFiles(path)), () => route.undo(storeFiles(path)));
    await gateway.close();
    expectEntriesMatch(path, cycle);
  }, 60_000);
});

describe('gateway on a SQLite store whose disk is full', () => {
  it('refuses without data and is not ready while the disk is full, and recovers once there is room', async (context) => {
    const fs = smallFileSystem(40 * 1024 * 1024, 0);
    cleanups.push(() => fs.release());
    if (fs.route !== 'tmpfs') {
      console.warn('[tests/integration] skipping the full-disk gateway test: it needs a tmpfs (tests/audit/sqlite-faults.test.ts covers refusal with max_page_count)');
      context.skip();
    }
    const path = join(fs.dir, 'audit.sqlite');
    // The default free-space floor (16 MiB) applies.
    const gateway = await gatewayOn(path);
    const cycle = await faultCycle(gateway, () => fs.fill(), () => fs.free());
    await gateway.close();
    expectEntriesMatch(path, cycle);
  }, 60_000);
});
