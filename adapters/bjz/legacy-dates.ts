/**
 * BJZ writes dates as `dd-mm-jjjj` and instants as `dd-mm-jjjj uu:mm:ss +hhmm`. The offset is kept as
 * written: converting to UTC would turn `09:00:00 +0200` into a different-looking string than the one
 * every other agency reports for the same instant, and the local time is what a caseworker recorded.
 */

const DATE = /^(\d{2})-(\d{2})-(\d{4})$/;
const DATE_TIME = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/

/** `dd-mm-jjjj` to `yyyy-mm-dd`, or null when it is not a real calendar date. */
export function parseWireDate(value: string): string | null {
  const match = DATE.exec(value);
  if (!match) return null;
  const [, day, month, year] = match as unknown as [string, string, string, string];
  return isCalendarDate(year, month, day) ? `${year}-${month}-${day}` : null;
}

/** `dd-mm-jjjj uu:mm:ss +hhmm` to ISO 8601 with the same offset, or null when invalid. */
export function parseWireDateTime(value: string): string | null {
  const match = DATE_TIME.exec(value);
  if (!match) return null;
  const [, day, month, year, hour, minute, second, sign, offsetHours, offsetMinutes] =
    match as unknown as [string, string, string, string, string, string, string, string, string, string];
  if (!isCalendarDate(year, month, day)) return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  if (Number(offsetHours) > 14 || Number(offsetMinutes) > 59) return null;
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${sign}${offsetHours}:${offsetMinutes}`;
}

/** `yyyy-mm-dd` to `dd-mm-jjjj`; throws on anything else (fixtures only see the world's own dates). */
export function formatWireDate(iso: string): string {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new Error('formatWireDate: not an ISO date');
  const [, year, month, day] = match as unknown as [string, string, string, string];
  return `${day}-${month}-${year}`;
}

/** ISO 8601 with offset (or Z) to `dd-mm-jjjj uu:mm:ss +hhmm`. */
export function formatWireDateTime(iso: string): string {
  const match = ISO_DATE_TIME.exec(iso);
  if (!match) throw new Error('formatWireDateTime: not an ISO date-time with offset');
  const [, year, month, day, hour, minute, second, zone] =
    match as unknown as [string, string, string, string, string, string, string, string];
  const offset = zone === 'Z' ? '+0000' : zone.replace(':', '');
  return `${day}-${month}-${year} ${hour}:${minute}:${second} ${offset}`;
}

function isCalendarDate(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1
    && date.getUTCDate() === Number(day);
}
