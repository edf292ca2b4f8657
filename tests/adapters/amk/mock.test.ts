import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAmkAdapter } from '#adapters/amk/index.ts';
import { startAmkMock } from '#adapters/amk/mock.ts';
import { buildRequest, decodeEnvelope, soapActionOf, type AmkOperation } from '#adapters/amk/soap-envelope.ts';
import { XmlDecodeError } from '#adapters/amk/soap-xml.ts';
import type { AgencyAdapter } from '#kit/contract.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { WORLD_AGENCIES, createWorld, type WorldCase, type WorldHousehold } from '#mock-world/index.ts';
import { CREDENTIALS, testContext, testHttp, testScope } from './context.ts';
import { asInstants, expectedChildren, expectedHousehold, expectedInvolvement, expectedReports } from './world-expectations.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';

const world = createWorld();
const amkCases = (households: readonly WorldHousehold[]) =>
  households.flatMap((household) => {
    const zaak = household.cases[WORLD_AGENCIES.amk];
    return zaak ? [{ household, zaak }] : [];
  });

let mock: MockServer;
const adapters: AgencyAdapter[] = [];

function adapterFor(url: string, options: { password?: string; timeoutMs?: number; pageSize?: number } = {}): AgencyAdapter {
  const http = testHttp(url, options.timeoutMs ? { timeoutMs: options.timeoutMs } : {});
  const adapter = createAmkAdapter(testContext(http), {
    credentials: { ...CREDENTIALS, ...(options.password ? { password: options.password } : {}) },
    agencyCodes: WORLD_AGENCY_CODES,
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });
  adapters.push(adapter);
  return adapter;
}

async function post(operation: AmkOperation, content: object, init: { credentials?: typeof CREDENTIALS; action?: string; contentType?: string } = {}) {
  const response = await fetch(`${mock.url}/soap/amk`, {
    method: 'POST',
    headers: { 'content-type': init.contentType ?? 'text/xml; charset=utf-8', soapaction: init.action ?? soapActionOf(operation) },
    body: buildRequest(operation, content, init.credentials ?? CREDENTIALS),
  });
  return { status: response.status, body: await response.text() };
}

beforeAll(async () => {
  mock = await startAmkMock({ world });
});
afterEach(() => {
  mock.setKnobs({});
});
afterAll(async () => {
  await Promise.all(adapters.map((adapter) => adapter.close()));
  await mock.close();
});

describe('AMK mock: the DOMAIN scenario households the AMK knows', () => {
  const scenarios = amkCases(world.households.filter((household) => household.scenario !== null));

  it('knows scenarios 1 and 2, and only those', () => {
    expect(scenarios.map(({ household }) => household.scenario)).toEqual([1, 2]);
  });

  it.each(scenarios.map(({ household, zaak }) => [household.scenario, household, zaak] as const))(
    'scenario %i: every loader returns the world values', async (_, household, zaak) => {
      const loaders = adapterFor(mock.url).createLoaders(testScope());
      expect(await loaders.household.load(zaak.householdLocalId)).toEqual(expectedHousehold(household, zaak));
      const children = await loaders.childrenByHousehold.load(zaak.householdLocalId);
      expect(children.map(({ localId: _localId, ...child }) => child)).toEqual(expectedChildren(household, zaak));
      expect(new Set(children.map((child) => child.localId)).size).toBe(zaak.children.length);
      expect(await loaders.involvementByHousehold.load(zaak.householdLocalId)).toEqual(expectedInvolvement(household, zaak));
      expect(await loaders.reportsByHousehold.load(zaak.householdLocalId)).toEqual(expectedReports(household, zaak));
      for (const report of expectedReports(household, zaak)) expect(await loaders.report.load(report.localId)).toEqual(report);
      expect(await loaders.referralsByHousehold.load(zaak.householdLocalId)).toEqual([]);
      for (const member of household.members.filter((candidate) => zaak.memberBsns.includes(candidate.bsn))) {
        expect(await loaders.householdsByBsn.load(member.bsn)).toEqual([expectedHousehold(household, zaak)]);
      }
    });

  it('answers unknown ids with null and [] (alone and within a batch)', async () => {
    const loaders = adapterFor(mock.url).createLoaders(testScope());
    expect(await loaders.household.load('AMK-1999-0000')).toBeNull();
    expect(await loaders.household.loadMany(['AMK-2026-0042', 'AMK-1999-0001'])).toMatchObject([{ localId: 'AMK-2026-0042' }, null]);
    expect(await loaders.involvementByHousehold.load('AMK-1999-0002')).toBeNull();
    expect(await loaders.childrenByHousehold.load('AMK-1999-0003')).toEqual([]);
    expect(await loaders.report.load('AMK-M-1999-0000')).toBeNull();
    expect(await loaders.referral.load('AMK-O-1999-0000')).toBeNull();
    expect(await loaders.reportsByHousehold.load('AMK-1999-0000')).toEqual([]);
    expect(await loaders.householdsByBsn.load('999999990')).toEqual([]);
  });

  it('knows nothing of households the AMK never had (scenario 6: adults only)', async () => {
    const adults = world.households.find((household) => household.scenario === 6)!;
    const loaders = adapterFor(mock.url).createLoaders(testScope());
    for (const member of adults.members) expect(await loaders.householdsByBsn.load(member.bsn)).toEqual([]);
  });
});

