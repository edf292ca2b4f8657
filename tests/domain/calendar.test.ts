import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amsterdamDay } from '#domain/calendar.ts';

const DIRECT = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
const direct = (at: Date): string => DIRECT.format(at);

describe('amsterdamDay (formatted once per UTC hour)', () => {
  it('agrees with formatting each instant, across midnights and both summer-time changes', () => {
    // The instants next to every Amsterdam midnight and every offset change of 2026, each side by a millisecond.
    const edges = ['2026-03-28T22:59:59.999Z', '2026-03-28T23:00:00.000Z', '2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00.000Z',
      '2026-03-29T21:59:59.999Z', '2026-03-29T22:00:00.000Z', '2026-10-24T21:59:59.999Z', '2026-10-24T22:00:00.000Z',
      '2026-10-25T00:59:59.999Z', '2026-10-25T01:00:00.000Z', '2026-10-25T22:59:59.999Z', '2026-10-25T23:00:00.000Z'];
    for (const edge of edges) expect(amsterdamDay(new Date(edge)), edge).toBe(direct(new Date(edge)));
  });

  it('agrees with formatting each instant for any instant from 1900 to 2100, before the cache and in it', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (at) => {
      expect(amsterdamDay(at)).toBe(direct(at));
      expect(amsterdamDay(at)).toBe(direct(at));
    }), { numRuns: 2000 });
  });

  it('an instant before the whole-hour offsets (1937: +00:20) still gets its own day', () => {
    // 23:45 UTC on 1 June 1937 was 00:05 on 2 June in Amsterdam.
    expect(amsterdamDay(new Date('1937-06-01T23:45:00Z'))).toBe('1937-06-02');
  });
});
