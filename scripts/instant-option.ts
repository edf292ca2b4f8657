/**
 * A period bound on the command line: a calendar day (Europe/Amsterdam, as the console and the
 * covenants count days) or an ISO 8601 date-time with its offset. A day as `end` is included: the
 * bound is the start of the next day.
 */
import { UsageError } from './cli.ts';

const ZONE = 'Europe/Amsterdam';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Amsterdam's UTC offset at an instant, e.g. +01:00. */
function offsetAt(instant: Date): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' }).formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  return name === 'GMT' ? '+00:00' : name.replace('GMT', '');
}

/** Midnight at the start of an Amsterdam day: the offset in force at midnight, not at noon (the clocks change at night). */
function startOfDay(day: string): Date {
  const noon = offsetAt(new Date(`${day}T12:00:00Z`));
  return new Date(`${day}T00:00:00${offsetAt(new Date(`${day}T00:00:00${noon}`))}`);
}

export function readInstant(text: string, name: string, bound: 'start' | 'end'): Date {
  if (DAY.test(text)) {
    const day = new Date(`${text}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text) throw new UsageError(`--${name} is no calendar day: ${text}`);
    if (bound === 'end') day.setUTCDate(day.getUTCDate() + 1);
    return startOfDay(day.toISOString().slice(0, 10));
  }
  const instant = new Date(text);
  if (!DATE_TIME.test(text) || Number.isNaN(instant.getTime())) throw new UsageError(`--${name} must be yyyy-mm-dd or an ISO date-time with offset, not ${JSON.stringify(text)}`);
  return instant;
}
