/** The AdapterContext these tests run the ASHG adapter in: silent logger, fixed clock, given HTTP. */
import { pino } from 'pino';
import type { AdapterContext, AgencyDescriptor, RequestScope } from '#kit/contract.ts';
import type { UpstreamHttp } from '#kit/http-types.ts';

export const ASHG: AgencyDescriptor = { id: 'ashg-groningen', kind: 'ASHG', name: 'ASHG Groningen', region: 'groningen' };

/** The context of the adapter for `agency` (default the ASHG Groningen). */
export function testContext(http: UpstreamHttp, agency: AgencyDescriptor = ASHG): AdapterContext {
  return { agency, logger: pino({ level: 'silent' }), clock: { now: () => new Date('2026-11-01T12:00:00+01:00') }, http };
}

export function testScope(): RequestScope {
  return { signal: new AbortController().signal };
}
