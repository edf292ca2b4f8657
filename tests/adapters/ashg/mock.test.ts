import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '#mock-world/mock-server.ts';
import { createWorld, type WorldHousehold } from '#mock-world/index.ts';
import { createAshgAdapter } from '#adapters/ashg/index.ts';
import { startAshgMock } from '#adapters/ashg/mock.ts';
import { testContext, testScope } from './context.ts';
import { createRecordingHttp, type RecordingHttp } from './recording-http.ts';
import { expectationsFor } from './world-expectations.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';

const KEY = 'ashg-dev-key';
const world = createWorld();
const ashgHouseholds = world.households.filter((household) => household.cases['ashg-groningen']);
const opened: RecordingHttp[] = [];
let mock: MockServer;

function adapterFor(server: MockServer, apiKey = KEY) {
  const http = createRecordingHttp(server.url);
  opened.push(http);
  return createAshgAdapter(testContext(http), { apiKey, agencyCodes: WORLD_AGENCY_CODES });
}

async function get(server: MockServer, pathAndQuery: string, apiKey: string | null = KEY) {
  const response = await fetch(`${server.url}${pathAndQuery}`, { headers: apiKey === null ? {} : { 'X-Api-Key': apiKey } });
  return { status: response.status, body: await response.text() };
}

beforeAll(async () => {
  mock = await startAshgMock({ world });
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((http) => http.close()));
});
afterAll(async () => {
  await mock.close();
});

describe('ASHG mock + adapter: the scenario households', () => {
  it('knows exactly the scenarios with an ASHG case', () => {
    expect(ashgHouseholds.map((household) => household.scenario)).toEqual([1, 2, 4, 5, 6]);
  });

  it.each(ashgHouseholds.map((household): [number | null, WorldHousehold] => [household.scenario, household]))(
    'scenario %i: every loader returns the world\'s values',
    async (_scenario, household) => {
      const expected = expectationsFor(household);
      const id = expected.ashgCase.householdLocalId;
      const loaders = adapterFor(mock).createLoaders(testScope());
      expect(await loaders.household.load(id)).toEqual(expected.household);
      expect(await loaders.childrenByHousehold.load(id)).toEqual(expected.children);
      expect(await loaders.involvementByHousehold.load(id)).toEqual(expected.involvement);
      expect(await loaders.reportsByHousehold.load(id)).toEqual(expected.reports);
      expect(await loaders.referralsByHousehold.load(id)).toEqual(expected.referrals);

      const fresh = adapterFor(mock).createLoaders(testScope());
      expect(await fresh.report.loadMany(expected.reports.map((report) => report.localId))).toEqual(expected.reports);
      expect(await fresh.referral.loadMany(expected.referrals.map((referral) => referral.localId))).toEqual(expected.referrals);
      for (const bsn of expected.ashgCase.memberBsns) {
        expect(await fresh.householdsByBsn.load(bsn)).toContainEqual(expected.household);
      }
    },
  );

  it('loads all scenario dossiers in one call', async () => {
    const before = mock.requestCount();
    const ids = ashgHouseholds.map((household) => household.cases['ashg-groningen']?.householdLocalId ?? '');
    const households = await adapterFor(mock).createLoaders(testScope()).household.loadMany(ids);
    expect(households).toEqual(ashgHouseholds.map((household) => expectationsFor(household).household));
    expect(mock.requestCount() - before).toBe(1);
  });

  it('answers unknown ids with null or an empty list', async () => {
    const loaders = adapterFor(mock).createLoaders(testScope());
    expect(await loaders.household.load('D-1999-000000')).toBeNull();
    expect(await loaders.household.loadMany(['D-2026-000101', 'D-1999-000000'])).toEqual([expect.objectContaining({ localId: 'D-2026-000101' }), null]);
    expect(await loaders.involvementByHousehold.load('D-1999-000001')).toBeNull();
    expect(await loaders.childrenByHousehold.load('D-1999-000002')).toEqual([]);
    expect(await loaders.reportsByHousehold.load('D-1999-000003')).toEqual([]);
    expect(await loaders.referralsByHousehold.load('D-1999-000004')).toEqual([]);
    expect(await loaders.report.load('M-1999-000000')).toBeNull();
    expect(await loaders.referral.load('V-1999-000000')).toBeNull();
    // Scenario 3's family is known to the police and BJZ only.
    const lisa = world.households[2]?.members[1]?.bsn ?? '';
    expect(await loaders.householdsByBsn.load(lisa)).toEqual([]);
  });
});

