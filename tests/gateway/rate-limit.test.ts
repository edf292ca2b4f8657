/**
 * Inbound limits through HTTP: a user past their burst gets a coded 429 with Retry-After and nothing
 * reaches an agency; a colleague still gets through until the organisation's bucket is empty; another
 * organisation is untouched; an organisation's own configured bucket applies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const QUERY = '{ households(municipality: "Groningen", first: 1) { edges { node { id } } } }';

describe('inbound rate limits', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({
      env: { KETENPOORT_RATE_LIMIT: 'on', KETENPOORT_RATE_LIMIT_USER: '0.01/2', KETENPOORT_RATE_LIMIT_ORGANISATION: '0.01/3' },
      configure: (config) => ({ ...config, rateLimits: config.rateLimits && { ...config.rateLimits, organisations: { 'politie-noord-nederland': { perSecond: 0.01, burst: 1 } } } }),
    });
  });
  afterAll(async () => t?.close());

  const as = async (agencyId: string, sub: string, purpose: string) => {
    const jwt = await t.token({ agencyId, userId: sub, role: 'caseworker', purposes: [purpose] });
    return t.raw({ authorization: `Bearer ${jwt}`, 'x-purpose': purpose }, { query: QUERY });
  };

  it('refuses a user past their burst with 429, Retry-After and a code, and calls no agency', async () => {
    const calls = () => [...t.gateway.services.upstreamStats().values()].reduce((sum, s) => sum + s.calls, 0);
    const statuses = [];
    for (let i = 0; i < 2; i++) statuses.push((await as('amk-groningen', 'user-a', 'own-records')).status);
    expect(statuses).toEqual([200, 200]);
    const before = calls();
    expect(before).toBeGreaterThan(0);
    const refused = await as('amk-groningen', 'user-a', 'own-records');
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body.data).toBeUndefined();
    expect(calls()).toBe(before);
  });

  it('lets a colleague through until the organisation’s bucket is empty', async () => {
    expect((await as('amk-groningen', 'user-b', 'own-records')).status).toBe(200);
    const fourth = await as('amk-groningen', 'user-c', 'own-records');
    expect(fourth.status).toBe(429);
    expect(fourth.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('leaves other organisations alone, and applies an organisation’s own bucket', async () => {
    expect((await as('ashg-groningen', 'user-a', 'own-records')).status).toBe(200);
    expect((await as('politie-noord-nederland', 'user-a', 'own-records')).status).toBe(200);
    expect((await as('politie-noord-nederland', 'user-b', 'own-records')).status).toBe(429);
  });
});
