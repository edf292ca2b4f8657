/**
 * The context the gateway hands Apollo for one request: the graph's context (caller, request scope,
 * enforcement), the gateway's own services for its plugins, and the notes its log line is made from.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayContext } from '#src/graph/context.ts';
import { createRequestScope } from '#src/graph/request-scope.ts';
import type { Caller } from '#src/identity/caller.ts';
import type { RequestNotes } from './request-notes.ts';
import type { GatewayServices } from './services.ts';

export interface ServerContext extends GatewayContext {
  readonly services: GatewayServices;
  /** Where plugins note the operation name and outcome for the request log line. */
  readonly notes: RequestNotes;
}

export function createServerContext(services: GatewayServices, caller: Caller, request: FastifyRequest, reply: FastifyReply,
  notes: RequestNotes): ServerContext {
  const { traceId, spanId, parentSpanId } = notes;
  const now = services.clock();
  const scope = createRequestScope(services);
  const enforcement = services.enforcement.forRequest({
    caller, now, traceId, spanId, parentSpanId, requestId: request.id,
    callerHasRecords: services.adapters.has(caller.agencyId),
    referralsOf: scope.referralsOf,
    childrenOf: scope.childrenOf,
  });
  // A caller that hangs up before its answer is sent frees the agencies' systems too: the
  // request's upstream calls are cancelled rather than left to run to their timeouts.
  const response = reply.raw;
  response.once('close', () => {
    if (!response.writableFinished) scope.abort(new Error('the caller closed the connection'));
  });
  return {
    caller, now, requestId: request.id, traceId, spanId, parentSpanId, logger: services.logger.child({ requestId: request.id, traceId }),
    services, request: scope, enforcement, notes,
  };
}
