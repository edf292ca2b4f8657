/**
 * Inbound rate limits: one token bucket per organisation and one per user, so one client cannot
 * starve the legacy systems behind the gateway. A bucket holds at most `burst` tokens and refills at
 * `perSecond`; a request takes one token or is refused with the seconds until one is back.
 *
 * Written by hand, not taken from a library: the well-kept Node limiters (rate-limiter-flexible,
 * @fastify/rate-limit) count fixed windows, which let a client send twice its rate across a window's
 * edge, and none keeps a token bucket in PostgreSQL. A bucket is two numbers and one formula (below),
 * its PostgreSQL form one atomic statement (postgres-buckets.ts).
 */
import { LRUCache } from 'lru-cache';

export interface BucketRate {
  /** Tokens added per second (the sustained rate). */
  readonly perSecond: number;
  /** Most tokens a bucket holds (the burst a quiet client may send at once). */
  readonly burst: number;
}

export type TakeResult = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Where buckets live: this process's memory, or a store every replica shares. */
export interface BucketStore {
  readonly kind: 'memory' | 'postgres';
  /** Takes one token from the bucket `key` (created full), refilled at `rate` since it was last touched. */
  take(key: string, rate: BucketRate): Promise<TakeResult>;
  close(): Promise<void>;
}

/** The bucket after `elapsedMs` of refill, then one token taken if there is one. */
export function refill(tokens: number, elapsedMs: number, rate: BucketRate): { tokens: number; allowed: boolean } {
  const available = Math.min(rate.burst, tokens + (Math.max(0, elapsedMs) * rate.perSecond) / 1000);
  return available >= 1 ? { tokens: available - 1, allowed: true } : { tokens: available, allowed: false };
}

/** Whole seconds until a bucket holding `tokens` has one again (at least 1, for Retry-After). */
export function secondsUntilToken(tokens: number, rate: BucketRate): number {
  return Math.max(1, Math.ceil((1 - tokens) / rate.perSecond));
}

export interface MemoryBucketOptions {
  /** Buckets remembered; a forgotten (least recently used) bucket comes back full. Default 100,000. */
  readonly remember?: number;
  readonly now?: () => number;
}

export function createMemoryBuckets(options: MemoryBucketOptions = {}): BucketStore {
  const now = options.now ?? (() => performance.timeOrigin + performance.now());
  const buckets = new LRUCache<string, { tokens: number; at: number }>({ max: options.remember ?? 100_000 });
  return {
    kind: 'memory',
    async take(key, rate) {
      const at = now();
      const bucket = buckets.get(key);
      const next = bucket ? refill(bucket.tokens, at - bucket.at, rate) : refill(rate.burst, 0, rate);
      buckets.set(key, { tokens: next.tokens, at });
      return next.allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: secondsUntilToken(next.tokens, rate) };
    },
    async close() {
      buckets.clear();
    },
  };
}
