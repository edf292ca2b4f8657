/** nock scaffolding shared by the BJZ client and auth tests: the kit's real HTTP, nock in front. */
import nock from 'nock';
import { afterEach, beforeEach, expect } from 'vitest';
import { createTestAdapter, createTestContext, type TestContext } from './test-context.ts';
import { BSN, wireClient, withField } from './wire-samples.ts';

export const BASE = 'http://bjz.test';
export const BASIC = `Basic ${Buffer.from('ketenpoort:bjz-dev-secret').toString('base64')}`;
export const GEZIN = 'bjz-gezin-7f3a';
const open: TestContext[] = [];

export function setup(options: Parameters<typeof createTestAdapter>[1] = {}) {
  const test = createTestContext({ baseUrl: BASE });
  open.push(test);
  return { test, adapter: createTestAdapter(test, options), upstream: nock(BASE) };
}

export function grant(upstream: nock.Scope, token = 'token-1', expiresIn = 300, delayMs = 0): nock.Scope {
  return upstream.post('/oauth/token', 'grant_type=client_credentials')
    .matchHeader('authorization', BASIC)
    .matchHeader('content-type', 'application/x-www-form-urlencoded')
    .delay(delayMs)
    .reply(200, { access_token: token, token_type: 'Bearer', expires_in: expiresIn });
}

export function searchClients(upstream: nock.Scope, body: Record<string, readonly string[]>, token = 'token-1'): nock.Interceptor {
  return upstream.post('/v2/clienten/zoeken', body)
    .matchHeader('authorization', `Bearer ${token}`)
    .matchHeader('content-type', 'application/json')
    .matchHeader('accept', 'application/json');
}

/** A second minor of the same gezin. */
export function brother(): Record<string, unknown> {
  return { ...withField(withField(wireClient(), 'id', 'bjz-gezin-7f3a-k2'), 'bsn', BSN.brother), naam: 'Tom Hendriks' };
}

/** Registers the per-test nock lifecycle: no real network, and every interceptor consumed. */
export function useNock(): void {
  beforeEach(() => {
    nock.cleanAll();
    nock.disableNetConnect();
  });
  afterEach(async () => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    await Promise.all(open.splice(0).map((test) => test.http.close()));
    expect(pending).toEqual([]);
  });
}
