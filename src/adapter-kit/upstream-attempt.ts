/**
 * Internal to http.ts: one attempt of one upstream call, with its own timeout, mapped to an
 * UpstreamResponse or to an AdapterError. Retry, back-off and the circuit breaker live in http.ts.
 */
import { BrokenCircuitError, IsolatedCircuitError } from 'cockatiel';
import type { Dispatcher } from 'undici';
import { AdapterError } from './errors.ts';
import type { UpstreamRequest, UpstreamResponse } from './http-types.ts';
import { readBoundedBody } from './read-bounded-body.ts';
import { parseRetryAfter } from './retry-after.ts';

export interface AttemptTarget {
  readonly agency: string;
  readonly dispatcher: Dispatcher;
  /** `http://host:port` of the agency. */
  readonly origin: string;
  /** Path prefix from the base URL, without trailing slash ('' for none). */
  readonly basePath: string;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly now: () => number;
}

/** The caller's signal fired: not the upstream's fault, so neither retried nor held against the breaker. */
export class CallerAbortedError extends Error {
  constructor(reason: unknown) {
    super('upstream call aborted by the caller', { cause: reason });
    this.name = 'CallerAbortedError';
  }
}

export async function sendAttempt(target: AttemptTarget, request: UpstreamRequest, label: string): Promise<UpstreamResponse> {
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(), target.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timer.signal, request.signal]) : timer.signal;
  const fail = (code: AdapterError['code'], what: string, extra: { status?: number; cause?: unknown; retryAfterSeconds?: number | undefined } = {}) =>
    new AdapterError(code, `${target.agency}: ${label} ${what}`, { agency: target.agency, ...extra });
  try {
    const response = await target.dispatcher.request({
      origin: target.origin,
      path: target.basePath + request.path + queryString(request.query),
      method: request.method,
      headers: { ...request.headers },
      body: request.body ?? null,
      idempotent: request.idempotent ?? request.method === 'GET',
      signal,
    });
    // undici emits an AbortError on a body we destroy or abort before its end; the reader below
    // already learns of it, so a listener keeps it from becoming an uncaught exception.
    response.body.on('error', ignore);
    const status = response.statusCode;
    const headers = flattenHeaders(response.headers);
    if (status >= 500 || status === 429) {
      // Drain (a little of) the body so the keep-alive connection can serve the next call.
      await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      const waitMs = parseRetryAfter(headers['retry-after'], target.now());
      const retryAfterSeconds = waitMs === undefined ? undefined : waitMs / 1000;
      if (status === 429) throw fail('UPSTREAM_RATE_LIMITED', 'was rate limited (429)', { status, retryAfterSeconds });
      throw fail('UPSTREAM_UNAVAILABLE', `answered ${status}`, { status, retryAfterSeconds });
    }
    const declared = Number(headers['content-length']);
    const read = declared > target.maxResponseBytes
      ? { ok: false as const, readBytes: 0 }
      : await readBoundedBody(response.body, target.maxResponseBytes);
    if (!read.ok) {
      response.body.destroy();
      throw fail('UPSTREAM_BAD_RESPONSE', `sent a body over ${target.maxResponseBytes} bytes`, { status });
    }
    return { status, headers, body: read.bytes.toString('utf8') };
  } catch (error) {
    if (error instanceof AdapterError) throw error;
    if (timer.signal.aborted) throw fail('UPSTREAM_TIMEOUT', `timed out after ${target.timeoutMs} ms`, { cause: sanitise(error) });
    if (request.signal?.aborted) throw new CallerAbortedError(request.signal.reason);
    const code = errorCode(error);
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
      throw fail('UPSTREAM_TIMEOUT', `timed out (${code})`, { cause: sanitise(error) });
    }
    throw fail('UPSTREAM_UNAVAILABLE', `failed to connect or was cut off (${code ?? 'no code'})`, { cause: sanitise(error) });
  } finally {
    clearTimeout(timeout);
  }
}

/** Every way a call can fail, as the AdapterError the adapter sees. */
export function toAdapterError(error: unknown, agency: string, label: string): AdapterError {
  if (error instanceof AdapterError) return error;
  if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
    return new AdapterError('UPSTREAM_UNAVAILABLE', `${agency}: ${label} refused, circuit open`, { agency, cause: error, circuitOpen: true });
  }
  if (error instanceof CallerAbortedError) {
    // No code of its own in the closed set: the caller went away or its deadline passed.
    return new AdapterError('UPSTREAM_TIMEOUT', `${agency}: ${label} aborted by the caller`, { agency, cause: error });
  }
  return new AdapterError('UPSTREAM_UNAVAILABLE', `${agency}: ${label} failed`, { agency, cause: sanitise(error) });
}

function ignore(): void {}

function queryString(query: UpstreamRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of typeof value === 'string' ? [value] : value) params.append(key, item);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Keeps only the name and code of a transport error. Their messages may quote the request URL
 * with its query string (nock's "Disallowed net connect for ...?bsn=..." does), and AdapterError
 * causes reach the application log.
 */
function sanitise(error: unknown): Error {
  const name = error instanceof Error ? error.name : 'Error';
  const code = errorCode(error);
  return Object.assign(new Error(code ? `${name} ${code}` : name), { name, ...(code ? { code } : {}) });
}
