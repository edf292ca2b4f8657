/**
 * The PostgreSQL store behind a network that silently drops packets (a stalling proxy in front of a
 * real server): every call a request makes answers within `timeoutMs` with a coded error, opening a
 * store fails within it too, and the store works again once packets flow, without being reopened.
 */
import { afterEach, expect, it } from 'vitest';
import { createPostgresAuditStore } from '#src/audit/postgres/store.ts';
import type { AuditStore } from '#src/audit/store.ts';
import { startStallingProxy, type StallingProxy } from '../support/stalling-proxy.ts';
import { entry } from './entry-builder.ts';
import { DATABASE_URL, describePostgres, dropSchema, uniqueSchema } from './postgres-env.ts';

/** Timers and scheduling on a loaded test machine. */
const SLACK_MS = 250;

async function timed<T>(work: Promise<T>): Promise<{ ms: number; result: PromiseSettledResult<T> }> {
  const started = performance.now();
  const [result] = await Promise.allSettled([work]);
  return { ms: performance.now() - started, result: result! };
}

describePostgres('postgres audit store behind a silent network', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(timeoutMs?: number): Promise<{ proxy: StallingProxy; store: AuditStore }> {
    const schema = uniqueSchema('stall');
    const proxy = await startStallingProxy(DATABASE_URL);
    cleanups.push(async () => { proxy.resume(); await proxy.close(); await dropSchema(schema); });
    const store = await createPostgresAuditStore({ connectionString: proxy.url, schema, ...(timeoutMs ? { timeoutMs } : {}) });
    cleanups.push(() => store.close());
    return { proxy, store };
  }

  it.each([
    { name: 'the default 2 s', timeoutMs: undefined, bound: 2000 },
    { name: 'a configured 600 ms', timeoutMs: 600, bound: 600 },
  ])('answers every call within $name, with coded errors, and recovers without reopening', async ({ timeoutMs, bound }) => {
    const { proxy, store } = await setUp(timeoutMs);
    await store.append([entry(1)]);
    await store.ping();

    proxy.stall();
    const calls = await Promise.all([
      timed(store.append([entry(2)])),
      timed(store.append([entry(3)])),
      timed(store.ping()),
      timed(store.query({}, { first: 10 })),
      // Queued behind the stalled batch above, and still answered within its own bound.
      new Promise<Awaited<ReturnType<typeof timed>>>((resolve) => setTimeout(() => resolve(timed(store.append([entry(4)]))), bound / 2)),
    ]);
    const codes = calls.map(({ result }) => (result.status === 'rejected' ? (result.reason as { code?: string }).code : 'resolved'));
    expect(codes).toEqual(['AUDIT_WRITE_FAILED', 'AUDIT_WRITE_FAILED', 'AUDIT_UNAVAILABLE', 'AUDIT_UNAVAILABLE', 'AUDIT_WRITE_FAILED']);
    for (const { ms } of calls) expect(ms).toBeLessThan(bound + SLACK_MS);

    proxy.resume();
    await store.ping();
    await store.append([entry(5)]);
    // Only what was answered as committed is in the chain: 1 and 5.
    expect((await store.query({}, { first: 10 })).entries.map((found) => found.operationId)).toEqual(['op-1', 'op-5']);
    expect(await store.verify()).toMatchObject({ ok: true, checked: 2 });
  }, 30_000);

  it('fails to open within the bound when the server does not answer', async () => {
    const proxy = await startStallingProxy(DATABASE_URL);
    cleanups.push(() => proxy.close());
    proxy.stall();
    const { ms, result } = await timed(createPostgresAuditStore({ connectionString: proxy.url, schema: uniqueSchema('stall'), timeoutMs: 500 }));
    expect(result).toMatchObject({ status: 'rejected', reason: { code: 'AUDIT_UNAVAILABLE' } });
    expect(ms).toBeLessThan(500 + SLACK_MS);
  });
});
