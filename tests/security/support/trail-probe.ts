/**
 * Sends one request through the whole gateway, reads that request's entries back from the audit store
 * (by the X-Request-Id it was answered with), asks the same document again with ids added to learn what
 * each object is, and holds the entries to the response (trail-exactness.ts).
 */
import type { GraphQLSchema } from 'graphql';
import type { AuditEntry } from '#src/audit/entry.ts';
import type { GatewayConfig } from '#src/config/config.ts';
import { GUARDS } from '#src/enforcement/sources.ts';
import type { GraphQLResponse, TestGateway } from '../../support/test-gateway.ts';
import { identifiedQuery, shownRecords, type ShownRecord } from './response-records.ts';
import { checkTrail, type TrailCheck } from './trail-exactness.ts';

export interface TrailRequest {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly operationName?: string | undefined;
}

export interface TrailProbe {
  readonly response: GraphQLResponse;
  readonly entries: AuditEntry[];
  readonly shown: ShownRecord[];
  readonly check: TrailCheck;
}

export type Send = (request: TrailRequest) => Promise<GraphQLResponse>;

/**
 * The agencies' mocks answered slowly enough on a shared two-core machine that calls timed out and the
 * breaker opened: a response with an agency missing, and a second answer that need not match the first.
 * These suites are about the trail, not resilience, so they wait for the mocks (config `configure`).
 */
export function patientUpstreams(config: GatewayConfig): GatewayConfig {
  return {
    ...config,
    agencies: config.agencies.map((agency) => (agency.upstream
      ? { ...agency, upstream: { ...agency.upstream, resilience: { ...agency.upstream.resilience, timeoutMs: 30_000, breakerThreshold: 1_000 } } }
      : agency)),
  };
}

/** The entries one request wrote, in order. */
export async function entriesOfRequest(test: TestGateway, response: GraphQLResponse): Promise<AuditEntry[]> {
  const operationId = response.headers['x-request-id'];
  if (typeof operationId !== 'string') throw new Error('the response has no X-Request-Id');
  const entries: AuditEntry[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await test.gateway.services.audit.query({ operationId }, { first: 500, ...(after ? { after } : {}) });
    entries.push(...page.entries);
    if (!page.hasNextPage || !page.endCursor) return entries;
    after = page.endCursor;
  }
}

/** Whether a coordinate is decided by the policy: a field of a guarded type that is not public. */
export function guardedIn(test: TestGateway): (coordinate: string) => boolean {
  const { publicCoordinates } = test.gateway.services.policy;
  return (coordinate) => coordinate.split('.')[0]! in GUARDS && !publicCoordinates.has(coordinate);
}

export async function probeTrail(test: TestGateway, schema: GraphQLSchema, viewerAgencyId: string, send: Send, request: TrailRequest): Promise<TrailProbe> {
  const { services } = test.gateway;
  const response = await send(request);
  const entries = await entriesOfRequest(test, response);
  const data = response.body.data;
  if (!data) {
    // Refused before it ran, or failed as a whole: nothing was disclosed, so nothing is entered as read.
    const read = entries.filter((entry) => entry.kind === 'access');
    return { response, entries, shown: [], check: { violations: read.map((entry) => `entry ${entry.seq} for a response without data`), released: 0, withheld: 0, entries: read.length } };
  }
  const again = await send({ ...request, query: identifiedQuery(schema, request.query) });
  if (!again.body.data) throw new Error(`the identified query did not run: ${JSON.stringify(again.body.errors)}`);
  // An agency missing from either answer: the two need not show the same records, and the run proves nothing.
  const upstream = [...(response.body.errors ?? []), ...(again.body.errors ?? [])].find((error) => String(error.extensions?.code).startsWith('UPSTREAM_'));
  if (upstream) throw new Error(`an agency did not answer: ${upstream.message}`);
  const shown = shownRecords({
    schema, query: request.query, operationName: request.operationName, variables: request.variables ?? {}, data, identified: again.body.data,
    pseudonyms: { ids: services.ids.of(viewerAgencyId), entity: services.entityPseudonym, subject: services.pseudonymize },
  });
  const check = checkTrail(shown, response.body.extensions?.redactions ?? [], entries, guardedIn(test));
  return { response, entries, shown, check };
}
