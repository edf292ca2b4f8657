import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '#mock-world/mock-server.ts';
import { createWorld, WORLD_AGENCIES } from '#mock-world/index.ts';
import { startPolitieMock } from '#adapters/politie/mock.ts';
import { politieAdapter, scope, type TestAdapter } from './context.ts';
import {
  expectedChildren, expectedHousehold, expectedInvolvement, expectedReferrals, expectedReports, politieCaseOf,
} from './world-records.ts';

const world = createWorld();
const known = world.households.filter((household) => household.scenario !== null && household.cases[WORLD_AGENCIES.politie]);
const AUTH = `Basic ${Buffer.from('gateway:politie-dev-secret').toString('base64')}`;

let mock: MockServer;
let t: TestAdapter;
beforeAll(async () => {
  mock = await startPolitieMock({ world });
  t = politieAdapter(mock.url);
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

describe('politie adapter against its mock: the DOMAIN scenarios', () => {
  it('knows scenarios 2 and 3, and Drenthe\'s replays of 2, 3 and 6 (its unit covers Drenthe), and no others', () => {
    expect(known.map((household) => household.key)).toEqual(['scenario-2', 'scenario-3', 'drenthe-scenario-2', 'drenthe-scenario-3', 'drenthe-scenario-6']);
  });

  describe.each(known.map((household) => [household.key, household] as const))('%s', (_key, household) => {
    const nummer = politieCaseOf(household).householdLocalId;

    it('every loader returns the world\'s values', async () => {
      const loaders = t.adapter.createLoaders(scope());
      const [found, children, reports, referrals, involvement, report] = await Promise.all([
        loaders.household.load(nummer), loaders.childrenByHousehold.load(nummer), loaders.reportsByHousehold.load(nummer),
        loaders.referralsByHousehold.load(nummer), loaders.involvementByHousehold.load(nummer), loaders.report.load(nummer),
      ]);
      expect(found).toEqual(expectedHousehold(household));
      expect(children).toEqual(expectedChildren(household));
      expect(reports).toEqual(expectedReports(household));
      expect(referrals).toEqual(expectedReferrals(household));
      expect(involvement).toEqual(expectedInvolvement(household));
      expect(report).toEqual(expectedReports(household)[0]);
    });

    it('the referral loader finds each doorverwijzing by its own id', async () => {
      const loaders = t.adapter.createLoaders(scope());
      for (const referral of expectedReferrals(household)) expect(await loaders.referral.load(referral.localId)).toEqual(referral);
    });

    it('householdsByBsn finds the household from every member\'s BSN', async () => {
      const bsns = politieCaseOf(household).memberBsns;
      const results = await t.adapter.createLoaders(scope()).householdsByBsn.loadMany(bsns);
      expect(results).toEqual(bsns.map(() => [expectedHousehold(household)]));
    });
  });

  it('unknown ids are null or [], an unknown BSN finds nothing', async () => {
    const loaders = t.adapter.createLoaders(scope());
    expect(await loaders.household.load('ZM-1999-000000')).toBeNull();
    expect(await loaders.report.load('ZM-1999-000000')).toBeNull();
    expect(await loaders.involvementByHousehold.load('ZM-1999-000000')).toBeNull();
    expect(await loaders.referral.load('ZM-2026-004711-V9')).toBeNull();
    expect(await loaders.childrenByHousehold.loadMany(['ZM-1999-000000', 'ZM-1999-000001'])).toEqual([[], []]);
    expect(await loaders.householdsByBsn.load('999999990')).toEqual([]);
  });
});

describe('the police mock enforces the legacy API', () => {
  it('rejects a wrong password: the adapter reports UPSTREAM_UNAUTHORIZED', async () => {
    const wrong = politieAdapter(mock.url, { credentials: { username: 'gateway', password: 'guess' } });
    await expect(wrong.adapter.createLoaders(scope()).household.load('ZM-2026-004711')).rejects.toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', status: 401 });
    await wrong.close();
    const anonymous = await fetch(`${mock.url}/export/zorgmeldingen/ZM-2026-004711.csv`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  it.each([
    ['export', '/export/zorgmeldingen.csv', 'application/x-www-form-urlencoded', (n: number) => `persoonssleutels=${keys(n).join(',')}`],
    ['export by number', '/export/zorgmeldingen.csv', 'application/x-www-form-urlencoded', (n: number) => `registratienummers=${keys(n).join(',')}`],
    ['key mapping', '/sleutels/vertaling', 'text/csv', (n: number) => `\uFEFF"persoonssleutel"\r\n${keys(n).map((k) => `"${k}"\r\n`).join('')}`],
  ])('%s: 100 keys answer, 101 are refused with 400', async (_name, path, type, body) => {
    const post = (n: number) => fetch(`${mock.url}${path}`, { method: 'POST', headers: { authorization: AUTH, 'content-type': type }, body: body(n) });
    expect((await post(100)).status).toBe(200);
    expect((await post(101)).status).toBe(400);
  });

  it('serves CSV with a BOM, CRLF and every field quoted', async () => {
    const response = await fetch(`${mock.url}/export/zorgmeldingen/ZM-2026-005120.csv`, { headers: { authorization: AUTH } });
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith('\uFEFF"registratienummer";"datum_tijd_registratie";')).toBe(true);
    expect(text).toContain('\r\n"ZM-2026-005120";"03-10-2026 02:15:00";"Groningen";');
  });
});

describe('listHouseholds over a 2,000-household world', () => {
  it('returns exactly the world\'s police households in Groningen, walking the pages', async () => {
    const big = createWorld({ households: 2000 });
    const bigMock = await startPolitieMock({ world: big });
    const adapter = politieAdapter(bigMock.url);
    try {
      const policeKnown = big.households.filter((household) => household.cases[WORLD_AGENCIES.politie]);
      const expected = policeKnown.filter((household) => household.municipality === 'Groningen').map((household) => expectedHousehold(household));
      expect(policeKnown.length).toBeGreaterThan(300); // several pages of 100
      const found = await adapter.adapter.listHouseholds(['Groningen'], scope());
      const byId = (a: { localId: string }, b: { localId: string }) => a.localId.localeCompare(b.localId);
      expect([...found].sort(byId)).toEqual([...expected].sort(byId));
      expect(bigMock.requestCount()).toBeGreaterThanOrEqual(Math.ceil(policeKnown.length / 100) + 1);
    } finally {
      await adapter.close();
      await bigMock.close();
    }
  });
});

describe('the mock\'s knobs', () => {
  it('latency delays the answer', async () => {
    mock.setKnobs({ latencyMs: 150 });
    const started = performance.now();
    await t.adapter.createLoaders(scope()).involvementByHousehold.load('ZM-2026-004711');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    mock.setKnobs({});
  });

  it('errorRate 1 answers 503: UPSTREAM_UNAVAILABLE with the status', async () => {
    mock.setKnobs({ errorRate: 1 });
    await expect(t.adapter.createLoaders(scope()).involvementByHousehold.load('ZM-2026-004711')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });
    mock.setKnobs({});
  });

  it('malformedRate 1 breaks the CSV: UPSTREAM_BAD_RESPONSE, for the export and the key mapping alike', async () => {
    mock.setKnobs({ malformedRate: 1 });
    await expect(t.adapter.createLoaders(scope()).involvementByHousehold.load('ZM-2026-004711')).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    await expect(t.adapter.createLoaders(scope()).householdsByBsn.load(politieCaseOf(known[0]!).memberBsns[0]!)).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    mock.setKnobs({});
  });

  it('timeoutRate 1 never answers: UPSTREAM_TIMEOUT', async () => {
    mock.setKnobs({ timeoutRate: 1 });
    const impatient = politieAdapter(mock.url, { resilience: { timeoutMs: 100 } });
    await expect(impatient.adapter.createLoaders(scope()).involvementByHousehold.load('ZM-2026-004711')).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    await impatient.close();
    mock.setKnobs({});
  });
});

function keys(n: number): string[] {
  return Array.from({ length: n }, (_, index) => `PKX${String(index).padStart(4, '0')}`);
}
