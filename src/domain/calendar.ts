/**
 * Europe/Amsterdam calendar days: the unit covenants and the organisations registry are written in
 * (validity, succession). An instant is turned into its Amsterdam day once per request.
 */

// Immutable and stateless once built; building one per call would dominate the policy's cost.
const AMSTERDAM_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit',
});

/** Whether `day` lies from `from` to `to`, both included; a null bound is open. Days as `yyyy-mm-dd`. */
export function withinDays(day: string, from: string | null | undefined, to: string | null | undefined): boolean {
  return (!from || from <= day) && (!to || day <= to);
}

const HOUR_MS = 3_600_000;
// Since the summer of 1940 Amsterdam's offset from UTC has been a whole number of hours (+1, or +2 in
// summer time), changing on a whole UTC hour; so every instant of one UTC hour falls on one Amsterdam
// day, and the day is formatted once per hour instead of once per call (formatToParts costs tens of
// microseconds, and every request asks several times). Earlier instants (offsets of +00:19:32 and
// +00:20) are formatted each time.
const WHOLE_HOUR_OFFSETS_FROM = Date.UTC(1946, 0, 1);
const DAY_OF_HOUR = new Map<number, string>();
const DAY_OF_HOUR_LIMIT = 4096;

/** The Europe/Amsterdam calendar day (`yyyy-mm-dd`) of an instant. */
export function amsterdamDay(at: Date): string {
  const time = at.getTime();
  if (!(time >= WHOLE_HOUR_OFFSETS_FROM)) return formatDay(at);
  const hour = Math.floor(time / HOUR_MS);
  let day = DAY_OF_HOUR.get(hour);
  if (day === undefined) {
    if (DAY_OF_HOUR.size >= DAY_OF_HOUR_LIMIT) DAY_OF_HOUR.clear();
    day = formatDay(new Date(hour * HOUR_MS));
    DAY_OF_HOUR.set(hour, day);
  }
  return day;
}

function formatDay(at: Date): string {
  const parts = AMSTERDAM_DAY.formatToParts(at);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
