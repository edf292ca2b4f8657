// Days as the covenants and the gateway count them: Europe/Amsterdam calendar days.
const ZONE = 'Europe/Amsterdam';

/** Today in Amsterdam, yyyy-mm-dd. */
export function today(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The start of an Amsterdam day as an ISO instant with its offset, e.g. 2027-02-01T00:00:00+01:00. */
export function startOfDay(day) {
  const noon = new Date(`${day}T12:00:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' }).formatToParts(noon)
    .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  const offset = name === 'GMT' ? '+00:00' : name.replace('GMT', '');
  return `${day}T00:00:00${offset}`;
}

/** The day after, yyyy-mm-dd. */
export function nextDay(day) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** An instant as Amsterdam date and time, for tables. */
export function formatInstant(iso) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
