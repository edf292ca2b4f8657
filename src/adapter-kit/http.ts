/**
 * Resilient HTTP to one agency: per-attempt timeout, retry with full-jitter back-off honouring
 * Retry-After (idempotent calls only), a circuit breaker per agency, a bounded body, and a bounded
 * keep-alive undici Pool. Every adapter speaks through this; none copies it.
 *
 * Why undici `Dispatcher.request()` on a `Pool`, and how nock sees it (found by experiment with
 * nock 15.0.6 / @mswjs/interceptors 0.45.12 / undici 8.12.4 / Node 24.21; what can be pinned
 * without crashing the test run is pinned in tests/adapter-kit/nock-interception.test.ts):
 * - nock 15 no longer patches `http.request`: its interceptors hook `net.connect`/`tls.connect` and
 *   the TCP handle, so every client that opens sockets in this process is seen, including
 *   `Pool.request()`, undici's own `fetch` and the global `fetch`. Production keeps one bounded
 *   keep-alive Pool per agency; tests get nock, with no test-only code path here.
 * - The global `fetch` cannot take this Pool: Node 24 bundles undici 7, whose fetch rejects an
 *   undici 8 dispatcher ("invalid onRequestStart method"). Hence `request()`, not `fetch`.
 * - nock 15's `.delay(ms)` delays the body, not the headers: a timeout must cover the body read,
 *   as ours does. Aborting such a reply mid-body when it has no Content-Length crashes undici
 *   (uncaught `assert(!this.aborted)`: the mock socket emits 'close' before 'error', so undici
 *   completes the aborted message) and leaves the connection stuck. Tests that time out a
 *   delayed nock reply must send a Content-Length (`scope.replyContentLength()`); real servers
 *   are not affected.
 * - `replyWithError()` must be given an Error instance; a plain object hangs the request.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { CircuitState } from 'cockatiel';
import type { Logger } from 'pino';
import { Pool, type Dispatcher } from 'undici';
import { createAgencyBreaker, isOpenCircuit } from './agency-breaker.ts';
import { fullJitterBackoff } from './backoff.ts';
import type { Clock } from './contract.ts';
import { isAdapterError } from './errors.ts';
import type { ResilienceOptions, UpstreamHttp, UpstreamRequest, UpstreamResponse } from './http-types.ts';
import { resolveResilience } from './resilience-defaults.ts';
import { safePath } from './safe-path.ts';
import { CallerAbortedError, sendAttempt, toAdapterError, type AttemptTarget } from './upstream-attempt.ts';
import { NO_UPSTREAM_OBSERVER, type UpstreamObserver } from './upstream-observer.ts';

export interface UpstreamHttpOptions {
  /** Agency id; carried by every AdapterError and log line. Required. */
  readonly agencyId: string;
  /** Base URL of the agency's API; a path prefix is kept. Required. */
  readonly baseUrl: string;
  /** Timeout, retry, breaker, pool and size bound; default RESILIENCE_DEFAULTS. */
  readonly resilience?: ResilienceOptions;
  /** Application logger; gets agency, method, path (never the query), status, attempt, duration. Required. */
  readonly logger: Logger;
  /** Dispatcher to send through; default an undici Pool of `connections` keep-alive connections, closed by close(). */
  readonly dispatcher?: Dispatcher;
  /** Waits between retries; default a timer that the caller's signal cancels. Tests inject one that records. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Source of jitter in [0, 1); default Math.random. */
  readonly random?: () => number;
  /** Clock for Retry-After dates; default the system clock. */
  readonly clock?: Clock;
  /** Watches each attempt for traces and metrics and adds its trace context; default watches nothing. */
  readonly observer?: UpstreamObserver;
}

export interface UpstreamStats {
  /** Attempts that went to the network (each retry counts). */
  readonly calls: number;
  /** Of those, attempts that failed: timeout, connection error, 5xx, 429, oversized body. */
  readonly failures: number;
  /** Calls refused by the open circuit without touching the network. */
  readonly shortCircuited: number;
}

export type CircuitName = 'closed' | 'open' | 'half-open' | 'isolated';

const CIRCUIT_NAMES: Readonly<Record<CircuitState, CircuitName>> = {
  [CircuitState.Closed]: 'closed', [CircuitState.Open]: 'open', [CircuitState.HalfOpen]: 'half-open', [CircuitState.Isolated]: 'isolated',
};

export interface CountingUpstreamHttp extends UpstreamHttp {
  stats(): UpstreamStats;
  /** The agency's circuit breaker now. */
  circuit(): CircuitName;
}

