import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullJitterBackoff } from '#kit/backoff.ts';

describe('fullJitterBackoff', () => {
  it.each([
    // retryIndex, base, max, random, expected
    [0, 50, 2000, 0, 0],
    [0, 50, 2000, 0.5, 25],
    [1, 50, 2000, 0.5, 50],
    [2, 50, 2000, 0.5, 100],
    [5, 50, 2000, 0.5, 800],
    [6, 50, 2000, 0.5, 1000], // 50 * 64 = 3200, capped at 2000
    [10, 50, 2000, 0.999, 1998],
    [3, 0, 2000, 0.7, 0],
    [2000, 50, 2000, 0.5, 1000], // a huge exponent stays finite
  ])('retry %i, base %i, cap %i, random %f -> %i ms', (retryIndex, base, max, random, expected) => {
    expect(fullJitterBackoff(retryIndex, base, max, () => random)).toBe(expected);
  });

  it('always waits a whole number of ms within [0, min(cap, base * 2^n))', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 64 }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 60_000 }),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      (retryIndex, base, max, random) => {
        const wait = fullJitterBackoff(retryIndex, base, max, () => random);
        expect(Number.isInteger(wait)).toBe(true);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThan(Math.min(max, base * 2 ** retryIndex));
      },
    ));
  });
});