describe('ASHG mock: the legacy API\'s rules', () => {
  it('refuses a missing or wrong API key with 401, and the adapter reports UPSTREAM_UNAUTHORIZED', async () => {
    expect(await get(mock, '/api/v1/dossiers/D-2026-000101', null)).toMatchObject({ status: 401, body: expect.stringContaining('NIET_GEAUTORISEERD') });
    expect((await get(mock, '/api/v1/dossiers/D-2026-000101', 'ashg-dev-kex')).status).toBe(401);
    expect((await get(mock, '/api/v1/dossiers/D-2026-000101')).status).toBe(200);
    await expect(adapterFor(mock, 'wrong-key').createLoaders(testScope()).report.load('M-2026-000101'))
      .rejects.toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', status: 401 });
    await expect(adapterFor(mock, 'wrong-key').listHouseholds(['Groningen'], testScope())).rejects.toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED' });
  });

  it('enforces the batch limit of 50, and the adapter stays within it', async () => {
    const ids = (count: number) => Array.from({ length: count }, (_, index) => `D-${index}`).join(',');
    expect((await get(mock, `/api/v1/dossiers?ids=${ids(50)}`)).status).toBe(200);
    expect(await get(mock, `/api/v1/dossiers?ids=${ids(51)}`)).toMatchObject({ status: 400, body: expect.stringContaining('BATCH_TE_GROOT') });
    expect((await get(mock, `/api/v1/meldingen?dossiers=${ids(51)}`)).status).toBe(400);
    expect((await get(mock, `/api/v1/doorverwijzingen?ids=${ids(51)}`)).status).toBe(400);
    const before = mock.requestCount();
    const keys = Array.from({ length: 120 }, (_, index) => `D-X-${index}`);
    expect(await adapterFor(mock).createLoaders(testScope()).household.loadMany(keys)).toEqual(keys.map(() => null));
    expect(mock.requestCount() - before).toBe(3);
  });

  it.each([
    ['a page above 100', '/api/v1/dossiers?gemeente=Groningen&limiet=101'],
    ['a negative offset', '/api/v1/dossiers?gemeente=Groningen&offset=-1'],
    ['no filter', '/api/v1/dossiers'],
    ['two filters', '/api/v1/dossiers?ids=D-1&bsn=900000107'],
    ['paging a batch lookup', '/api/v1/dossiers?ids=D-1&offset=0'],
    ['an unknown parameter', '/api/v1/meldingen?ids=M-1&sort=ontvangen'],
  ])('answers 400 to %s', async (_name, path) => {
    expect((await get(mock, path)).status).toBe(400);
  });

  it('answers 404 for an unknown single dossier and an unknown path', async () => {
    expect(await get(mock, '/api/v1/dossiers/D-1999-000000')).toMatchObject({ status: 404, body: expect.stringContaining('NIET_GEVONDEN') });
    expect((await get(mock, '/api/v2/dossiers?ids=D-1')).status).toBe(404);
  });
});

describe('ASHG mock + adapter: listHouseholds over a 2,000-household world', () => {
  it('walks the pagination to exactly the world\'s Groningen households known to the ASHG', async () => {
    const large = createWorld({ households: 2000 });
    const server = await startAshgMock({ world: large });
    try {
      const expected = large.households
        .filter((household) => household.municipality === 'Groningen')
        .flatMap((household) => household.cases['ashg-groningen']?.householdLocalId ?? []);
      // More than one page of 100, or the walk would not be tested.
      expect(expected.length).toBeGreaterThan(100);
      const households = await adapterFor(server).listHouseholds(['Groningen'], testScope());
      expect(households.map((household) => household.localId).sort()).toEqual([...expected].sort());
      expect(households.every((household) => household.municipality === 'Groningen')).toBe(true);
      expect(server.requestCount()).toBe(Math.ceil(expected.length / 100));
    } finally {
      await server.close();
    }
  });
});

describe('ASHG mock: knobs', () => {
  it('adds latency', async () => {
    const server = await startAshgMock({ world, knobs: { latencyMs: 150 } });
    try {
      const started = performance.now();
      expect(await adapterFor(server).createLoaders(testScope()).report.load('M-2026-000101')).not.toBeNull();
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      await server.close();
    }
  });

  it('answers 503 at errorRate 1, which the adapter reports as UPSTREAM_UNAVAILABLE', async () => {
    const server = await startAshgMock({ world, knobs: { errorRate: 1 } });
    try {
      expect((await get(server, '/api/v1/dossiers/D-2026-000101')).status).toBe(503);
      await expect(adapterFor(server).createLoaders(testScope()).household.load('D-2026-000101'))
        .rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });
    } finally {
      await server.close();
    }
  });

  it('sends a broken body at malformedRate 1, which the adapter rejects as UPSTREAM_BAD_RESPONSE', async () => {
    const server = await startAshgMock({ world, knobs: { malformedRate: 1 } });
    try {
      const adapter = adapterFor(server);
      await expect(adapter.createLoaders(testScope()).report.load('M-2026-000101')).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
      await expect(adapter.createLoaders(testScope()).household.load('D-2026-000101')).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
      await expect(adapter.listHouseholds(['Groningen'], testScope())).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    } finally {
      await server.close();
    }
  });
});
