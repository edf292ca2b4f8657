import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '#kit/retry-after.ts';

const now = Date.parse('2026-03-02T10:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['1', 1000],
    ['0', 0],
    [' 120 ', 120_000],
    ['Mon, 02 Mar 2026 10:00:30 GMT', 30_000], // IMF-fixdate
    ['Monday, 02-Mar-26 10:00:05 GMT', 5000], // obsolete RFC 850
    ['Mon, 02 Mar 2026 09:59:00 GMT', 0], // already past
  ] as const)('%j -> %i ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it('reads the obsolete asctime form (no zone, so Date.parse takes it as local time)', () => {
    expect(parseRetryAfter('Mon Mar  2 10:01:00 2026', Date.parse('Mon Mar  2 10:00:00 2026'))).toBe(60_000);
  });

  it.each([undefined, '', '   ', '-1', '1.5', 'soon', '10s', 'Mon, 99 Foo 2026 10:00:00 GMT'])('rejects %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});
