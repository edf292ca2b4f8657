/**
 * One adapter per agency with a record system. On the embedded defaults (an agency without a base
 * URL) the gateway starts that agency's mock on loopback first: real HTTP either way.
 */
import type { Logger } from 'pino';
import type { AgencyAdapter } from '#kit/contract.ts';
import { createUpstreamHttp, type CountingUpstreamHttp, type UpstreamStats } from '#kit/http.ts';
import type { MockServer } from '#kit/mock-server.ts';
import { createWorld, type World } from '#kit/world/index.ts';
import type { GatewayConfig } from '#src/config/config.ts';
import { ADAPTERS } from './agency-registry.ts';

export interface StartedAgencies {
  readonly adapters: ReadonlyMap<string, AgencyAdapter>;
  /** The mocks the gateway started for agencies without a base URL (the embedded default), by agency id. */
  readonly mocks: ReadonlyMap<string, MockServer>;
  /** Upstream attempts per agency since start (each retry counts): what tests and the benchmark count. */
  upstreamStats(): ReadonlyMap<string, UpstreamStats>;
  close(): Promise<void>;
}

export async function startAgencies(config: GatewayConfig, logger: Logger, clock: () => Date, world?: World): Promise<StartedAgencies> {
  const adapters = new Map<string, AgencyAdapter>();
  const mocks: MockServer[] = [];
  const clients = new Map<string, CountingUpstreamHttp>();
  let sharedWorld = world;
  try {
    for (const agency of config.agencies) {
      if (!agency.upstream) continue;
      const entry = ADAPTERS[agency.upstream.adapter];
      let baseUrl = agency.upstream.baseUrl;
      let credentials = agency.upstream.credentials;
      if (!baseUrl) {
        sharedWorld ??= createWorld({ households: config.mockHouseholds });
        const mock = await entry.startMock({ world: sharedWorld, knobs: { latencyMs: config.mockLatencyMs } });
        mocks.push(mock);
        baseUrl = mock.url;
        credentials ??= entry.devCredentials;
        logger.info({ agency: agency.id, url: mock.url }, 'embedded mock agency started');
      }
      const descriptor = { id: agency.id, kind: agency.kind, name: agency.name, region: agency.region };
      const agencyLogger = logger.child({ agency: agency.id });
      const http = createUpstreamHttp({ agencyId: agency.id, baseUrl, resilience: agency.upstream.resilience ?? {}, logger: agencyLogger });
      clients.set(agency.id, http);
      adapters.set(agency.id, entry.create({ agency: descriptor, logger: agencyLogger, clock: { now: clock }, http }, credentials ?? {}));
    }
  } catch (error) {
    await Promise.all([...clients.values()].map((client) => client.close()));
    await Promise.all(mocks.map((mock) => mock.close()));
    throw error;
  }
  return {
    adapters,
    mocks: new Map(mocks.map((mock) => [mock.agencyId, mock])),
    upstreamStats: () => new Map([...clients].map(([id, client]) => [id, client.stats()])),
    async close() {
      // Adapters do not own the HTTP clients they were given: close the pools here, then the mocks.
      await Promise.all([...clients.values()].map((client) => client.close()));
      await Promise.all(mocks.map((mock) => mock.close()));
    },
  };
}
