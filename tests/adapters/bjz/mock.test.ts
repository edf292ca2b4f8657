/** The real BJZ mock on loopback, with the real adapter and the kit's HTTP against it. */
import { afterEach, describe, expect, it } from 'vitest';
import { startBjzMock, type BjzMockOptions } from '#adapters/bjz/mock.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { createWorld } from '#mock-world/index.ts';
import {
  bjzHouseholds, expectedChildren, expectedHousehold, expectedInvolvement, expectedReferrals, withoutLocalId,
} from './expected.ts';
import { createTestAdapter, createTestContext, scope, type TestContext, type TestContextOptions } from './test-context.ts';

const running: { mock: MockServer; test: TestContext }[] = [];

async function start(mockOptions: BjzMockOptions = {}, context: Omit<TestContextOptions, 'baseUrl'> = {}) {
  const mock = await startBjzMock(mockOptions);
  const test = createTestContext({ baseUrl: mock.url, ...context });
  running.push({ mock, test });
  return { mock, test, adapter: createTestAdapter(test) };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map(async ({ mock, test }) => {
    await test.http.close();
    await mock.close();
  }));
});

async function token(url: string, secret = 'bjz-dev-secret'): Promise<Response> {
  return fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`ketenpoort:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
}

async function bearer(url: string): Promise<string> {
  return ((await (await token(url)).json()) as { access_token: string }).access_token;
}

function postSearch(url: string, path: string, body: unknown, accessToken?: string): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
    body: JSON.stringify(body),
  });
}

describe('the adapter against the BJZ mock serving createWorld()', () => {
  const world = createWorld();
  const scenarios = bjzHouseholds(world).filter((entry) => entry.household.scenario !== null);

  it('knows the scenario households BJZ has a case on (scenario 3: the 15-year-old the police referred)', () => {
    expect(scenarios.map((entry) => entry.household.scenario)).toEqual([3]);
  });

  it.each(scenarios.map((entry) => [entry.household.scenario, entry] as const))('returns exactly the world\'s records for scenario %i', async (_n, entry) => {
    const { adapter } = await start({ world });
    const loaders = adapter.createLoaders(scope());
    const id = entry.bjzCase.householdLocalId;
    expect(await loaders.household.load(id)).toEqual(expectedHousehold(entry));
    expect(withoutLocalId(await loaders.childrenByHousehold.load(id))).toEqual(expectedChildren(entry));
    expect(await loaders.involvementByHousehold.load(id)).toEqual(expectedInvolvement(entry));
    expect(await loaders.referralsByHousehold.load(id)).toEqual(expectedReferrals(entry));
    for (const referral of expectedReferrals(entry)) expect(await loaders.referral.load(referral.localId)).toEqual(referral);
    for (const bsn of entry.bjzCase.memberBsns) expect(await loaders.householdsByBsn.load(bsn)).toEqual([expectedHousehold(entry)]);
    expect(await loaders.reportsByHousehold.load(id)).toEqual([]);
  });

  it('answers unknown ids with null and []', async () => {
    const { adapter } = await start({ world });
    const loaders = adapter.createLoaders(scope());
    const strangerBsn = world.households.find((household) => !household.cases['bjz-groningen'])!.members[0]!.bsn;
    expect(await Promise.all([
      loaders.household.load('bjz-gezin-onbekend'), loaders.childrenByHousehold.load('bjz-gezin-onbekend'),
      loaders.involvementByHousehold.load('bjz-gezin-onbekend'), loaders.referralsByHousehold.load('bjz-gezin-onbekend'),
      loaders.referral.load('bjz-aanmelding-onbekend'), loaders.householdsByBsn.load(strangerBsn),
    ])).toEqual([null, [], null, [], null, []]);
  });

  it('serves GET /v2/clienten/{id}, with 404 for an unknown client', async () => {
    const { mock } = await start({ world });
    const accessToken = await bearer(mock.url);
    const known = await fetch(`${mock.url}/v2/clienten/bjz-gezin-7f3a-k1`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(known.status).toBe(200);
    expect(await known.json()).toMatchObject({ naam: 'Lisa Hendriks', gezin: { id: 'bjz-gezin-7f3a' } });
    const unknown = await fetch(`${mock.url}/v2/clienten/bjz-gezin-onbekend-k1`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(unknown.status).toBe(404);
  });
});

describe('the mock enforces BJZ\'s rules', () => {
  it('refuses a wrong client secret at the token endpoint, and the adapter reports UPSTREAM_UNAUTHORIZED', async () => {
    const { mock, test } = await start({ clientSecret: 'another-secret' });
    expect((await token(mock.url)).status).toBe(401);
    expect((await token(mock.url, 'another-secret')).status).toBe(200);
    const adapter = createTestAdapter(test);
    await expect(adapter.createLoaders(scope()).household.load('bjz-gezin-7f3a')).rejects.toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED' });
  });

  it('takes the client credentials in the form as well as in Basic, and only the client-credentials grant', async () => {
    const { mock } = await start();
    const form = (body: string) => fetch(`${mock.url}/oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body,
    });
    const granted = await form('grant_type=client_credentials&client_id=ketenpoort&client_secret=bjz-dev-secret');
    expect(granted.status).toBe(200);
    expect(await granted.json()).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    expect((await form('grant_type=client_credentials&client_id=ketenpoort&client_secret=raden')).status).toBe(401);
    expect((await form('grant_type=password&client_id=ketenpoort&client_secret=bjz-dev-secret')).status).toBe(400);
  });

  it('validates the page request: gemeente required, limit within the batch limit, cursor its own', async () => {
    const { mock } = await start();
    const accessToken = await bearer(mock.url);
    const page = async (query: string) => (await fetch(`${mock.url}/v2/clienten?${query}`, { headers: { authorization: `Bearer ${accessToken}` } })).status;
    expect(await page('gemeente=Groningen&limit=100')).toBe(200);
    expect(await page('limit=10')).toBe(400);
    expect(await page('gemeente=Groningen&limit=101')).toBe(400);
    expect(await page('gemeente=Groningen&limit=0')).toBe(400);
    expect(await page('gemeente=Groningen&cursor=bmlldC1kZS1vbnpl')).toBe(400);
  });

  it('answers the API 401 without a valid bearer token', async () => {
    const { mock } = await start();
    expect((await postSearch(mock.url, '/v2/clienten/zoeken', { gezinIds: ['bjz-gezin-7f3a'] })).status).toBe(401);
    expect((await postSearch(mock.url, '/v2/clienten/zoeken', { gezinIds: ['bjz-gezin-7f3a'] }, 'verzonnen')).status).toBe(401);
    expect((await postSearch(mock.url, '/v2/clienten/zoeken', { gezinIds: ['bjz-gezin-7f3a'] }, await bearer(mock.url))).status).toBe(200);
  });

  it('expires tokens; the adapter gets a 401, fetches a new token and retries once', async () => {
    let mockNow = Date.parse('2026-11-02T09:00:00Z');
    const { mock, adapter } = await start({ now: () => mockNow, tokenTtlSeconds: 300 });
    await adapter.createLoaders(scope()).household.load('bjz-gezin-7f3a');
    const before = mock.requestCount();
    // Only the mock's clock moves: the adapter still believes its token valid (a clock skew, or a restarted BJZ).
    mockNow += 301_000;
    expect(await adapter.createLoaders(scope()).household.load('bjz-gezin-7f3a')).toMatchObject({ localId: 'bjz-gezin-7f3a' });
    expect(mock.requestCount() - before).toBe(3);
  });

  it('refuses a search above the batch limit with 400; the adapter splits its batches to stay below it', async () => {
    const { mock, adapter } = await start();
    const accessToken = await bearer(mock.url);
    const ids = Array.from({ length: 101 }, (_, index) => `bjz-gezin-${index}`);
    expect((await postSearch(mock.url, '/v2/clienten/zoeken', { gezinIds: ids }, accessToken)).status).toBe(400);
    expect((await postSearch(mock.url, '/v2/aanmeldingen/zoeken', { clientIds: ids }, accessToken)).status).toBe(400);
    expect((await postSearch(mock.url, '/v2/clienten/zoeken', { gezinIds: ids.slice(1) }, accessToken)).status).toBe(200);
    const before = mock.requestCount();
    const loaders = adapter.createLoaders(scope());
    const answers = await Promise.all([...ids, 'bjz-gezin-7f3a'].map((id) => loaders.household.load(id)));
    expect(answers.filter((household) => household !== null).map((household) => household!.localId)).toEqual(['bjz-gezin-7f3a']);
    expect(mock.requestCount() - before).toBe(1 + 2);
  });

  it('limits each client to its requests per second with 429 and Retry-After: 1, which the kit honours', async () => {
    let mockNow = Date.parse('2026-11-02T09:00:00.000Z');
    const { mock, adapter, test } = await start(
      { now: () => mockNow, rateLimitPerSecond: 2 },
      // The kit's wait moves the mock's clock instead of sleeping, so the test is quick and exact.
      { sleep: async (ms) => { mockNow += ms; } },
    );
    const accessToken = await bearer(mock.url);
    const statuses = [];
    for (let call = 0; call < 3; call++) {
      const response = await postSearch(mock.url, '/v2/clienten/zoeken', { ids: [] }, accessToken);
      statuses.push([response.status, response.headers.get('retry-after')]);
    }
    expect(statuses).toEqual([[200, null], [200, null], [429, '1']]);
    expect(await adapter.createLoaders(scope()).household.load('bjz-gezin-7f3a')).toMatchObject({ localId: 'bjz-gezin-7f3a' });
    expect(test.sleeps).toEqual([1000]);
  });
});

