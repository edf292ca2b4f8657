import { describe, expect, it } from 'vitest';
import { CsvShapeError, decodeCsv, encodeCsv, encodeVertaalverzoek, groupZorgmeldingen } from '../../../adapters/politie/csv.ts';
import {
  amsterdamDateOf, formatLegacyDate, formatLegacyDateTime, parseLegacyDate, parseLegacyDateTime,
} from '../../../adapters/politie/legacy-time.ts';
import { sampleRows } from './sample.ts';

describe('the police CSV dialect', () => {
  it('writes a BOM, a header, CRLF and quotes every field, doubling inner quotes', () => {
    expect(encodeCsv(['a', 'b'], [{ a: 'x;y', b: 'zei "hoi"' }, { a: '', b: 'ü' }]))
      .toBe('\uFEFF"a";"b"\r\n"x;y";"zei ""hoi"""\r\n"";"ü"\r\n');
    expect(encodeVertaalverzoek('bsn', ['123456782'])).toBe('\uFEFF"bsn"\r\n"123456782"\r\n');
  });

  it.each([
    ['semicolons', 'een; twee'],
    ['quotes', '"geciteerd" en \'enkel\''],
    ['line breaks', 'regel 1\r\nregel 2\nregel 3'],
    ['nothing', ''],
  ])('round-trips %s inside a field', (_name, value) => {
    expect(decodeCsv(encodeCsv(['tekst', 'n'], [{ tekst: value, n: '1' }]), ['tekst', 'n'])).toEqual([{ tekst: value, n: '1' }]);
  });

  it('reads by header name, tolerating extra columns, order and a missing BOM', () => {
    expect(decodeCsv('"extra";"b";"a"\r\n"1";"2";"3"\r\n', ['a', 'b'])).toEqual([{ a: '3', b: '2' }]);
  });

  it.each([
    ['a missing column', '\uFEFF"a"\r\n"1"\r\n'],
    ['an unclosed quote', '\uFEFF"a";"b"\r\n"1;"2\r\n'],
    ['a ragged row', '\uFEFF"a";"b"\r\n"1";"2";"3"\r\n'],
    ['an empty body', ''],
  ])('rejects %s with a CsvShapeError that quotes nothing', (_name, body) => {
    expect(() => decodeCsv(body, ['a', 'b'])).toThrow(CsvShapeError);
  });

  it('groups rows by registratienummer in order of appearance', () => {
    const rows = [...sampleRows('ZM-2', [{ sleutel: 'PK01', naam: 'a' }]), ...sampleRows('ZM-1', [{ sleutel: 'PK02', naam: 'b' }, { sleutel: 'PK03', naam: 'c' }])];
    expect(groupZorgmeldingen(rows).map((z) => [z.registratienummer, z.rijen.length])).toEqual([['ZM-2', 1], ['ZM-1', 2]]);
  });
});

describe('legacy dates and Amsterdam local time', () => {
  it.each([
    ['29-02-2024', '2024-02-29'],
    ['29-02-2026', null],
    ['31-04-2026', null],
    ['2026-04-01', null],
    ['1-4-2026', null],
  ])('date %s -> %s', (legacy, iso) => {
    expect(parseLegacyDate(legacy)).toBe(iso);
  });

  it.each([
    ['15-01-2026 10:00:00', '2026-01-15T10:00:00+01:00'],
    ['12-09-2026 23:40:00', '2026-09-12T23:40:00+02:00'],
    ['29-03-2026 01:59:59', '2026-03-29T01:59:59+01:00'],
    ['29-03-2026 03:00:00', '2026-03-29T03:00:00+02:00'],
    ['29-03-2026 02:30:00', null],
    ['25-10-2026 02:30:00', '2026-10-25T02:30:00+01:00'],
    ['31-12-2026 23:59:59', '2026-12-31T23:59:59+01:00'],
    ['12-09-2026 23:40', null],
    ['12-09-2026 23:60:00', null],
  ])('moment %s -> %s', (legacy, iso) => {
    expect(parseLegacyDateTime(legacy)).toBe(iso);
  });

  it.each([
    ['2026-09-12T23:40:00+02:00', '12-09-2026 23:40:00', '2026-09-12'],
    ['2026-09-12T22:40:00Z', '13-09-2026 00:40:00', '2026-09-13'],
    ['2025-07-15T10:00:00+01:00', '15-07-2025 11:00:00', '2025-07-15'],
  ])('writes %s as %s on the Amsterdam wall clock', (iso, legacy, date) => {
    expect(formatLegacyDateTime(iso)).toBe(legacy);
    expect(amsterdamDateOf(iso)).toBe(date);
    expect(Date.parse(parseLegacyDateTime(legacy)!)).toBe(Date.parse(iso));
  });

  it('writes dates day first', () => {
    expect(formatLegacyDate('2011-05-14')).toBe('14-05-2011');
  });
});
