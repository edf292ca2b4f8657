import { describe, expect, it } from 'vitest';
import { createInboundLimiter } from '#src/limits/inbound-limits.ts';
import { createMemoryBuckets, refill, secondsUntilToken, type BucketStore } from '#src/limits/token-bucket.ts';

const rate = { perSecond: 2, burst: 3 };

describe('token bucket', () => {
  it('refills at the rate, never above the burst, and takes one token when there is one', () => {
    expect(refill(0, 500, rate)).toEqual({ tokens: 0, allowed: true });
    expect(refill(0, 250, rate)).toEqual({ tokens: 0.5, allowed: false });
    expect(refill(1, 60_000, rate)).toEqual({ tokens: 2, allowed: true });
    // A clock that steps back refills nothing.
    expect(refill(0.5, -10_000, rate)).toEqual({ tokens: 0.5, allowed: false });
  });

  it('tells whole seconds until the next token, at least one', () => {
    expect(secondsUntilToken(0.5, rate)).toBe(1);
    expect(secondsUntilToken(0, { perSecond: 0.1, burst: 1 })).toBe(10);
  });

  it('lets a burst through, refuses the next, and lets one through again once refilled', async () => {
    let now = 1_000;
    const buckets = createMemoryBuckets({ now: () => now });
    const taken = [];
    for (let i = 0; i < 4; i++) taken.push(await buckets.take('a', rate));
    expect(taken.map((t) => t.allowed)).toEqual([true, true, true, false]);
    expect(taken[3]).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect((await buckets.take('b', rate)).allowed).toBe(true);
    now += 500;
    expect((await buckets.take('a', rate)).allowed).toBe(true);
    expect((await buckets.take('a', rate)).allowed).toBe(false);
  });
});

describe('inbound limiter', () => {
  const config = { organisation: { perSecond: 1, burst: 3 }, user: { perSecond: 1, burst: 2 }, organisations: { 'politie-noord': { perSecond: 1, burst: 1 } } };

  it('limits each user within their organisation, and the organisation as a whole', async () => {
    const limiter = createInboundLimiter(config, createMemoryBuckets({ now: () => 0 }), () => undefined);
    const results = [];
    for (const user of ['u1', 'u1', 'u1', 'u2', 'u2']) results.push((await limiter.take('amk-groningen', user)).allowed);
    // u1: two (its burst); u2: one more, then the organisation's burst of three is spent.
    expect(results).toEqual([true, true, false, true, false]);
    expect((await limiter.take('ashg-groningen', 'u1')).allowed).toBe(true);
  });

  it('applies an organisation’s own bucket where configured', async () => {
    const limiter = createInboundLimiter(config, createMemoryBuckets({ now: () => 0 }), () => undefined);
    expect((await limiter.take('politie-noord', 'u1')).allowed).toBe(true);
    expect((await limiter.take('politie-noord', 'u2')).allowed).toBe(false);
  });

  it('limits per replica in memory when the shared store fails, and says so', async () => {
    const failing: BucketStore = { kind: 'postgres', take: async () => { throw new Error('connection refused'); }, close: async () => {} };
    const errors: unknown[] = [];
    const limiter = createInboundLimiter(config, failing, (error) => errors.push(error));
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await limiter.take('amk-groningen', 'u1')).allowed);
    expect(results).toEqual([true, true, false]);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('keeps ids with separators apart', async () => {
    const limiter = createInboundLimiter({ ...config, user: { perSecond: 1, burst: 1 } }, createMemoryBuckets({ now: () => 0 }), () => undefined);
    expect((await limiter.take('a', 'b:c')).allowed).toBe(true);
    expect((await limiter.take('a:b', 'c')).allowed).toBe(true);
  });
});
