/**
 * The kit's UpstreamObserver over this gateway's tracing and metrics: a client span per attempt,
 * child of whatever span is active (the GraphQL operation, a policy decision waiting on referrals),
 * whose `traceparent` goes to the agency; and the attempt's count, time and error code per agency and
 * call name. Neither the span nor a label holds the path, the query or the body.
 */
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { UpstreamObserver } from '#kit/upstream-observer.ts';
import type { GatewayMetrics } from './metrics.ts';
import { codeLabel, nameLabel } from './metric-labels.ts';
import { setSpanAttributes } from './span-attributes.ts';
import type { Telemetry } from './telemetry.ts';

export function createUpstreamObserver(telemetry: Telemetry, metrics: GatewayMetrics, agencies: ReadonlySet<string>): UpstreamObserver {
  return {
    attempt(info) {
      const labels = { agency: nameLabel(info.agency, agencies), operation: nameLabel(info.operation) };
      const parent = telemetry.active();
      const origin = new URL(info.origin);
      const span = telemetry.startSpan(`${info.agency} ${labels.operation}`, {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': info.method,
          'server.address': origin.hostname,
          ...(origin.port ? { 'server.port': Number(origin.port) } : {}),
          'ketenpoort.upstream.agency': info.agency,
          'ketenpoort.upstream.operation': labels.operation,
          ...(info.attempt > 1 ? { 'http.request.resend_count': info.attempt - 1 } : {}),
        },
      }, parent);
      const started = performance.now();
      return {
        headers: telemetry.inject(trace.setSpan(parent, span)),
        end({ status, code }) {
          metrics.upstreamDuration.observe(labels, (performance.now() - started) / 1000);
          metrics.upstreamRequests.inc({ ...labels, outcome: code === undefined ? 'ok' : codeLabel(code) });
          if (code !== undefined) metrics.upstreamErrors.inc({ ...labels, code: codeLabel(code) });
          setSpanAttributes(span, {
            ...(status !== undefined ? { 'http.response.status_code': status } : {}),
            ...(code !== undefined ? { 'error.type': codeLabel(code) } : {}),
          });
          if (code !== undefined) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        },
      };
    },
    refused(info) {
      const labels = { agency: nameLabel(info.agency, agencies), operation: nameLabel(info.operation) };
      metrics.upstreamRequests.inc({ ...labels, outcome: 'CIRCUIT_OPEN' });
      metrics.upstreamErrors.inc({ ...labels, code: 'CIRCUIT_OPEN' });
    },
  };
}
