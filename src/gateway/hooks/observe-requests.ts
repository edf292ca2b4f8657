/**
 * Each request's span and metrics. The span (a SERVER span, child of the caller's `traceparent` when
 * it sent a valid one) opens when the request arrives and closes when the response has gone; its
 * trace id is the request's (log line, audit entries), and its `traceparent` is returned to the
 * caller. GraphQL requests are counted by organisation, purpose and outcome, and timed.
 * `withOperationSpan` runs the GraphQL handler in an operation span under the request's, so that
 * everything the operation does (policy decisions, upstream calls, the audit commit) is its child.
 */
import { SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { nameLabel, outcomeLabel } from '#src/observability/metric-labels.ts';
import { setSpanAttributes } from '#src/observability/span-attributes.ts';
import { notesOf } from '../request-notes.ts';
import type { GatewayServices } from '../services.ts';

const UNTRACED = ['/healthz', '/readyz'];
const UNTRACED_PREFIXES = ['/graphiql', '/privacy'];

interface RequestSpan {
  readonly span: Span;
  readonly context: Context;
}

const spans = new WeakMap<FastifyRequest, RequestSpan>();

export function registerRequestObservation(app: FastifyInstance, services: GatewayServices): void {
  const { telemetry, metrics } = services.observability;
  const purposes = services.knownPurposes;
  const organisations = new Set(services.config.agencies.map((agency) => agency.id));

  app.addHook('onRequest', async (request, reply) => {
    if (UNTRACED.includes(request.url) || UNTRACED_PREFIXES.some((prefix) => request.url.startsWith(prefix))) return;
    const route = request.routeOptions.url;
    const parent = telemetry.extract(request.headers);
    const span = telemetry.startSpan(route ? `${request.method} ${route}` : request.method, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': request.method, ...(route ? { 'http.route': route } : {}) },
    }, parent);
    const context = trace.setSpan(parent, span);
    spans.set(request, { span, context });
    const notes = notesOf(request);
    notes.traceId = span.spanContext().traceId;
    notes.spanId = span.spanContext().spanId;
    notes.parentSpanId = trace.getSpanContext(parent)?.spanId ?? null;
    // The caller learns the trace its request was recorded under, to quote it when asking about it.
    const traceparent = telemetry.inject(context).traceparent;
    if (traceparent) reply.header('traceparent', traceparent);
  });

  app.addHook('onResponse', async (request, reply) => {
    const found = spans.get(request);
    if (!found) return;
    const { caller, outcome } = notesOf(request);
    const status = reply.statusCode;
    const outcomeCode = outcomeLabel(outcome, status);
    if (request.routeOptions.url === '/graphql') {
      const organisation = nameLabel(caller?.agencyId, organisations);
      metrics.requests.inc({ organisation, purpose: nameLabel(caller?.purpose, purposes), outcome: outcomeCode });
      metrics.requestDuration.observe({ organisation }, reply.elapsedTime / 1000);
    }
    setSpanAttributes(found.span, {
      'http.response.status_code': status,
      'ketenpoort.outcome': outcomeCode,
      ...(caller ? { 'ketenpoort.organisation': caller.agencyId, 'ketenpoort.role': caller.role, 'ketenpoort.purpose': caller.purpose } : {}),
    });
    if (status >= 500) found.span.setStatus({ code: SpanStatusCode.ERROR });
    found.span.end();
  });
}

/** The GraphQL handler, run in an operation span (named and described by the useTracing plugin). */
export function withOperationSpan<T>(services: GatewayServices, handler: (request: FastifyRequest, reply: FastifyReply) => T | Promise<T>):
  (request: FastifyRequest, reply: FastifyReply) => Promise<T> {
  const { telemetry } = services.observability;
  return (request, reply) => {
    const parent = spans.get(request)?.context ?? telemetry.active();
    const span = telemetry.startSpan('graphql operation', {}, parent);
    return telemetry.with(trace.setSpan(parent, span), async () => {
      try {
        return await handler(request, reply);
      } finally {
        span.end();
      }
    });
  };
}