describe('listHouseholds against a 2,000-household world', () => {
  const world = createWorld({ households: 2000 });

  it('returns exactly the world\'s Groningen households BJZ knows, walking the cursor pages', async () => {
    const { mock, test } = await start({ world });
    const adapter = createTestAdapter(test, { pageSize: 2 });
    const expected = bjzHouseholds(world).filter((entry) => entry.household.municipality === 'Groningen');
    expect(expected.length).toBeGreaterThan(2);
    const before = mock.requestCount();
    const households = await adapter.listHouseholds(['Groningen'], scope());
    const byId = (a: { localId: string }, b: { localId: string }) => a.localId.localeCompare(b.localId);
    expect([...households].sort(byId)).toEqual(expected.map(expectedHousehold).sort(byId));
    const clients = expected.reduce((sum, entry) => sum + entry.bjzCase.children.length, 0);
    // One token request, then one page per two clients.
    expect(mock.requestCount() - before).toBe(1 + Math.ceil(clients / 2));
  });

  it('lists nothing for a municipality BJZ holds no clients in', async () => {
    const { adapter } = await start({ world });
    expect(await adapter.listHouseholds(['Amsterdam'], scope())).toEqual([]);
  });
});

describe('the mock\'s knobs', () => {
  it('adds latency', async () => {
    const { adapter } = await start({ knobs: { latencyMs: 120 } });
    const started = performance.now();
    await adapter.createLoaders(scope()).household.load('bjz-gezin-7f3a');
    // Two requests (token, search), each delayed.
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * 120 - 5);
  });

  it('answers 503 at errorRate 1, which reaches the adapter as UPSTREAM_UNAVAILABLE after the retries', async () => {
    const { mock, adapter, test } = await start({ knobs: { errorRate: 1 } });
    expect((await token(mock.url)).status).toBe(503);
    const error = await adapter.createLoaders(scope()).household.load('bjz-gezin-7f3a').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });
    expect(test.http.stats().calls).toBe(3);
  });

  it('sends a broken body at malformedRate 1, which the adapter rejects as UPSTREAM_BAD_RESPONSE', async () => {
    const { mock, adapter } = await start();
    const accessToken = await bearer(mock.url);
    mock.setKnobs({ malformedRate: 1 });
    const raw = await postSearch(mock.url, '/v2/clienten/zoeken', { gezinIds: ['bjz-gezin-7f3a'] }, accessToken);
    const text = await raw.text();
    expect(raw.status).toBe(200);
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    await expect(adapter.createLoaders(scope()).household.load('bjz-gezin-7f3a')).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });
});
