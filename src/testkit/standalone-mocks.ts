/**
 * The four agency mocks as an integration tester starts them: on chosen ports (or any free ones), over one
 * synthetic world, with the knobs for latency and faults; and the gateway configuration that points at them.
 * Development and tests only.
 */
import type { MockKnobs } from '#kit/contract.ts';
import { createWorld, type World } from '#mock-world/index.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { EMBEDDED_AGENCIES, type AdapterName, type AgencyConfig } from '#src/config/agencies.ts';
import { MOCKS } from '#src/dev/embedded-agencies.ts';

/** An organisation whose record system a mock stands in for, and the dialect (adapter) it speaks. */
export interface MockedAgency {
  readonly id: string;
  readonly adapter: AdapterName;
}

/**
 * The organisations with a record system in the registry (covenants/organisations.yaml), in the order
 * `portBase` numbers them: the first wave's ashg, amk, politie, bjz of Groningen first, then the rest
 * in the registry's order.
 */
export const MOCKED_AGENCIES: readonly MockedAgency[] = EMBEDDED_AGENCIES.flatMap(
  (agency) => (agency.upstream ? [{ id: agency.id, adapter: agency.upstream.adapter }] : []),
);

export interface StandaloneMocksOptions {
  /** The population. Default `createWorld({ households, seed })`. */
  readonly world?: World;
  /** Size of the generated world when none is given. Default 200. */
  readonly households?: number;
  /** Seed of the generated world. Default the world's own. */
  readonly seed?: number;
  /** Knobs for all four mocks (each can be changed later with `setKnobs`). Default none. */
  readonly knobs?: MockKnobs;
  /** Ports per adapter; wins over `portBase`. */
  readonly ports?: Partial<Record<AdapterName, number>>;
  /** First of four consecutive ports (ashg, amk, politie, bjz), then one for each of `extraAgencies`. Default 0: any free port. */
  readonly portBase?: number;
  /**
   * More organisations to start a mock for, besides the embedded agencies (issue 11: several of one dialect,
   * e.g. `{ id: 'veilig-thuis-drenthe', adapter: 'amk' }`); each serves the world's cases filed under its id.
   * Default none.
   */
  readonly extraAgencies?: readonly MockedAgency[];
  /** Default 127.0.0.1. */
  readonly host?: string;
}

export interface StandaloneMocks {
  readonly world: World;
  /** The embedded agencies' running mocks by adapter name. */
  readonly mocks: Readonly<Record<AdapterName, MockServer>>;
  /** Every running mock (the extra agencies' too) by the id of the agency it serves, in port order. */
  readonly byAgency: ReadonlyMap<string, MockServer>;
  /** The embedded agencies with every upstream pointed at its mock (baseUrl and the credentials it accepts). */
  agencies(): AgencyConfig[];
  close(): Promise<void>;
}

export async function startStandaloneMocks(options: StandaloneMocksOptions = {}): Promise<StandaloneMocks> {
  const world = options.world ?? createWorld({ households: options.households ?? 200, ...(options.seed === undefined ? {} : { seed: options.seed }) });
  const agencies = [...MOCKED_AGENCIES, ...(options.extraAgencies ?? [])];
  const started = new Map<string, MockServer>();
  const byAdapter = new Map<AdapterName, MockServer>();
  const close = async () => void (await Promise.all([...started.values()].map((mock) => mock.close())));
  try {
    for (const [index, { id, adapter }] of agencies.entries()) {
      if (started.has(id)) throw new Error(`a mock for ${id} is started already`);
      const embedded = index < MOCKED_AGENCIES.length;
      const port = (embedded ? options.ports?.[adapter] : undefined) ?? (options.portBase ? options.portBase + index : 0);
      const mock = await MOCKS[adapter].start({
        world, agencyId: id, port, ...(options.knobs ? { knobs: options.knobs } : {}), ...(options.host ? { host: options.host } : {}),
      });
      started.set(id, mock);
      if (embedded && !byAdapter.has(adapter)) byAdapter.set(adapter, mock);
    }
  } catch (error) {
    await close();
    throw error;
  }
  const mocks = Object.fromEntries(byAdapter) as Record<AdapterName, MockServer>;
  return {
    world,
    mocks,
    byAgency: started,
    agencies: () => standaloneAgencies((agency) => started.get(agency.id)!.url),
    close,
  };
}

/** The embedded agencies with every upstream at the URL given for its organisation, with the credentials its mock accepts. */
export function standaloneAgencies(urlOf: (agency: MockedAgency) => string): AgencyConfig[] {
  return EMBEDDED_AGENCIES.map((agency) => {
    const { upstream } = agency;
    if (!upstream) return agency;
    return { ...agency, upstream: { ...upstream, baseUrl: urlOf({ id: agency.id, adapter: upstream.adapter }), credentials: MOCKS[upstream.adapter].devCredentials } };
  });
}

/** The URL an organisation's mock gets from `portBase` (`npm run mocks -- --port-base <n>`) on 127.0.0.1. */
export function portBaseUrl(portBase: number, agency: Pick<MockedAgency, 'id'>): string {
  const index = MOCKED_AGENCIES.findIndex((candidate) => candidate.id === agency.id);
  if (index < 0) throw new Error(`${agency.id} has no record system in the registry`);
  return `http://127.0.0.1:${portBase + index}`;
}
