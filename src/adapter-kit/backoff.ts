/**
 * Exponential back-off with full jitter: a uniformly random wait in [0, min(max, base * 2^n)).
 * Full jitter rather than a fixed doubling, so that the many loaders hitting one recovering agency
 * after an outage spread their retries out instead of arriving again in lockstep.
 */
export function fullJitterBackoff(retryIndex: number, baseMs: number, maxMs: number, random: () => number): number {
  // Cap the exponent: 2 ** 1100 is Infinity, and Infinity * 0 would be NaN for random() === 0.
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(retryIndex, 30));
  return Math.floor(random() * ceiling);
}
