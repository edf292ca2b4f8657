/**
 * The police export's date formats: dates as dd-mm-jjjj, moments as dd-mm-jjjj uu:mm:ss in local
 * time (Europe/Amsterdam) without an offset. These helpers convert both ways; the schema speaks ISO
 * 8601 with the offset that was in force in Amsterdam at that moment.
 */

const ZONE = 'Europe/Amsterdam';
// Immutable formatters, built once: constructing Intl formatters per call is slow.
const WALL_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit',
});
const OFFSET = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' });

const LEGACY_DATE = /^(\d{2})-(\d{2})-(\d{4})$/;
const LEGACY_DATE_TIME = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `dd-mm-jjjj` -> `yyyy-mm-dd`, or null when it is not a real calendar date. */
export function parseLegacyDate(text: string): string | null {
  const match = LEGACY_DATE.exec(text);
  if (!match) return null;
  const [, day, month, year] = match as unknown as [string, string, string, string];
  return isCalendarDate(+year, +month, +day) ? `${year}-${month}-${day}` : null;
}

/** `yyyy-mm-dd` -> `dd-mm-jjjj`. */
export function formatLegacyDate(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError('not an ISO date');
  return `${match[3]}-${match[2]}-${match[1]}`;
}

/**
 * `dd-mm-jjjj uu:mm:ss` (Amsterdam wall clock) -> ISO date-time with offset, or null when it is not
 * a moment that exists there (a bad date, or a time skipped by the switch to summer time). A wall
 * time that occurs twice (the hour repeated in October) is read as the later, winter-time one.
 */
export function parseLegacyDateTime(text: string): string | null {
  const match = LEGACY_DATE_TIME.exec(text);
  if (!match) return null;
  const [day, month, year, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // The offset at the wall time read as UTC is right except within hours of a switch; one
  // correction step settles it, and a wall time that maps to no instant fails the check below.
  let instant = wall - offsetMinutes(wall) * 60_000;
  instant = wall - offsetMinutes(instant) * 60_000;
  const iso = formatIsoDateTime(instant);
  return wallClockOf(instant) === wallClockOf(wall, 'UTC') ? iso : null;
}

/** ISO date-time (any offset) -> `dd-mm-jjjj uu:mm:ss` on the Amsterdam wall clock. */
export function formatLegacyDateTime(isoDateTime: string): string {
  const instant = Date.parse(isoDateTime);
  if (Number.isNaN(instant)) throw new RangeError('not an ISO date-time');
  const p = partsOf(instant);
  return `${p.day}-${p.month}-${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** The Amsterdam calendar date of an instant, ISO. */
export function amsterdamDateOf(isoDateTime: string): string {
  const p = partsOf(Date.parse(isoDateTime));
  return `${p.year}-${p.month}-${p.day}`;
}

function formatIsoDateTime(instant: number): string {
  const p = partsOf(instant);
  const offset = offsetMinutes(instant);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${sign}${hours}:${minutes}`;
}

interface WallParts { year: string; month: string; day: string; hour: string; minute: string; second: string }

function partsOf(instant: number): WallParts {
  const parts: Record<string, string> = {};
  for (const part of WALL_CLOCK.formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: parts.year ?? '', month: parts.month ?? '', day: parts.day ?? '',
    hour: parts.hour ?? '', minute: parts.minute ?? '', second: parts.second ?? '',
  };
}

function wallClockOf(instant: number, zone?: 'UTC'): string {
  if (zone === 'UTC') return new Date(instant).toISOString().slice(0, 19);
  const p = partsOf(instant);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

/** Minutes Amsterdam is ahead of UTC at an instant (60 or 120). */
function offsetMinutes(instant: number): number {
  const name = OFFSET.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1000 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
