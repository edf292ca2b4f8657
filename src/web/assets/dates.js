// @ts-check
// Days as the covenants and the gateway count them: Europe/Amsterdam calendar days.
const ZONE = 'Europe/Amsterdam';

/**
 * Today in Amsterdam, yyyy-mm-dd.
 * @param {Date} [now]
 */
export function today(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * The start of an Amsterdam day (yyyy-mm-dd) as an ISO instant with its offset, e.g. 2027-02-01T00:00:00+01:00.
 * The offset is the one in force at midnight: on the days the clocks change (at 02:00 or 03:00) the noon
 * offset would put the start an hour off.
 * @param {string} day
 */
export function startOfDay(day) {
  const noon = offsetAt(new Date(`${day}T12:00:00Z`));
  return `${day}T00:00:00${offsetAt(new Date(`${day}T00:00:00${noon}`))}`;
}

/**
 * Amsterdam's UTC offset at an instant, e.g. +01:00.
 * @param {Date} instant
 */
function offsetAt(instant) {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' }).formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  return name === 'GMT' ? '+00:00' : name.replace('GMT', '');
}

/**
 * The day after, yyyy-mm-dd.
 * @param {string} day
 */
export function nextDay(day) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * An instant as Amsterdam date and time, for tables.
 * @param {string} iso
 */
export function formatInstant(iso) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
