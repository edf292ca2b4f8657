/** Builds the AdapterContext the BJZ tests run the adapter in: the kit's real HTTP, a settable clock. */
import pino from 'pino';
import type { AdapterContext, AgencyDescriptor } from '#kit/contract.ts';
import type { ResilienceOptions } from '#kit/http-types.ts';
import { createUpstreamHttp, type CountingUpstreamHttp } from '#kit/http.ts';
import { createBjzAdapter, type BjzOptions } from '#adapters/bjz/index.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';

export const BJZ: AgencyDescriptor = { id: 'bjz-groningen', kind: 'BJZ', name: 'Bureau Jeugdzorg Groningen', region: 'groningen' };
export const OWNER = { agencyId: 'bjz-groningen', kind: 'BJZ', region: 'groningen' } as const;

export interface TestContextOptions {
  readonly baseUrl: string;
  /** The organisation the adapter is for. Default BJZ (Bureau Jeugdzorg Groningen). */
  readonly agency?: AgencyDescriptor;
  readonly resilience?: ResilienceOptions;
  /** Called instead of sleeping between retries; default resolves at once. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface TestContext {
  readonly context: AdapterContext;
  readonly http: CountingUpstreamHttp;
  /** Back-off waits the HTTP layer asked for, in ms. */
  readonly sleeps: number[];
  /** Moves the adapter's clock. */
  advance(ms: number): void;
}

export function createTestContext(options: TestContextOptions): TestContext {
  let now = Date.parse('2026-11-02T09:00:00Z');
  const sleeps: number[] = [];
  const logger = pino({ level: 'silent' });
  const clock = { now: () => new Date(now) };
  const agency = options.agency ?? BJZ;
  const http = createUpstreamHttp({
    agencyId: agency.id,
    baseUrl: options.baseUrl,
    logger,
    clock,
    resilience: { timeoutMs: 1000, retries: 2, backoffBaseMs: 1, backoffMaxMs: 2000, ...options.resilience },
    sleep: async (ms) => {
      sleeps.push(ms);
      await options.sleep?.(ms);
    },
  });
  return {
    context: { agency, logger, clock, http },
    http,
    sleeps,
    advance(ms) {
      now += ms;
    },
  };
}

export const CREDENTIALS = { clientId: 'ketenpoort', clientSecret: 'bjz-dev-secret' } as const;

export function createTestAdapter(test: TestContext, options: Partial<BjzOptions> = {}) {
  return createBjzAdapter(test.context, { ...CREDENTIALS, agencyCodes: WORLD_AGENCY_CODES, ...options });
}

export function scope(): { signal: AbortSignal } {
  return { signal: new AbortController().signal };
}
