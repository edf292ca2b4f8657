import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDatum, formatTijdstip, parseDatum, parseTijdstip } from '#adapters/amk/dates.ts';

describe('AMK dates (dd-mm-jjjj)', () => {
  it.each([
    ['12-04-1988', '1988-04-12'],
    ['29-02-2024', '2024-02-29'],
    ['31-12-2026', '2026-12-31'],
    ['29-02-2026', null],
    ['31-04-2026', null],
    ['00-01-2026', null],
    ['12-13-2026', null],
    ['1-4-1988', null],
    ['1988-04-12', null],
    ['12-04-88', null],
    ['', null],
  ])('parses %j as %j', (legacy, iso) => {
    expect(parseDatum(legacy)).toBe(iso);
  });

  it('formats ISO dates back', () => {
    expect(formatDatum('2017-06-03')).toBe('03-06-2017');
    expect(formatDatum('2026-06-25T10:00:00+02:00')).toBe('25-06-2026');
  });
});

describe('AMK date-times (dd-mm-jjjj HH:mm, Europe/Amsterdam)', () => {
  it.each([
    ['winter time is +01:00', '02-03-2026 09:14', '2026-03-02T09:14:00+01:00'],
    ['summer time is +02:00', '18-06-2026 14:00', '2026-06-18T14:00:00+02:00'],
    ['the last minute before summer time', '29-03-2026 01:59', '2026-03-29T01:59:00+01:00'],
    ['the first minute of summer time', '29-03-2026 03:00', '2026-03-29T03:00:00+02:00'],
    ['the repeated October hour reads as summer time', '25-10-2026 02:30', '2026-10-25T02:30:00+02:00'],
    ['after the repeated hour', '25-10-2026 03:00', '2026-10-25T03:00:00+01:00'],
    ['midnight', '01-01-2026 00:00', '2026-01-01T00:00:00+01:00'],
  ])('%s', (_, legacy, iso) => {
    expect(parseTijdstip(legacy)).toBe(iso);
  });

  it.each([
    ['the hour skipped in March', '29-03-2026 02:30'],
    ['hour 24', '01-01-2026 24:00'],
    ['minute 60', '01-01-2026 10:60'],
    ['no time', '01-01-2026'],
    ['seconds', '01-01-2026 10:00:00'],
    ['ISO', '2026-01-01T10:00:00+01:00'],
    ['a date that does not exist', '30-02-2026 10:00'],
  ])('refuses %s', (_, legacy) => {
    expect(parseTijdstip(legacy)).toBeNull();
  });

  it.each([
    ['2026-03-02T09:14:00+01:00', '02-03-2026 09:14'],
    ['2026-06-18T14:00:00+02:00', '18-06-2026 14:00'],
    // The generated world writes +01:00 all year; the AMK stores the Amsterdam wall clock of that instant.
    ['2025-07-10T10:00:00+01:00', '10-07-2025 11:00'],
    ['2026-06-18T12:00:00Z', '18-06-2026 14:00'],
  ])('formats %s as %s', (iso, legacy) => {
    expect(formatTijdstip(iso)).toBe(legacy);
  });

  it('round-trips every whole minute to the same instant', () => {
    const minute = fc.integer({ min: Date.UTC(1990, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 });
    fc.assert(fc.property(minute, (minutes) => {
      const instant = new Date(minutes * 60_000).toISOString();
      const back = parseTijdstip(formatTijdstip(instant));
      expect(back).not.toBeNull();
      // The one hour a year the wall clock repeats (late October since 1996, late September before) cannot
      // round-trip: it reads as the first pass. It is exactly the instants whose wall clock equals the one an
      // hour earlier.
      const hourEarlier = new Date(Date.parse(instant) - 3_600_000).toISOString();
      const secondPass = formatTijdstip(hourEarlier) === formatTijdstip(instant);
      expect(Date.parse(back!)).toBe(Date.parse(secondPass ? hourEarlier : instant));
    }), { numRuns: 2000, examples: [[11_435_100]] }); // 1991-09-29 01:00 UTC, the second pass of September's repeated hour
  });
});
