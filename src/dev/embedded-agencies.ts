/**
 * The embedded default of development and tests: for every agency whose upstream has no base URL,
 * that agency's mock is started on loopback over one shared synthetic world, and the configuration is
 * completed with the mock's URL and the credentials it accepts. The gateway then talks to the mocks
 * over real HTTP exactly as it would to the agencies' systems. Never loaded in production: main.ts
 * imports this module only when an agency has no base URL.
 */
import type { Logger } from 'pino';
import type { MockKnobs } from '#kit/contract.ts';
import { createWorld, type World } from '#mock-world/index.ts';
import type { MockEndpoint, MockServer } from '#mock-world/mock-server.ts';
import { AMK_MOCK_ENDPOINTS, startAmkMock } from '#adapters/amk/mock.ts';
import { ASHG_MOCK_ENDPOINTS, startAshgMock } from '#adapters/ashg/mock.ts';
import { BJZ_MOCK_ENDPOINTS, startBjzMock } from '#adapters/bjz/mock.ts';
import { POLITIE_MOCK_ENDPOINTS, startPolitieMock } from '#adapters/politie/mock.ts';
import type { AdapterName } from '#src/config/agencies.ts';
import type { GatewayConfig } from '#src/config/config.ts';

export interface MockEntry {
  /** Credentials the mock accepts, used when the configuration gives none. */
  readonly devCredentials: Readonly<Record<string, string>>;
  /** The mock's route table (what `npm run mocks -- --help` lists). */
  readonly endpoints: readonly MockEndpoint[];
  /**
   * Starts the mock of one organisation's system: it serves the world's cases filed under `agencyId`
   * (one mock per organisation, several of one dialect side by side) and reports that id.
   */
  start(options: { world: World; agencyId: string; knobs?: MockKnobs; port?: number; host?: string }): Promise<MockServer>;
}

export const MOCKS: Readonly<Record<AdapterName, MockEntry>> = {
  ashg: { devCredentials: { apiKey: 'ashg-dev-key' }, endpoints: ASHG_MOCK_ENDPOINTS, start: (options) => startAshgMock(options) },
  amk: { devCredentials: { username: 'amk-gateway', password: 'amk-dev-secret' }, endpoints: AMK_MOCK_ENDPOINTS, start: (options) => startAmkMock(options) },
  politie: { devCredentials: { username: 'gateway', password: 'politie-dev-secret' }, endpoints: POLITIE_MOCK_ENDPOINTS, start: (options) => startPolitieMock(options) },
  bjz: { devCredentials: { clientId: 'ketenpoort', clientSecret: 'bjz-dev-secret' }, endpoints: BJZ_MOCK_ENDPOINTS, start: (options) => startBjzMock(options) },
};

export interface EmbeddedAgencies {
  /** The configuration with every upstream pointed at a URL. */
  readonly config: GatewayConfig;
  /** The mocks started, by agency id (tests turn their knobs). */
  readonly mocks: ReadonlyMap<string, MockServer>;
  close(): Promise<void>;
}

export async function startEmbeddedAgencies(config: GatewayConfig, logger: Logger, world?: World): Promise<EmbeddedAgencies> {
  const mocks = new Map<string, MockServer>();
  const close = async () => void (await Promise.all([...mocks.values()].map((mock) => mock.close())));
  let shared = world;
  try {
    const agencies = [];
    for (const agency of config.agencies) {
      const { upstream } = agency;
      if (!upstream || upstream.baseUrl) {
        agencies.push(agency);
        continue;
      }
      shared ??= createWorld({ households: config.mockHouseholds });
      const entry = MOCKS[upstream.adapter];
      const mock = await entry.start({ world: shared, agencyId: agency.id, knobs: { latencyMs: config.mockLatencyMs } });
      mocks.set(agency.id, mock);
      logger.info({ agency: agency.id, url: mock.url }, 'embedded mock agency started');
      agencies.push({ ...agency, upstream: { ...upstream, baseUrl: mock.url, credentials: upstream.credentials ?? entry.devCredentials } });
    }
    return { config: { ...config, agencies }, mocks, close };
  } catch (error) {
    await close();
    throw error;
  }
}
