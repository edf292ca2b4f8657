/**
 * Load runs with autocannon at a fixed concurrency. A run lasts a duration or, for a scenario whose
 * replies take seconds, a fixed number of requests (then nothing is abandoned in flight at the end,
 * which would otherwise discard a large share of a short window's work). Latency percentiles are
 * computed here from every response time (autocannon's histogram has p97.5 but no p95), and a reply
 * counts as served only when it is a 2xx without `errors`: a failure answered fast must not look fast.
 */
import autocannon, { type Result } from 'autocannon';

export interface LoadRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface LoadOptions {
  /** Concurrent connections (requests in flight). Required. */
  readonly connections: number;
  /** Seconds to run; ignored when `requests` is given. */
  readonly durationSeconds: number;
  /** Run until this many requests have been answered instead of for a duration. Default none. */
  readonly requests?: number;
}

/** One run's raw figures; windows of the same contender and scenario are merged with mergeSamples. */
export interface LoadSample {
  readonly served: number;
  readonly failed: number;
  readonly seconds: number;
  /** Response times of the good replies, in ms. */
  readonly times: readonly number[];
  /** Error codes of failed replies (extensions.code, `HTTP <status>` or `connection`), counted. */
  readonly failures: Readonly<Record<string, number>>;
}

export interface LoadResult {
  /** Good replies (2xx, no `errors`) per second over the runs. */
  readonly throughput: number;
  /** Good replies. */
  readonly served: number;
  /** Replies that were not 2xx, had `errors`, or never came (connection errors, timeouts). */
  readonly failed: number;
  readonly failures: Readonly<Record<string, number>>;
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly p99: number; readonly mean: number; readonly max: number };
  readonly durationSeconds: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export async function runLoad(request: LoadRequest, options: LoadOptions): Promise<LoadSample> {
  const times: number[] = [];
  const failures: Record<string, number> = {};
  const count = (code: string) => {
    failures[code] = (failures[code] ?? 0) + 1;
  };
  // autocannon notices that `amount` requests were answered only at its next one-second tick, so its
  // duration of a fixed-count run is rounded up to whole seconds: up to a quarter of a 4 s window. A
  // fixed-count run is timed here instead, from the start to the last reply.
  const startedAt = performance.now();
  let lastReplyAt = startedAt;
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon({
      url: request.url,
      method: 'POST',
      headers: { ...request.headers },
      body: request.body,
      connections: options.connections,
      ...(options.requests ? { amount: options.requests } : { duration: options.durationSeconds }),
      timeout: 60,
      verifyBody: (body) => {
        if (!body.includes('"errors"')) return true;
        const codes = new Set([...body.matchAll(/"code":"([A-Z_]+)"/g)].map((match) => match[1] ?? ''));
        for (const code of codes.size > 0 ? codes : new Set(['errors without code'])) count(code);
        return false;
      },
    }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      lastReplyAt = performance.now();
      if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
      else count(`HTTP ${statusCode}`);
    });
  });
  if (result.errors > 0) failures.connection = result.errors;
  // A reply with `errors` was a 2xx, so its time is in `times` (autocannon does not say which one): the
  // percentiles include those few, `served` does not, and `failed` and `failures` name them.
  const served = Math.max(0, times.length - result.mismatches);
  const seconds = options.requests ? (lastReplyAt - startedAt) / 1000 : result.duration;
  return { served, failed: result.non2xx + result.mismatches + result.errors, seconds, times, failures };
}

export function mergeSamples(samples: readonly LoadSample[]): LoadResult {
  const times = samples.flatMap((sample) => sample.times).sort((a, b) => a - b);
  const served = samples.reduce((sum, sample) => sum + sample.served, 0);
  const seconds = samples.reduce((sum, sample) => sum + sample.seconds, 0);
  const failures: Record<string, number> = {};
  for (const sample of samples) for (const [code, n] of Object.entries(sample.failures)) failures[code] = (failures[code] ?? 0) + n;
  const mean = times.length > 0 ? times.reduce((sum, time) => sum + time, 0) / times.length : Number.NaN;
  return {
    throughput: seconds > 0 ? served / seconds : 0,
    served,
    failed: samples.reduce((sum, sample) => sum + sample.failed, 0),
    failures,
    latencyMs: { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), mean, max: times.at(-1) ?? Number.NaN },
    durationSeconds: seconds,
  };
}
