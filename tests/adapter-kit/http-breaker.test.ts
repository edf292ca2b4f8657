/** The per-agency circuit breaker of createUpstreamHttp: what opens it, failing fast, half-open. */
import { BrokenCircuitError } from 'cockatiel';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestHttp, type TestHttp } from './http-harness.ts';

const BASE = 'http://amk.test';
const get = { method: 'GET', path: '/zaken/Z-1' } as const;
let subject: TestHttp | undefined;

function make(threshold: number, halfOpenAfterMs = 60_000, retries = 0, timeoutMs = 1000): TestHttp {
  subject = createTestHttp({
    agencyId: 'amk-groningen', baseUrl: BASE,
    resilience: { breakerThreshold: threshold, breakerHalfOpenAfterMs: halfOpenAfterMs, retries, timeoutMs },
  });
  return subject;
}

beforeEach(() => {
  nock.cleanAll();
  nock.disableNetConnect();
});
afterEach(async () => {
  await subject?.http.close();
  subject = undefined;
  nock.cleanAll();
});

describe('circuit breaker', () => {
  it('opens after N consecutive upstream failures and then fails fast without touching the network', async () => {
    const { http } = make(3, 60_000, 0, 250);
    nock(BASE).replyContentLength()
      .get('/zaken/Z-1').reply(503)
      .get('/zaken/Z-1').delay(3000).reply(200, 'late') // a timeout counts too
      .get('/zaken/Z-1').replyWithError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    for (const code of ['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE']) {
      await expect(http.request(get)).rejects.toMatchObject({ code });
    }
    const untouched = nock(BASE).get('/zaken/Z-1').reply(200, 'would heal');
    const error = await http.request(get).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', agency: 'amk-groningen', status: undefined });
    expect((error as Error).cause).toBeInstanceOf(BrokenCircuitError);
    expect(untouched.isDone()).toBe(false);
    expect(http.stats()).toEqual({ calls: 3, failures: 3, shortCircuited: 1 });
  });

  it.each([404, 401])('is not opened by %i answers', async (status) => {
    const { http } = make(2);
    nock(BASE).get('/zaken/Z-1').reply(503).get('/zaken/Z-1').times(3).reply(status).get('/zaken/Z-1').reply(503).get('/zaken/Z-1').reply(200, 'up');
    await expect(http.request(get)).rejects.toMatchObject({ status: 503 });
    for (let i = 0; i < 3; i++) await expect(http.request(get)).resolves.toMatchObject({ status });
    await expect(http.request(get)).rejects.toMatchObject({ status: 503 });
    // A 404 in between reset the count: one failure since, below the threshold of two.
    await expect(http.request(get)).resolves.toMatchObject({ status: 200 });
    expect(http.stats().shortCircuited).toBe(0);
  });

  it('is not opened by 429 or an oversized body', async () => {
    subject = createTestHttp({ baseUrl: BASE, resilience: { breakerThreshold: 1, retries: 0, maxResponseBytes: 4 } });
    const { http } = subject;
    nock(BASE).replyContentLength().get('/zaken/Z-1').reply(429).get('/zaken/Z-1').reply(200, 'too long').get('/zaken/Z-1').reply(200, 'ok');
    await expect(http.request(get)).rejects.toMatchObject({ code: 'UPSTREAM_RATE_LIMITED' });
    await expect(http.request(get)).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    await expect(http.request(get)).resolves.toMatchObject({ body: 'ok' });
  });

  it('stops retrying once a failure opens it, answering with that failure', async () => {
    const { http, sleeps } = make(2, 60_000, 5);
    const scope = nock(BASE).get('/zaken/Z-1').reply(503).get('/zaken/Z-1').reply(502).get('/zaken/Z-1').reply(200, 'never asked');
    await expect(http.request(get)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 502 });
    expect(sleeps).toHaveLength(1);
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  it('half-opens after breakerHalfOpenAfterMs: a successful trial call closes it', async () => {
    const { http } = make(2, 150);
    nock(BASE).get('/zaken/Z-1').times(2).reply(500);
    await expect(http.request(get)).rejects.toMatchObject({ status: 500 });
    await expect(http.request(get)).rejects.toMatchObject({ status: 500 });
    await expect(http.request(get)).rejects.toMatchObject({ cause: expect.any(BrokenCircuitError) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    nock(BASE).get('/zaken/Z-1').times(2).reply(200, 'back');
    await expect(http.request(get)).resolves.toMatchObject({ body: 'back' });
    await expect(http.request(get)).resolves.toMatchObject({ body: 'back' });
    expect(http.stats()).toEqual({ calls: 4, failures: 2, shortCircuited: 1 });
  });

  it('half-opens, and a failed trial call opens it again at once', async () => {
    const { http } = make(2, 150);
    nock(BASE).get('/zaken/Z-1').times(3).reply(500);
    await expect(http.request(get)).rejects.toMatchObject({ status: 500 });
    await expect(http.request(get)).rejects.toMatchObject({ status: 500 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(http.request(get)).rejects.toMatchObject({ status: 500 }); // the trial
    const untouched = nock(BASE).get('/zaken/Z-1').reply(200, 'x');
    await expect(http.request(get)).rejects.toMatchObject({ cause: expect.any(BrokenCircuitError) });
    expect(untouched.isDone()).toBe(false);
  });

  it('is per agency: one agency open does not stop another', async () => {
    const { http: amk } = make(1);
    const other = createTestHttp({ agencyId: 'bjz-groningen', baseUrl: 'http://bjz.test', resilience: { breakerThreshold: 1, retries: 0 } });
    try {
      nock(BASE).get('/zaken/Z-1').reply(503);
      nock('http://bjz.test').get('/zaken/Z-1').reply(200, 'fine');
      await expect(amk.request(get)).rejects.toMatchObject({ status: 503 });
      await expect(amk.request(get)).rejects.toMatchObject({ cause: expect.any(BrokenCircuitError) });
      await expect(other.http.request(get)).resolves.toMatchObject({ body: 'fine' });
    } finally {
      await other.http.close();
    }
  });
});
