/**
 * One gateway's tracing: its own tracer provider, context manager and W3C propagator, never the
 * OpenTelemetry globals, so several gateways in one process (tests) each keep their own spans.
 *
 * Off by default: no exporter and a sampler that records nothing. Spans are then non-recording,
 * but still carry a trace id and span id, so the request log, the audit trail, the `traceparent`
 * response header and the `traceparent` sent to the agencies stay one trace at next to no cost.
 */
import {
  ROOT_CONTEXT, SpanStatusCode, trace, type Context, type Span, type SpanOptions, type Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, SimpleSpanProcessor, TracerProvider, type SpanExporter, type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { setSpanAttributes, type SpanAttributes } from './span-attributes.ts';

export interface TelemetryOptions {
  /** Where spans go over OTLP/HTTP (the full traces URL, `…/v1/traces`); null or absent: nowhere (default). */
  readonly otlpTracesUrl?: string | null;
  /** An exporter to send every span to as it ends, instead of OTLP (tests give an InMemorySpanExporter). */
  readonly exporter?: SpanExporter;
  /** `service.name` of the spans. Default `ketenpoort`. */
  readonly serviceName?: string;
}

export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface Telemetry {
  /** Whether spans are recorded and exported at all. */
  readonly enabled: boolean;
  readonly tracer: Tracer;
  /** The context active in this async flow (the root context outside any span). */
  active(): Context;
  with<T>(context: Context, run: () => T): T;
  /** The caller's trace context from its `traceparent`/`tracestate`; the root context when absent or malformed. */
  extract(headers: HeaderBag): Context;
  /** `traceparent` (and `tracestate`) for the span active in `context`; empty when there is none. */
  inject(context: Context): Record<string, string>;
  /** A span, child of the active one unless `parent` is given. */
  startSpan(name: string, options?: SpanOptions & { readonly attributes?: SpanAttributes }, parent?: Context): Span;
  /** Runs `work` in a child span of the active one, ending it when `work` settles (an error marks it failed). */
  inSpan<T>(name: string, attributes: SpanAttributes, work: (span: Span) => Promise<T>): Promise<T>;
  /** Sends what is buffered and stops exporting. */
  shutdown(): Promise<void>;
}

const propagator = new W3CTraceContextPropagator();
const getter = {
  keys: (carrier: HeaderBag) => Object.keys(carrier),
  get: (carrier: HeaderBag, key: string) => {
    const value = carrier[key.toLowerCase()];
    return typeof value === 'string' || value === undefined ? value : [...value];
  },
};
const setter = { set: (carrier: Record<string, string>, key: string, value: string) => void (carrier[key] = value) };

export function createTelemetry(options: TelemetryOptions = {}): Telemetry {
  const processors: SpanProcessor[] = [];
  if (options.exporter) processors.push(new SimpleSpanProcessor({ exporter: options.exporter }));
  if (options.otlpTracesUrl) processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: options.otlpTracesUrl }) }));
  const enabled = processors.length > 0;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName ?? 'ketenpoort' }),
    // Every request is traced when tracing is on: a caller's sampled flag does not switch the gateway's traces off.
    sampler: enabled ? new AlwaysOnSampler() : new AlwaysOffSampler(),
    spanProcessors: processors,
  });
  const tracer = provider.getTracer('ketenpoort');
  const contexts = new AsyncLocalStorageContextManager().enable();

  const startSpan: Telemetry['startSpan'] = (name, spanOptions = {}, parent = contexts.active()) => {
    const { attributes, ...rest } = spanOptions;
    const span = tracer.startSpan(name, rest, parent);
    if (attributes) setSpanAttributes(span, attributes);
    return span;
  };

  return {
    enabled,
    tracer,
    active: () => contexts.active(),
    with: (context, run) => contexts.with(context, run),
    extract: (headers) => propagator.extract(ROOT_CONTEXT, headers, getter),
    inject(context) {
      const carrier: Record<string, string> = {};
      propagator.inject(context, carrier, setter);
      return carrier;
    },
    startSpan,
    async inSpan(name, attributes, work) {
      const span = startSpan(name, { attributes });
      try {
        return await contexts.with(trace.setSpan(contexts.active(), span), () => work(span));
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
    async shutdown() {
      contexts.disable();
      await provider.shutdown();
    },
  };
}
