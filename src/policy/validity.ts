/**
 * When a covenant version is in force (DOMAIN rule 9). Days are Europe/Amsterdam calendar days, as
 * the covenants are written; an instant is turned into its Amsterdam day once per request.
 */
import { amsterdamDay } from '#domain/calendar.ts';
import type { Covenant } from './covenant-types.ts';

export { amsterdamDay };

export type ValidityStatus = 'NOT_YET_VALID' | 'IN_FORCE' | 'TACITLY_RENEWED' | 'EXPIRED' | 'SUPERSEDED';

/** Whether `yyyy-mm-dd` names a real calendar day. */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/**
 * A version grants from `validFrom`; it stops when its superseding version takes effect, or after
 * `validTo` unless it renews tacitly, in which case it runs on period by period (until superseded).
 */
export function validityOn(covenant: Covenant, day: string): ValidityStatus {
  if (day < covenant.validFrom) return 'NOT_YET_VALID';
  if (covenant.supersededFrom !== null && day >= covenant.supersededFrom) return 'SUPERSEDED';
  if (covenant.validTo === null || day <= covenant.validTo) return 'IN_FORCE';
  return covenant.tacitRenewal ? 'TACITLY_RENEWED' : 'EXPIRED';
}

export function inForceOn(covenant: Covenant, day: string): boolean {
  const status = validityOn(covenant, day);
  return status === 'IN_FORCE' || status === 'TACITLY_RENEWED';
}

/** Whether the version is in force at an instant, or on a `yyyy-mm-dd` day (Agreement.inForce). */
export function inForceAt(covenant: Covenant, at: Date | string): boolean {
  return inForceOn(covenant, typeof at === 'string' ? at : amsterdamDay(at));
}

/** The tacit-renewal period `day` falls in, for explanations; null when the version is not renewed then. */
export function renewalPeriodOn(covenant: Covenant, day: string): { from: string; to: string } | null {
  if (validityOn(covenant, day) !== 'TACITLY_RENEWED' || covenant.validTo === null || covenant.renewalPeriodMonths === null) return null;
  let from = addDays(covenant.validTo, 1);
  for (;;) {
    const next = addMonths(from, covenant.renewalPeriodMonths);
    if (day < next) return { from, to: addDays(next, -1) };
    from = next;
  }
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function addMonths(day: string, months: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}
