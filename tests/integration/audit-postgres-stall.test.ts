/**
 * A PostgreSQL that silently drops packets (a stalling TCP proxy between the gateway and a real
 * server): on main requests and `/readyz` hung past 50 s. Every request is now answered within the
 * audit store's bound (default 2 s), with AUDIT_UNAVAILABLE and no data while the stall lasts, also
 * those queued behind a stalled commit; `/readyz` says not ready within a second; both recover
 * without a restart; and every answer that carried data has its entries in the trail.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DATABASE_URL, describePostgres, dropSchema, uniqueSchema } from '../audit/postgres-env.ts';
import { answeredWithData, askWithData, eventually, type Outcome } from '../support/audit-load.ts';
import { startStallingProxy, type StallingProxy } from '../support/stalling-proxy.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

/** The default bound (config: audit.timeoutMs, KETENPOORT_AUDIT_TIMEOUT_MS). */
const BOUND_MS = 2000;
/** Timers and scheduling on a loaded test machine. */
const SLACK_MS = 500;

describePostgres('gateway on a PostgreSQL that stops answering', () => {
  const schema = uniqueSchema('stall');
  let proxy: StallingProxy;
  let gateway: TestGateway;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    proxy = await startStallingProxy(DATABASE_URL);
    gateway = await startTestGateway({ env: { DATABASE_URL: proxy.url, KETENPOORT_AUDIT_SCHEMA: schema } });
  });
  afterAll(async () => {
    proxy?.resume();
    await gateway?.close();
    await proxy?.close();
    await dropSchema(schema);
  });

  const readyz = async (): Promise<{ status: number; ms: number }> => {
    const started = performance.now();
    const response = await gateway.gateway.app.inject({ url: '/readyz' });
    return { status: response.statusCode, ms: performance.now() - started };
  };
  const wave = async (size: number): Promise<Outcome[]> => {
    const answers = await Promise.all(Array.from({ length: size }, () => askWithData(gateway)));
    outcomes.push(...answers);
    return answers;
  };

  /** Six requests at once, and six more 300 ms later: the second group queues behind the first's commits. */
  const twoWaves = async (): Promise<{ answers: Outcome[]; slowest: number }> => {
    const answers = (await Promise.all([wave(6), new Promise<Outcome[]>((resolve) => setTimeout(() => resolve(wave(6)), 300))])).flat();
    return { answers, slowest: Math.max(...answers.map((answer) => answer.ended - answer.started)) };
  };

  it('answers within the bound, without data, while the server is silent, and recovers on its own', async () => {
    expect(gateway.gateway.services.audit.kind).toBe('postgres');
    await wave(2);
    // What the same load takes with a healthy store: the part of an answer that is not the audit store's.
    const healthy = await twoWaves();
    for (const answer of healthy.answers) expect(answer).toMatchObject({ status: 200, withData: true });
    expect((await readyz()).status).toBe(200);

    proxy.stall();
    const stalled = await twoWaves();
    for (const answer of stalled.answers) expect(answer).toMatchObject({ status: 503, withData: false, codes: ['AUDIT_UNAVAILABLE'] });
    expect(stalled.slowest).toBeLessThan(healthy.slowest + BOUND_MS + SLACK_MS);
    const notReady = await readyz();
    expect(notReady.status).toBe(503);
    expect(notReady.ms).toBeLessThan(1000);
    expect(gateway.logs.some((line) => line.includes('not ready'))).toBe(true);

    proxy.resume();
    expect(await eventually(async () => (await readyz()).status === 200, 2 * BOUND_MS + 1000)).toBe(true);
    for (const answer of await wave(4)) expect(answer).toMatchObject({ status: 200, withData: true });
  }, 60_000);

  it('has entries for every answer that carried data', async () => {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ trace_id: string }>(`SELECT DISTINCT trace_id FROM "${schema}".audit_request`);
      const entered = new Set(rows.map((row) => row.trace_id));
      const withData = answeredWithData(outcomes);
      expect(withData).toHaveLength(2 + 12 + 4);
      // No data without its entry.
      for (const answer of withData) expect(entered.has(answer.traceId)).toBe(true);
      // And no entry for an answer refused: nothing reached the server while it was silent, and a batch
      // is given up (its connection dropped) when its longest-waiting caller is refused.
      const refusedEntered = outcomes.filter((answer) => !answer.withData && entered.has(answer.traceId));
      console.log(`[stall] answers with data ${withData.length}, traces entered ${entered.size}, refused answers entered ${refusedEntered.length}`);
      expect(refusedEntered).toEqual([]);
      expect(entered.size).toBe(withData.length);
    } finally {
      await client.end();
    }
  });
});
