/**
 * The AMK system's date formats: dates as `dd-mm-jjjj`, date-times as `dd-mm-jjjj HH:mm` in
 * Europe/Amsterdam wall-clock time without an offset. The gateway speaks ISO 8601 with an offset, so
 * reading a date-time means finding the Amsterdam offset in force at that wall-clock time (CET +01:00
 * or CEST +02:00) from the time-zone database rather than assuming one.
 */

const ZONE = 'Europe/Amsterdam';
const DATUM = /^(\d{2})-(\d{2})-(\d{4})$/;
const TIJDSTIP = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR_MS = 3_600_000;

// Immutable and costly to build, so made once; it holds no state between calls.
const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `dd-mm-jjjj` -> ISO date, or null when it is not a real calendar date in that format. */
export function parseDatum(value: string): string | null {
  const match = DATUM.exec(value);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day) ? `${match[3]}-${match[2]}-${match[1]}` : null;
}

/** ISO date (a longer ISO string is cut to its date) -> `dd-mm-jjjj`. */
export function formatDatum(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate.slice(0, 10));
  if (!match) throw new Error('formatDatum needs an ISO date');
  return `${match[3]}-${match[2]}-${match[1]}`;
}

/** Wall-clock fields of an instant in Amsterdam, as if that wall-clock time were UTC (ms). */
function wallClockAsUtc(instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of wallClock.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0);
}

/** Amsterdam's UTC offset at an instant, in ms (seconds of historic offsets are not at stake here). */
function offsetAt(instant: number): number {
  return wallClockAsUtc(Math.floor(instant / 60_000) * 60_000) - Math.floor(instant / 60_000) * 60_000;
}

function formatOffset(offsetMs: number): string {
  const minutes = Math.round(offsetMs / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/**
 * `dd-mm-jjjj HH:mm` (Amsterdam) -> ISO date-time with offset, e.g. `2026-06-18T14:00:00+02:00`.
 * Null when malformed, or when the wall-clock time does not exist (the hour skipped in March), since
 * no clock in Amsterdam could have recorded it. In the hour repeated in October the earlier instant
 * (summer time) is taken: the format cannot tell them apart, and that is the reading the AMK
 * system's own clerks make of it.
 */
export function parseTijdstip(value: string): string | null {
  const match = TIJDSTIP.exec(value);
  if (!match) return null;
  const [day, month, year, hour, minute] = [1, 2, 3, 4, 5].map((index) => Number(match[index])) as
    [number, number, number, number, number];
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offsets a day either side cover both sides of any transition near this wall-clock time.
  const candidates = [...new Set([offsetAt(wall - 24 * HOUR_MS), offsetAt(wall + 24 * HOUR_MS)])]
    .filter((offset) => offsetAt(wall - offset) === offset)
    .sort((a, b) => b - a);
  const offset = candidates[0];
  if (offset === undefined) return null;
  return `${match[3]}-${match[2]}-${match[1]}T${match[4]}:${match[5]}:00${formatOffset(offset)}`;
}

/** ISO date-time with offset (or Z) -> `dd-mm-jjjj HH:mm` in Amsterdam; seconds are dropped, as the AMK stores minutes. */
export function formatTijdstip(isoDateTime: string): string {
  const instant = Date.parse(isoDateTime);
  if (Number.isNaN(instant)) throw new Error('formatTijdstip needs an ISO date-time');
  const wall = new Date(wallClockAsUtc(instant));
  return `${pad(wall.getUTCDate())}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCFullYear(), 4)} `
    + `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}
