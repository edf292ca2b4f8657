/**
 * The four agency mocks as standalone systems on loopback (what `npm run mocks` starts), over one
 * synthetic world, for tests that run the gateway as its own process and point it at them by URL.
 */
import { EMBEDDED_AGENCIES } from '#src/config/agencies.ts';
import { MOCKS } from '#src/dev/embedded-agencies.ts';
import { createWorld } from '#mock-world/index.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import type { ReceivedAct } from '#mock-world/act-ledger.ts';

export interface StandaloneAgency {
  readonly url: string;
  /** The credentials the mock accepts. */
  readonly credentials: Readonly<Record<string, string>>;
}

export interface StandaloneAgencies {
  /** By agency id (the embedded agencies that have a system). */
  readonly agencies: ReadonlyMap<string, StandaloneAgency>;
  /** Every `traceparent` header the systems received, all agencies together. */
  receivedTraceparents(): string[];
  /** The acts an agency's system stored through its inbound operations (issue 13), one per act id. */
  receivedActs(agencyId: string): readonly ReceivedAct[];
  /** Makes the next `times` inbound calls to an agency's system fail transiently (for the outbox's retries). */
  failInbound(agencyId: string, times: number): void;
  close(): Promise<void>;
}

export async function startStandaloneAgencies(options: { households?: number } = {}): Promise<StandaloneAgencies> {
  const world = createWorld({ households: options.households ?? 60 });
  const mocks: MockServer[] = [];
  const byAgency = new Map<string, MockServer>();
  const agencies = new Map<string, StandaloneAgency>();
  const close = async () => void (await Promise.all(mocks.map((mock) => mock.close())));
  try {
    for (const agency of EMBEDDED_AGENCIES) {
      if (!agency.upstream) continue;
      const entry = MOCKS[agency.upstream.adapter];
      const mock = await entry.start({ world, agencyId: agency.id, host: '127.0.0.1' });
      mocks.push(mock);
      byAgency.set(agency.id, mock);
      agencies.set(agency.id, { url: mock.url, credentials: entry.devCredentials });
    }
  } catch (error) {
    await close();
    throw error;
  }
  const mockOf = (agencyId: string): MockServer => {
    const mock = byAgency.get(agencyId);
    if (!mock) throw new Error(`no standalone system for ${agencyId}`);
    return mock;
  };
  return {
    agencies,
    receivedTraceparents: () => mocks.flatMap((mock) => mock.receivedTraceparents()),
    receivedActs: (agencyId) => mockOf(agencyId).receivedActs(),
    failInbound: (agencyId, times) => mockOf(agencyId).failInbound(times),
    close,
  };
}
