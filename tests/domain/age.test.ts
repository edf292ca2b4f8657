/**
 * Regression: a person came of age at midnight UTC, not at midnight in Amsterdam. Covenants, the
 * organisations registry and validity are written in Europe/Amsterdam calendar days (src/domain/calendar.ts),
 * and the 18th birthday is the first day of age; but isMinorAt compared the instant with the birthday's
 * UTC midnight, so for the first hour (CET) or two (CEST) of the 18th birthday in Amsterdam the person
 * still counted as a minor: householdHasMinors and subjectIsMinor held (vroegsignalering-0-18 lets the
 * BJZ read a minor's identity from the police's record), and a member was still shown as a Child.
 */
import { describe, expect, it } from 'vitest';
import { isMinorAt } from '#domain/age.ts';

describe('isMinorAt judges age on the Amsterdam day', () => {
  it.each([
    // The 18th birthday in winter time: from 00:00 CET (23:00 UTC the day before).
    ['1997-01-01', '2014-12-31T23:59:00+01:00', true],
    ['1997-01-01', '2015-01-01T00:00:00+01:00', false],
    ['1997-01-01', '2015-01-01T00:30:00+01:00', false],
    // In summer time: from 00:00 CEST (22:00 UTC the day before).
    ['2008-07-01', '2026-06-30T23:59:00+02:00', true],
    ['2008-07-01', '2026-07-01T01:30:00+02:00', false],
    // Born on 29 February: of age on 1 March of a year without one.
    ['2008-02-29', '2026-02-28T23:30:00+01:00', true],
    ['2008-02-29', '2026-03-01T00:30:00+01:00', false],
  ])('born %s, at %s: minor %s', (birthDate, at, minor) => {
    expect(isMinorAt(birthDate, new Date(at))).toBe(minor);
  });
});
