/**
 * Parses a Retry-After header (RFC 9110 section 10.2.3) into a wait in ms: either delta-seconds
 * (`120`) or an HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`). Answers undefined for an absent or
 * unparsable value, and 0 for a date already past.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Date.parse is lenient (it reads `1.5` or `2` as dates), so insist on the shape of an HTTP-date:
  // IMF-fixdate, RFC 850 or asctime, each starting with a day name.
  if (!/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
