/** The documented defaults of ResilienceOptions, and their validation at construction time. */
import type { ResilienceOptions } from './http-types.ts';

export type ResolvedResilience = Readonly<Required<ResilienceOptions>>;

export const RESILIENCE_DEFAULTS: ResolvedResilience = {
  timeoutMs: 2000,
  retries: 2,
  backoffBaseMs: 50,
  backoffMaxMs: 2000,
  breakerThreshold: 5,
  breakerHalfOpenAfterMs: 10_000,
  connections: 16,
  maxResponseBytes: 8 * 1024 * 1024,
};

/** Merges options over the defaults; throws on a nonsensical value so bad config fails at start-up. */
export function resolveResilience(options: ResilienceOptions = {}): ResolvedResilience {
  const resolved: ResolvedResilience = { ...RESILIENCE_DEFAULTS, ...withoutUndefined(options) };
  const atLeastOne = ['timeoutMs', 'breakerThreshold', 'connections', 'maxResponseBytes'] as const;
  const atLeastZero = ['retries', 'backoffBaseMs', 'backoffMaxMs', 'breakerHalfOpenAfterMs'] as const;
  for (const key of atLeastOne) assertInteger(key, resolved[key], 1);
  for (const key of atLeastZero) assertInteger(key, resolved[key], 0);
  return resolved;
}

function withoutUndefined(options: ResilienceOptions): ResilienceOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

function assertInteger(key: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`resilience.${key} must be an integer >= ${min}, got ${String(value)}`);
  }
}
