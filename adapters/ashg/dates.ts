/**
 * The ASHG's date formats: dates as `dd-mm-jjjj`, date-times as ISO 8601 with an offset. Checked by
 * hand, because `Date.parse` accepts 30 February and rolls it over into March.
 */

const DUTCH_DATE = /^(\d{2})-(\d{2})-(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `02-03-2026` -> `2026-03-02`; null for anything that is not a real calendar date in that format. */
export function dutchDateToIso(value: string): string | null {
  const match = DUTCH_DATE.exec(value);
  if (!match) return null;
  const [, day = '', month = '', year = ''] = match;
  if (!isCalendarDate(Number(year), Number(month), Number(day))) return null;
  return `${year}-${month}-${day}`;
}

/** `2026-03-02` -> `02-03-2026`. Throws on anything else: only the fixtures call it, with world data. */
export function isoDateToDutch(value: string): string {
  const match = ISO_DATE.exec(value);
  if (!match) throw new Error('not an ISO date');
  const [, year = '', month = '', day = ''] = match;
  return `${day}-${month}-${year}`;
}

/**
 * Whether a value is an ISO 8601 date-time with seconds optional and an explicit offset (a local time
 * without offset is ambiguous around the change to summer time, so it is refused).
 */
export function isIsoDateTime(value: string): boolean {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second = '0', , offsetHours = '0', offsetMinutes = '0'] = match;
  return isCalendarDate(Number(year), Number(month), Number(day))
    && Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59
    && Number(offsetHours) <= 14 && Number(offsetMinutes) <= 59;
}
