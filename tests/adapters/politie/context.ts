/** The police adapter wired to the real resilient HTTP, for the police's own tests. */
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import { pino } from 'pino';
import type { AdapterContext, AgencyAdapter, AgencyDescriptor, RequestScope } from '#kit/contract.ts';
import { createUpstreamHttp, type CountingUpstreamHttp } from '#kit/http.ts';
import type { ResilienceOptions } from '#kit/http-types.ts';
import { contractFixture } from '../../../adapters/politie/contract-fixture.ts';
import { createPolitieAdapter, type PolitieOptions } from '../../../adapters/politie/index.ts';

export const descriptor = contractFixture.descriptor;
export const credentials = { username: 'gateway', password: 'politie-dev-secret' } as const;

export interface TestAdapter {
  readonly adapter: AgencyAdapter;
  readonly http: CountingUpstreamHttp;
  close(): Promise<void>;
}

/** The adapter for `agency` (default Politie Noord-Nederland) against `baseUrl`. */
export function politieAdapter(baseUrl: string, options: Partial<PolitieOptions> & { now?: string; resilience?: ResilienceOptions } = {},
  agency: AgencyDescriptor = descriptor): TestAdapter {
  const logger = pino({ level: 'silent' });
  const http = createUpstreamHttp({
    agencyId: agency.id, baseUrl, logger,
    resilience: { retries: 0, timeoutMs: 2000, ...options.resilience },
    sleep: async () => {},
  });
  const now = new Date(options.now ?? '2026-12-31T12:00:00+01:00');
  const context: AdapterContext = { agency, logger, clock: { now: () => now }, http };
  const adapter = createPolitieAdapter(context, { credentials, agencyCodes: WORLD_AGENCY_CODES, ...options });
  return {
    adapter, http,
    async close() {
      await adapter.close();
      await http.close();
    },
  };
}

export function scope(): RequestScope {
  return { signal: new AbortController().signal };
}
