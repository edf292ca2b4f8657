/**
 * Canonical JSON for hashing: object keys sorted by UTF-16 code units (as RFC 8785 sorts them), no
 * whitespace, strings and integers as JSON.stringify writes them. Two stores that read back the same
 * values therefore hash the same bytes, whatever order a database returns JSON keys in.
 */
export type CanonicalValue = string | number | boolean | null | readonly CanonicalValue[] | { readonly [key: string]: CanonicalValue };

export function canonicalJson(value: CanonicalValue): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    // Only integers are hashed (seq); a float's text form is not canonical across languages.
    if (!Number.isSafeInteger(value)) throw new TypeError('canonicalJson: only safe integers are supported');
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((item: CanonicalValue) => canonicalJson(item)).join(',')}]`;
  const object = value as { readonly [key: string]: CanonicalValue };
  const keys = Object.keys(object).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const item = object[key];
    if (item === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(item)}`);
  }
  return `{${parts.join(',')}}`;
}
