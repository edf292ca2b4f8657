/** createUpstreamHttp against nock: retry rules, Retry-After, timeouts and the codes errors carry. */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpstreamRequest } from '#kit/http-types.ts';
import { createTestHttp, type TestHttp } from './http-harness.ts';

const BASE = 'http://ashg.test';
let subject: TestHttp | undefined;

function use(made: TestHttp): TestHttp {
  subject = made;
  return made;
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

const get: UpstreamRequest = { method: 'GET', path: '/meldingen/M-1' };

describe('retries', () => {
  it('retries a GET on 5xx with full-jitter back-off, then succeeds', async () => {
    const { http, sleeps } = use(createTestHttp());
    nock(BASE).get('/meldingen/M-1').reply(503).get('/meldingen/M-1').reply(502).get('/meldingen/M-1').reply(200, '{"id":"M-1"}');
    await expect(http.request(get)).resolves.toMatchObject({ status: 200, body: '{"id":"M-1"}' });
    expect(sleeps).toEqual([25, 50]); // random 0.5 of 50 * 2^0 and 50 * 2^1
    expect(http.stats()).toEqual({ calls: 3, failures: 2, shortCircuited: 0 });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('retries a POST marked idempotent', async () => {
    const { http } = use(createTestHttp());
    nock(BASE).post('/zoek', '<q/>').reply(500).post('/zoek', '<q/>').reply(200, '<r/>');
    await expect(http.request({ method: 'POST', path: '/zoek', body: '<q/>', idempotent: true })).resolves.toMatchObject({ status: 200 });
    expect(http.stats().calls).toBe(2);
  });

  it('never retries a plain POST', async () => {
    const { http, sleeps } = use(createTestHttp());
    const scope = nock(BASE).post('/meldingen').reply(503).post('/meldingen').reply(201, 'created');
    await expect(http.request({ method: 'POST', path: '/meldingen', body: '{}' })).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE', status: 503, agency: 'ashg-groningen',
    });
    expect(sleeps).toEqual([]);
    expect(http.stats().calls).toBe(1);
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  it('does not retry a GET marked not idempotent', async () => {
    const { http } = use(createTestHttp());
    nock(BASE).get('/volgnummer').reply(503);
    await expect(http.request({ method: 'GET', path: '/volgnummer', idempotent: false })).rejects.toMatchObject({ status: 503 });
    expect(http.stats().calls).toBe(1);
  });

  it('gives up after `retries` retries with UPSTREAM_UNAVAILABLE and the last status', async () => {
    const { http, sleeps } = use(createTestHttp({ resilience: { retries: 3 } }));
    nock(BASE).get('/meldingen/M-1').times(3).reply(503).get('/meldingen/M-1').reply(504);
    await expect(http.request(get)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 504, agency: 'ashg-groningen' });
    expect(sleeps).toHaveLength(3);
    expect(http.stats()).toEqual({ calls: 4, failures: 4, shortCircuited: 0 });
  });

  it.each([400, 401, 403, 404, 409, 422])('hands %i to the adapter without retrying', async (status) => {
    const { http } = use(createTestHttp());
    nock(BASE).get('/meldingen/M-1').reply(status, 'nope');
    await expect(http.request(get)).resolves.toMatchObject({ status, body: 'nope' });
    expect(http.stats()).toEqual({ calls: 1, failures: 0, shortCircuited: 0 });
  });
});

describe('Retry-After', () => {
  it('waits what a 429 asks (delta-seconds) instead of the back-off, then succeeds', async () => {
    const { http, sleeps } = use(createTestHttp());
    nock(BASE).get('/meldingen/M-1').reply(429, '', { 'Retry-After': '1' }).get('/meldingen/M-1').reply(200, 'ok');
    await expect(http.request(get)).resolves.toMatchObject({ status: 200 });
    expect(sleeps).toEqual([1000]);
  });

  it('honours an HTTP-date against the injected clock', async () => {
    const clock = { now: () => new Date('2026-03-02T10:00:00Z') };
    const { http, sleeps } = use(createTestHttp({ clock }));
    nock(BASE).get('/meldingen/M-1').reply(503, '', { 'Retry-After': 'Mon, 02 Mar 2026 10:00:01 GMT' }).get('/meldingen/M-1').reply(200, 'ok');
    await expect(http.request(get)).resolves.toMatchObject({ status: 200 });
    expect(sleeps).toEqual([1000]);
  });

  it('gives up at once when asked to wait longer than backoffMaxMs', async () => {
    const { http, sleeps } = use(createTestHttp({ resilience: { backoffMaxMs: 2000 } }));
    const scope = nock(BASE).get('/meldingen/M-1').reply(429, '', { 'Retry-After': '30' }).get('/meldingen/M-1').reply(200, 'ok');
    await expect(http.request(get)).rejects.toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', status: 429, retryAfterSeconds: 30 });
    expect(sleeps).toEqual([]);
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  it('reports persistent 429 as UPSTREAM_RATE_LIMITED after the retries', async () => {
    const { http, sleeps } = use(createTestHttp());
    nock(BASE).get('/meldingen/M-1').times(3).reply(429);
    await expect(http.request(get)).rejects.toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', status: 429, retryAfterSeconds: undefined });
    expect(sleeps).toEqual([25, 50]);
  });
});

describe('timeouts', () => {
  it('times out each attempt, retries a GET, and reports UPSTREAM_TIMEOUT', async () => {
    const { http } = use(createTestHttp({ resilience: { timeoutMs: 50, retries: 1 } }));
    nock(BASE).replyContentLength().get('/meldingen/M-1').times(2).delay(3000).reply(200, 'too late');
    const started = Date.now();
    await expect(http.request(get)).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT', agency: 'ashg-groningen', status: undefined });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(http.stats()).toEqual({ calls: 2, failures: 2, shortCircuited: 0 });
  });

  it('succeeds on the retry after one timed-out attempt', async () => {
    const { http } = use(createTestHttp({ resilience: { timeoutMs: 250, retries: 1 } }));
    nock(BASE).replyContentLength().get('/meldingen/M-1').delay(3000).reply(200, 'too late').get('/meldingen/M-1').reply(200, 'in time');
    await expect(http.request(get)).resolves.toMatchObject({ body: 'in time' });
  });
});

describe('requests and responses', () => {
  it('sends method, base path, repeated query keys, headers and body; returns lower-cased headers', async () => {
    const { http } = use(createTestHttp({ baseUrl: 'http://ashg.test/api/v2/' }));
    nock(BASE, { reqheaders: { authorization: 'Bearer t', 'content-type': 'application/json' } })
      .post('/api/v2/zoek', { bsn: ['1', '2'] })
      .query({ veld: ['a', 'b'], taal: 'nl' })
      .reply(200, '{}', { 'X-Trace': 'abc' });
    const response = await http.request({
      method: 'POST', path: '/zoek', idempotent: true, query: { veld: ['a', 'b'], taal: 'nl' },
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body: '{"bsn":["1","2"]}',
    });
    expect(response.headers['x-trace']).toBe('abc');
  });

  it('decodes UTF-8 and keeps a BOM', async () => {
    const { http } = use(createTestHttp());
    nock(BASE).get('/export').reply(200, Buffer.from('\uFEFFnaam;plaats\nJoël;Groningen\n', 'utf8'));
    await expect(http.request({ method: 'GET', path: '/export' })).resolves.toMatchObject({ body: '\uFEFFnaam;plaats\nJoël;Groningen\n' });
  });

  it('rejects a declared Content-Length over maxResponseBytes with UPSTREAM_BAD_RESPONSE, without retry', async () => {
    const { http } = use(createTestHttp({ resilience: { maxResponseBytes: 10 } }));
    nock(BASE).replyContentLength().get('/meldingen').reply(200, 'x'.repeat(11));
    await expect(http.request({ method: 'GET', path: '/meldingen' })).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', status: 200 });
    expect(http.stats()).toEqual({ calls: 1, failures: 1, shortCircuited: 0 });
  });

  it('accepts a body of exactly maxResponseBytes', async () => {
    const { http } = use(createTestHttp({ resilience: { maxResponseBytes: 10 } }));
    nock(BASE).replyContentLength().get('/meldingen').reply(200, 'x'.repeat(10));
    await expect(http.request({ method: 'GET', path: '/meldingen' })).resolves.toMatchObject({ body: 'x'.repeat(10) });
  });
});