const RETRYABLE = new Set<string>(['UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_RATE_LIMITED']);

/** The call's name for traces and metrics: the adapter's, else the method (never the path, which may hold ids). */
function operationOf(request: UpstreamRequest): string {
  return request.operation ?? request.method;
}

export function createUpstreamHttp(options: UpstreamHttpOptions): CountingUpstreamHttp {
  const resilience = resolveResilience(options.resilience);
  const agency = options.agencyId;
  const logger = options.logger.child({ agency });
  const url = new URL(options.baseUrl);
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher = options.dispatcher ?? new Pool(url.origin, { connections: resilience.connections });
  const sleep = options.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }));
  const random = options.random ?? Math.random;
  const clock = options.clock;
  const observer = options.observer ?? NO_UPSTREAM_OBSERVER;
  const now = clock ? () => clock.now().getTime() : Date.now;
  const target: AttemptTarget = {
    agency, dispatcher, origin: url.origin, basePath: url.pathname.replace(/\/+$/, ''),
    timeoutMs: resilience.timeoutMs, maxResponseBytes: resilience.maxResponseBytes, now,
  };
  const breaker = createAgencyBreaker({ threshold: resilience.breakerThreshold, halfOpenAfterMs: resilience.breakerHalfOpenAfterMs, logger });
  const stats = { calls: 0, failures: 0, shortCircuited: 0 };
  let closing: Promise<void> | undefined;

  async function attempt(request: UpstreamRequest, label: string, attemptNo: number): Promise<UpstreamResponse> {
    stats.calls++;
    const started = performance.now();
    const fields = { method: request.method, path: safePath(request.path), attempt: attemptNo };
    const watch = observer.attempt({ agency, operation: operationOf(request), method: request.method, attempt: attemptNo, origin: url.origin });
    const sent = Object.keys(watch.headers).length === 0 ? request : { ...request, headers: { ...request.headers, ...watch.headers } };
    try {
      const response = await sendAttempt(target, sent, label);
      watch.end({ status: response.status });
      logger.debug({ ...fields, status: response.status, durationMs: Math.round(performance.now() - started) }, 'upstream call');
      return response;
    } catch (error) {
      if (!(error instanceof CallerAbortedError)) stats.failures++;
      const { code, status } = isAdapterError(error) ? error : { code: 'CALLER_ABORTED', status: undefined };
      watch.end({ status, code });
      logger.warn({ ...fields, status, code, durationMs: Math.round(performance.now() - started) }, 'upstream call failed');
      throw error;
    }
  }

  async function request(request: UpstreamRequest): Promise<UpstreamResponse> {
    const label = `${request.method} ${safePath(request.path)}`;
    const idempotent = request.idempotent ?? request.method === 'GET';
    const attempts = idempotent ? resilience.retries + 1 : 1;
    for (let attemptNo = 1; ; attemptNo++) {
      try {
        if (request.signal?.aborted) throw new CallerAbortedError(request.signal.reason);
        return await breaker.policy.execute(() => attempt(request, label, attemptNo));
      } catch (error) {
        if (isOpenCircuit(error)) {
          stats.shortCircuited++;
          observer.refused({ agency, operation: operationOf(request) });
        }
        const failure = toAdapterError(error, agency, label);
        if (!RETRYABLE.has(failure.code) || isOpenCircuit(error) || attemptNo >= attempts || error instanceof CallerAbortedError) throw failure;
        // This very failure may have opened the circuit: answer with it now rather than wait to be refused.
        if (breaker.policy.state === CircuitState.Open) throw failure;
        const waitMs = failure.retryAfterSeconds === undefined
          ? fullJitterBackoff(attemptNo - 1, resilience.backoffBaseMs, resilience.backoffMaxMs, random)
          : failure.retryAfterSeconds * 1000;
        // An upstream asking for a longer pause than we are willing to hold a caller gets its answer now.
        if (waitMs > resilience.backoffMaxMs) throw failure;
        await sleep(waitMs, request.signal).catch((cause: unknown) => {
          throw toAdapterError(new CallerAbortedError(cause), agency, label);
        });
      }
    }
  }

  return {
    request,
    stats: () => ({ ...stats }),
    circuit: () => CIRCUIT_NAMES[breaker.policy.state],
    // Idempotent: an adapter's close() may close its context's http, and the gateway may close it again.
    close() {
      closing ??= (async () => {
        breaker.dispose();
        if (ownsDispatcher) await dispatcher.close();
      })();
      return closing;
    },
  };
}
