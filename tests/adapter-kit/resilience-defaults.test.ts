import { describe, expect, it } from 'vitest';
import { RESILIENCE_DEFAULTS, resolveResilience } from '#kit/resilience-defaults.ts';

describe('resolveResilience', () => {
  it('gives the defaults documented in http-types.ts', () => {
    expect(resolveResilience()).toEqual({
      timeoutMs: 2000, retries: 2, backoffBaseMs: 50, backoffMaxMs: 2000,
      breakerThreshold: 5, breakerHalfOpenAfterMs: 10_000, connections: 16, maxResponseBytes: 8 * 1024 * 1024,
    });
    expect(RESILIENCE_DEFAULTS).toEqual(resolveResilience({}));
  });

  it('lets a given option win and an undefined one fall back', () => {
    expect(resolveResilience({ retries: 0, timeoutMs: undefined })).toMatchObject({ retries: 0, timeoutMs: 2000 });
  });

  it.each([
    [{ timeoutMs: 0 }],
    [{ retries: -1 }],
    [{ connections: 1.5 }],
    [{ breakerThreshold: 0 }],
    [{ maxResponseBytes: Number.NaN }],
  ])('refuses %j at construction', (options) => {
    expect(() => resolveResilience(options)).toThrow(RangeError);
  });
});
