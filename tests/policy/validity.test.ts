/** Validity days: Europe/Amsterdam calendar days, tacit renewal periods, supersession. */
import { describe, expect, test } from 'vitest';
import { amsterdamDay, inForceAt, isCalendarDay, renewalPeriodOn, validityOn } from '#src/policy/validity.ts';
import { loadRealPolicy } from './fixtures.ts';

const { loaded } = await loadRealPolicy();
const version = (key: string) => loaded.covenants.find((covenant) => covenant.key === key)!;

describe('amsterdamDay', () => {
  test.each([
    ['2025-12-31T22:59:59Z', '2025-12-31'], // 23:59:59 CET
    ['2025-12-31T23:00:00Z', '2026-01-01'], // midnight CET
    ['2026-06-30T21:59:59Z', '2026-06-30'], // 23:59:59 CEST
    ['2026-06-30T22:00:00Z', '2026-07-01'], // midnight CEST
    ['2026-03-29T00:30:00Z', '2026-03-29'], // the night the clocks go forward
  ])('%s is %s in Amsterdam', (instant, day) => {
    expect(amsterdamDay(new Date(instant))).toBe(day);
  });
});

test('isCalendarDay refuses impossible days', () => {
  expect(['2024-02-29', '2026-12-31'].map(isCalendarDay)).toEqual([true, true]);
  expect(['2025-02-29', '2026-04-31', '2026-13-01', '26-01-01'].map(isCalendarDay)).toEqual([false, false, false, false]);
});

describe('validityOn', () => {
  test.each([
    ['groningen-ashg-amk@1', '2018-12-31', 'NOT_YET_VALID'],
    ['groningen-ashg-amk@1', '2019-01-01', 'IN_FORCE'],
    ['groningen-ashg-amk@1', '2025-12-31', 'IN_FORCE'],
    ['groningen-ashg-amk@1', '2026-01-01', 'SUPERSEDED'],
    ['groningen-ashg-amk@2', '2026-12-31', 'IN_FORCE'],
    ['groningen-ashg-amk@2', '2027-01-01', 'TACITLY_RENEWED'],
    ['groningen-ashg-amk@2', '2027-02-28', 'TACITLY_RENEWED'],
    ['groningen-ashg-amk@2', '2027-03-01', 'SUPERSEDED'],
    ['groningen-ashg-amk@3', '2040-01-01', 'TACITLY_RENEWED'],
    ['vroegsignalering-0-18@1', '2099-01-01', 'IN_FORCE'],
  ])('%s on %s: %s', (key, day, status) => {
    expect(validityOn(version(key), day)).toBe(status);
  });

  test('without tacit renewal a version expires after validTo', () => {
    const once = { ...version('groningen-ashg-amk@1'), supersededBy: null, supersededFrom: null };
    expect(validityOn(once, '2026-01-01')).toBe('EXPIRED');
    expect(inForceAt(once, '2026-01-01')).toBe(false);
  });

  test('inForceAt takes a day or an instant', () => {
    expect(inForceAt(version('groningen-ashg-amk@2'), '2026-01-01')).toBe(true);
    expect(inForceAt(version('groningen-ashg-amk@2'), new Date('2025-12-31T22:30:00Z'))).toBe(false);
    expect(inForceAt(version('groningen-ashg-amk@2'), new Date('2025-12-31T23:30:00Z'))).toBe(true);
  });

  test('renewal periods follow each other from the day after validTo', () => {
    expect(renewalPeriodOn(version('groningen-ashg-amk@2'), '2027-02-01')).toEqual({ from: '2027-01-01', to: '2027-12-31' });
    expect(renewalPeriodOn(version('wijkteam-betrokkenheid@1'), '2019-01-01')).toEqual({ from: '2019-01-01', to: '2020-12-31' });
    expect(renewalPeriodOn(version('wijkteam-betrokkenheid@1'), '2018-12-31')).toEqual({ from: '2017-01-01', to: '2018-12-31' });
    expect(renewalPeriodOn(version('groningen-ashg-amk@2'), '2026-06-01')).toBeNull();
  });
});
