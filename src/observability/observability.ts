/**
 * One gateway's observability, made once with its services: tracing (off unless an OTLP endpoint or
 * an exporter is given), its Prometheus metrics, the observer the kit's HTTP clients report to, and
 * the `/metrics` server on its own port (only when a port is configured).
 */
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import type { UpstreamObserver } from '#kit/upstream-observer.ts';
import { createMetrics, type GatewayMetrics } from './metrics.ts';
import { startMetricsServer, type MetricsServer } from './metrics-server.ts';
import { createTelemetry, type Telemetry } from './telemetry.ts';
import { createUpstreamObserver } from './upstream-observer.ts';

export interface ObservabilityConfig {
  /** OTLP/HTTP traces URL (`…/v1/traces`); null: traces are not exported (default). */
  readonly otlpTracesUrl: string | null;
  /** Where `/metrics` listens; null: no metrics server (default). Port 0 takes any free port. */
  readonly metrics: { readonly host: string; readonly port: number } | null;
}

export interface ObservabilityOptions {
  readonly config: ObservabilityConfig;
  /** The agencies configured: the only values the `agency` label takes. */
  readonly agencies: ReadonlySet<string>;
  /** A span exporter in addition to OTLP (tests). */
  readonly spanExporter?: SpanExporter;
}

export interface Observability {
  readonly telemetry: Telemetry;
  readonly metrics: GatewayMetrics;
  readonly upstream: UpstreamObserver;
  /** Starts the metrics server when one is configured; resolves with its URL, or null. */
  listen(): Promise<string | null>;
  /** The metrics server's URL once listening, else null. */
  metricsUrl(): string | null;
  /** Stops the metrics server and flushes the spans still buffered. */
  close(): Promise<void>;
}

export function createObservability(options: ObservabilityOptions): Observability {
  const telemetry = createTelemetry({
    otlpTracesUrl: options.config.otlpTracesUrl,
    ...(options.spanExporter ? { exporter: options.spanExporter } : {}),
  });
  const metrics = createMetrics();
  let server: MetricsServer | null = null;
  return {
    telemetry,
    metrics,
    upstream: createUpstreamObserver(telemetry, metrics, options.agencies),
    async listen() {
      if (!options.config.metrics) return null;
      server ??= await startMetricsServer(metrics.registry, options.config.metrics);
      return server.url;
    },
    metricsUrl: () => server?.url ?? null,
    async close() {
      await server?.close();
      server = null;
      await telemetry.shutdown();
    },
  };
}
