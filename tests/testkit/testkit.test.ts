/**
 * The test kit as an integration tester uses it (docs/testkit.md): standalone mocks on chosen ports, each fault
 * scenario on a running mock, and each nock scenario of every agency driven through that agency's real adapter.
 */
import nock from 'nock';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpstreamHttp } from '#kit/http.ts';
import {
  AGENCY_FIXTURES, FAULT_SCENARIOS, MOCKED_AGENCIES, NOCK_SCENARIOS, injectFault, nockScenario, startStandaloneMocks,
  type AdapterName, type MockServer, type NockScenario, type StandaloneMocks,
} from '#testkit';
import { ORGANISATION_WORLD } from '../adapters/organisation-world.ts';

describe('standalone mocks for more organisations of one dialect (issue 11)', () => {
  let kit: StandaloneMocks;
  beforeAll(async () => {
    // Every organisation with a system in the registry has its mock; an extra one (a system not yet
    // in the registry, here a second police unit's test double) can be started beside them.
    kit = await startStandaloneMocks({ world: ORGANISATION_WORLD, extraAgencies: [{ id: 'politie-test-double', adapter: 'politie' }] });
  });
  afterAll(() => kit.close());

  it("starts one mock per organisation, each serving its own agency's cases; `mocks` by dialect stay the first wave's four", async () => {
    expect([...kit.byAgency.keys()]).toEqual([...MOCKED_AGENCIES.map(({ id }) => id), 'politie-test-double']);
    expect(MOCKED_AGENCIES.map(({ id }) => id)).toEqual(expect.arrayContaining(['veilig-thuis-drenthe', 'politie-amsterdam', 'jeugdbescherming-noord']));
    for (const [id, mock] of kit.byAgency) expect(mock.agencyId).toBe(id);
    expect(Object.values(kit.mocks).map((mock) => mock.agencyId)).toEqual(['ashg-groningen', 'amk-groningen', 'politie-noord-nederland', 'bjz-groningen']);
    const basic = `Basic ${Buffer.from('gateway:politie-dev-secret').toString('base64')}`;
    const exportOf = async (mock: MockServer | undefined, nummer: string) =>
      (await fetch(`${mock?.url}/export/zorgmeldingen/${nummer}.csv`, { headers: { authorization: basic } })).status;
    expect(await exportOf(kit.byAgency.get('politie-amsterdam'), 'ZM-2026-A00311')).toBe(200);
    expect(await exportOf(kit.byAgency.get('politie-amsterdam'), 'ZM-2026-009001')).toBe(404);
    expect(await exportOf(kit.mocks.politie, 'ZM-2026-A00311')).toBe(404);
  });

  it('refuses an organisation twice', async () => {
    await expect(startStandaloneMocks({ world: ORGANISATION_WORLD, extraAgencies: [{ id: 'amk-groningen', adapter: 'amk' }] }))
      .rejects.toThrow('a mock for amk-groningen is started already');
  });
});

describe('standalone mocks and their faults', () => {
  let kit: StandaloneMocks;
  beforeAll(async () => {
    kit = await startStandaloneMocks({ households: 20 });
  });
  afterAll(() => kit.close());

  it('starts the four mocks, each with its route table, and configures the agencies to them', () => {
    expect(Object.keys(kit.mocks).sort()).toEqual(['amk', 'ashg', 'bjz', 'politie']);
    for (const mock of Object.values(kit.mocks)) expect(mock.endpoints.length).toBeGreaterThan(0);
    const upstreams = kit.agencies().flatMap((agency) => (agency.upstream ? [agency.upstream] : []));
    expect(upstreams.map((upstream) => upstream.baseUrl)).toEqual(MOCKED_AGENCIES.map(({ id }) => kit.byAgency.get(id)!.url));
    expect(upstreams.every((upstream) => upstream.credentials !== undefined)).toBe(true);
  });

  it.each([...new Set(MOCKED_AGENCIES.map(({ adapter }) => adapter))])('%s: every fault scenario, then back to normal', async (adapter: AdapterName) => {
    const mock = kit.mocks[adapter];
    const target = `${mock.url}${mock.endpoints[0]?.path.split('?')[0]?.replace(/\{[^}]+\}/, 'x')}`;
    const normal = await fetch(target);
    expect([200, 401, 404, 405]).toContain(normal.status);
    for (const fault of FAULT_SCENARIOS) {
      const restore = injectFault(mock, fault);
      try {
        if (fault === 'timeout') {
          await expect(fetch(target, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
        } else if (fault === 'unavailable') {
          expect((await fetch(target)).status).toBe(503);
        } else if (fault === 'rateLimited') {
          const response = await fetch(target);
          expect([response.status, response.headers.get('retry-after')]).toEqual([429, '1']);
        } else {
          // A malformed body replaces only successful answers: ask for something that succeeds.
          expect(fault).toBe('malformed');
        }
      } finally {
        restore();
      }
    }
    expect((await fetch(target)).status).toBe(normal.status);
  });

  it('a malformed body replaces a successful answer', async () => {
    const mock = kit.mocks.ashg;
    const restore = injectFault(mock, 'malformed');
    try {
      const response = await fetch(`${mock.url}/api/v1/dossiers?gemeente=Groningen`, { headers: { 'x-api-key': 'ashg-dev-key' } });
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(() => JSON.parse(body)).toThrow();
    } finally {
      restore();
    }
  });
});

describe('nock scenarios through each agency adapter', () => {
  const expected: Record<NockScenario, string | 'happy' | 'notFound'> = {
    happy: 'happy', notFound: 'notFound', timeout: 'UPSTREAM_TIMEOUT', unavailable: 'UPSTREAM_UNAVAILABLE',
    malformed: 'UPSTREAM_BAD_RESPONSE', rateLimited: 'UPSTREAM_RATE_LIMITED',
  };
  const cases = (Object.keys(AGENCY_FIXTURES) as AdapterName[]).flatMap((adapter) => NOCK_SCENARIOS.map((scenario) => [adapter, scenario] as const));

  it.each(cases)('%s: %s', async (adapter, scenario) => {
    nock.cleanAll();
    nock.disableNetConnect();
    const fixture = AGENCY_FIXTURES[adapter];
    const scope = nockScenario(adapter, scenario, { delayMs: 2000 });
    const logger = pino({ level: 'silent' });
    const http = createUpstreamHttp({
      agencyId: fixture.descriptor.id, baseUrl: fixture.baseUrl, logger,
      resilience: { timeoutMs: 200, retries: 0, backoffBaseMs: 5, backoffMaxMs: 100, breakerThreshold: 50, breakerHalfOpenAfterMs: 60_000 },
    });
    const agencyAdapter = fixture.create({ agency: fixture.descriptor, logger, clock: { now: () => new Date('2026-06-01T10:00:00Z') }, http });
    try {
      const outcome = await fixture.lookup(agencyAdapter.createLoaders({ signal: new AbortController().signal }))
        .then((value) => ({ value }), (error: unknown) => ({ error }));
      if (expected[scenario] === 'happy') expect(outcome).toMatchObject({ value: fixture.happy.expected });
      else if (expected[scenario] === 'notFound') expect(outcome).toEqual({ value: fixture.notFound.expected });
      else expect(outcome).toMatchObject({ error: { code: expected[scenario], agency: fixture.descriptor.id } });
      if (scenario !== 'timeout') expect(scope.isDone()).toBe(true);
    } finally {
      await agencyAdapter.close();
      await http.close();
      nock.abortPendingRequests();
      nock.cleanAll();
      nock.enableNetConnect();
    }
  });
});
