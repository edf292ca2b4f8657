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

/** The Europe/Amsterdam calendar day (`yyyy-mm-dd`) of an instant. */
export function amsterdamDay(at: Date): string {
  const parts = AMSTERDAM_DAY.formatToParts(at);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