describe('AMK mock: the legacy API', () => {
  it('enforces the UsernameToken: a wrong password is 401 with an AUTH fault, and the adapter says UNAUTHORIZED', async () => {
    const refused = await post('HaalZakenOp', { zaakIds: { zaakId: ['AMK-2026-0042'] } }, { credentials: { ...CREDENTIALS, password: 'guess' } });
    expect(refused.status).toBe(401);
    expect(decodeEnvelope(refused.body).body).toEqual({ kind: 'fault', side: 'Client', code: 'AUTH' });
    const noHeader = await fetch(`${mock.url}/soap/amk`, {
      method: 'POST', headers: { 'content-type': 'text/xml', soapaction: soapActionOf('HaalZakenOp') },
      body: buildRequest('HaalZakenOp', { zaakIds: { zaakId: ['AMK-2026-0042'] } }, CREDENTIALS).replace(/<soap:Header>.*<\/soap:Header>/, ''),
    });
    expect(noHeader.status).toBe(401);
    await expect(adapterFor(mock.url, { password: 'guess' }).createLoaders(testScope()).household.load('AMK-2026-0042'))
      .rejects.toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', status: 401 });
  });

  it('enforces its batch limit of 25 ids a call, and the adapter stays within it', async () => {
    const ids = (count: number) => Array.from({ length: count }, (_, index) => `AMK-1999-${String(index).padStart(4, '0')}`);
    const over = await post('HaalZakenOp', { zaakIds: { zaakId: ids(26) } });
    expect(over.status).toBe(400);
    expect(decodeEnvelope(over.body).body).toEqual({ kind: 'fault', side: 'Client', code: 'LIMIET' });
    expect((await post('HaalZakenOp', { zaakIds: { zaakId: ids(25) } })).status).toBe(200);
    expect((await post('ZoekZakenOpBsn', { bsns: { bsn: ids(26) } })).status).toBe(400);
    expect((await post('ZoekZakenOpGemeente', { gemeente: 'Groningen', pagina: '1', paginagrootte: '51' })).status).toBe(400);
    const before = mock.requestCount();
    const answers = await adapterFor(mock.url).createLoaders(testScope()).household.loadMany(['AMK-2026-0042', ...ids(59)]);
    expect(mock.requestCount() - before).toBe(3);
    expect(answers.filter((answer) => answer !== null)).toHaveLength(1);
  });

  it('refuses what a SOAP endpoint refuses: other paths, methods, media types and a SOAPAction that does not match', async () => {
    expect((await fetch(`${mock.url}/soap/ashg`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${mock.url}/soap/amk`)).status).toBe(405);
    expect((await post('HaalZakenOp', { zaakIds: { zaakId: ['x'] } }, { contentType: 'application/json' })).status).toBe(415);
    expect((await post('HaalZakenOp', { zaakIds: { zaakId: ['x'] } }, { action: soapActionOf('HaalMeldingenOp') })).status).toBe(400);
    expect((await post('HaalMeldingenOp', { zaakIds: { zaakId: ['x'] }, meldingIds: { meldingId: ['y'] } })).status).toBe(400);
  });
});

describe('AMK mock: a 2,000-household world', () => {
  const big = createWorld({ households: 2000 });
  let bigMock: MockServer;
  beforeAll(async () => {
    bigMock = await startAmkMock({ world: big });
  });
  afterAll(async () => {
    await bigMock.close();
  });

  it("lists exactly the world's Groningen households the AMK knows, walking the pages", async () => {
    const expected = amkCases(big.households).filter(({ household }) => household.municipality === 'Groningen');
    expect(expected.length).toBeGreaterThan(20);
    for (const pageSize of [10, 50]) {
      const before = bigMock.requestCount();
      const listed = await adapterFor(bigMock.url, { pageSize }).listHouseholds(['Groningen'], testScope());
      expect(bigMock.requestCount() - before).toBe(Math.ceil(expected.length / pageSize));
      expect(listed).toEqual(expected.map(({ household, zaak }) => expectedHousehold(household, zaak)));
    }
  });

  it('answers generated AMK households with their world values (date-times as the same instants)', async () => {
    // Every sixth of the ~640 AMK households: enough for every phase and both sides of summer time, light enough for a busy CI.
    const all: { household: WorldHousehold; zaak: WorldCase }[] = amkCases(big.households).filter((_, index) => index % 6 === 0);
    expect(new Set(all.map(({ zaak }) => zaak.phase))).toEqual(new Set(['INTAKE', 'INVESTIGATION', 'CONCLUSION', 'HANDED_OVER_TO_CARE']));
    const keys = all.map(({ zaak }) => zaak.householdLocalId);
    const loaders = adapterFor(bigMock.url).createLoaders(testScope());
    const [households, involvement, reports] = await Promise.all([
      loaders.household.loadMany(keys), loaders.involvementByHousehold.loadMany(keys), loaders.reportsByHousehold.loadMany(keys),
    ]);
    expect(households).toEqual(all.map(({ household, zaak }) => expectedHousehold(household, zaak)));
    expect(involvement).toEqual(all.map(({ household, zaak }) => expectedInvolvement(household, zaak)));
    expect(asInstants(reports)).toEqual(asInstants(all.map(({ household, zaak }) => expectedReports(household, zaak))));
  });
});

describe('AMK mock: knobs', () => {
  it('adds latency', async () => {
    mock.setKnobs({ latencyMs: 150 });
    const started = performance.now();
    await adapterFor(mock.url).createLoaders(testScope()).household.load('AMK-2026-0042');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('errorRate 1 answers 503, which the adapter reports as UPSTREAM_UNAVAILABLE', async () => {
    mock.setKnobs({ errorRate: 1 });
    expect((await post('HaalZakenOp', { zaakIds: { zaakId: ['AMK-2026-0042'] } })).status).toBe(503);
    await expect(adapterFor(mock.url).createLoaders(testScope()).household.load('AMK-2026-0042'))
      .rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });
  });

  it('malformedRate 1 sends a broken envelope the adapter rejects as UPSTREAM_BAD_RESPONSE', async () => {
    mock.setKnobs({ malformedRate: 1 });
    const raw = await post('HaalZakenOp', { zaakIds: { zaakId: ['AMK-2026-0042'] } });
    expect(raw.status).toBe(200);
    expect(() => decodeEnvelope(raw.body)).toThrow(XmlDecodeError);
    await expect(adapterFor(mock.url).createLoaders(testScope()).household.load('AMK-2026-0042'))
      .rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });

  it('timeoutRate 1 never answers, which the adapter reports as UPSTREAM_TIMEOUT', async () => {
    mock.setKnobs({ timeoutRate: 1 });
    await expect(adapterFor(mock.url, { timeoutMs: 150 }).createLoaders(testScope()).household.load('AMK-2026-0042'))
      .rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
  });
});
