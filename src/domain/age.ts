import { amsterdamDay } from './calendar.ts';

/**
 * Whether a person born on an ISO date is under 18 on the instant's Europe/Amsterdam day, the day
 * covenants, validity and the organisations registry are written in: the 18th birthday is the first
 * day of age, from midnight in Amsterdam (not UTC). Null when the date is missing or malformed.
 */
export function isMinorAt(birthDate: string | null, at: Date): boolean | null {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  // The 18th birthday as a yyyy-mm-dd day; 29 February rolls to 1 March in a year without one.
  const eighteenth = new Date(Date.UTC(year + 18, month - 1, day)).toISOString().slice(0, 10);
  return amsterdamDay(at) < eighteenth;
}
