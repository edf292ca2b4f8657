/** The AdapterContext these tests run the AMK adapter in: silent logger, fixed clock, the kit's real HTTP. */
import { pino } from 'pino';
import type { AdapterContext, AgencyDescriptor, RequestScope } from '#kit/contract.ts';
import { createUpstreamHttp, type CountingUpstreamHttp } from '#kit/http.ts';
import type { ResilienceOptions } from '#kit/http-types.ts';
import type { OwnerTag } from '#domain/records.ts';

export const AMK: AgencyDescriptor = { id: 'amk-groningen', kind: 'AMK', name: 'AMK Groningen', region: 'groningen' };
export const OWNER: OwnerTag = { agencyId: AMK.id, kind: AMK.kind, region: AMK.region };
export const CREDENTIALS = { username: 'amk-gateway', password: 'amk-dev-secret' };

/** The kit's resilient HTTP, with no waiting between retries so failure tests stay fast. */
export function testHttp(baseUrl: string, resilience: ResilienceOptions = {}): CountingUpstreamHttp {
  return createUpstreamHttp({
    agencyId: AMK.id, baseUrl, logger: pino({ level: 'silent' }), sleep: async () => {},
    resilience: { timeoutMs: 2000, retries: 0, ...resilience },
  });
}

/** The context of the adapter for `agency` (default the AMK Groningen). */
export function testContext(http: CountingUpstreamHttp, agency: AgencyDescriptor = AMK): AdapterContext {
  return { agency, logger: pino({ level: 'silent' }), clock: { now: () => new Date('2026-11-01T12:00:00+01:00') }, http };
}

export function testScope(): RequestScope {
  return { signal: new AbortController().signal };
}
