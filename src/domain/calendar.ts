/**
 * Europe/Amsterdam calendar days: the unit covenants and the organisations registry are written in
 * (validity, succession). An instant is turned into its Amsterdam day once per request.
 */

// Immutable and stateless once built; building one per call would dominate the policy's cost.
const AMSTERDAM_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit',
});

/** The Europe/Amsterdam calendar day (`yyyy-mm-dd`) of an instant. */
export function amsterdamDay(at: Date): string {
  const parts = AMSTERDAM_DAY.formatToParts(at);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
