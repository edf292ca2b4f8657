/**
 * Finds withheld values anywhere in a response body: data, errors (messages, extensions) and
 * extensions. Every string leaf is scanned, so a value cannot hide under an alias, in an error
 * message or in a redaction entry. Text needles match as substrings, dates only as whole values (a
 * birth date is also the date part of many an unrelated date-time).
 */
export interface Needle {
  readonly value: string;
  readonly kind: 'text' | 'date';
}

export interface NeedleIndex {
  readonly size: number;
  /** Text needles by their first PREFIX characters. */
  readonly byPrefix: ReadonlyMap<string, readonly string[]>;
  readonly dates: ReadonlySet<string>;
  /** For a needle: the released values that contain it (a hit inside one of those is no leak). */
  readonly coveredBy: ReadonlyMap<string, readonly string[]>;
}

export interface Leak {
  readonly needle: string;
  readonly path: string;
  readonly leaf: string;
}

const PREFIX = 5;
/** Sealed ids, pseudonyms, hashes, trace ids: gateway-made and opaque, never a record value. */
const OPAQUE = /^(?:(?:hh|ch|pm|rp|rf|dc|ps)_[A-Za-z0-9_-]{16,}|[0-9a-f-]{32,})$/;

/**
 * `releasedContaining` names, for a needle, the released values that contain it: a hit inside one of
 * those is no leak (a forbidden "Accare" inside a released "Accare kinder- en jeugdpsychiatrie").
 */
export function createNeedleIndex(needles: Iterable<Needle>, releasedContaining: (needle: string) => readonly string[] = () => []): NeedleIndex {
  const byPrefix = new Map<string, string[]>();
  const dates = new Set<string>();
  const coveredBy = new Map<string, readonly string[]>();
  let size = 0;
  for (const needle of needles) {
    size++;
    if (needle.kind === 'date') {
      dates.add(needle.value);
      continue;
    }
    if (needle.value.length < PREFIX) throw new Error(`needle too short to scan for: ${needle.value.length} characters`);
    const prefix = needle.value.slice(0, PREFIX);
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), needle.value]);
    const covering = releasedContaining(needle.value);
    if (covering.length > 0) coveredBy.set(needle.value, covering);
  }
  return { size, byPrefix, dates, coveredBy };
}

/** The needles in one string, minus hits that lie inside a released value containing the needle. */
export function needlesIn(leaf: string, index: NeedleIndex): string[] {
  const found = new Set<string>();
  if (index.dates.has(leaf)) found.add(leaf);
  for (let position = 0; position + PREFIX <= leaf.length; position++) {
    const candidates = index.byPrefix.get(leaf.slice(position, position + PREFIX));
    if (!candidates) continue;
    for (const needle of candidates) {
      if (leaf.startsWith(needle, position) && !insideReleased(leaf, position, needle, index)) found.add(needle);
    }
  }
  return [...found];
}

function insideReleased(leaf: string, position: number, needle: string, index: NeedleIndex): boolean {
  for (const value of index.coveredBy.get(needle) ?? []) {
    for (let start = leaf.indexOf(value); start >= 0; start = leaf.indexOf(value, start + 1)) {
      if (start <= position && start + value.length >= position + needle.length) return true;
    }
  }
  return false;
}

/** Every string leaf of a JSON value with its path. Object keys are the caller's own aliases. */
export function stringLeaves(value: unknown, path = '$', out: { path: string; leaf: string }[] = []): { path: string; leaf: string }[] {
  if (typeof value === 'string') out.push({ path, leaf: value });
  else if (Array.isArray(value)) value.forEach((item, index) => stringLeaves(item, `${path}[${index}]`, out));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) stringLeaves(item, `${path}.${key}`, out);
  return out;
}

export function findLeaks(body: unknown, index: NeedleIndex): { leaks: Leak[]; scanned: number } {
  const leaks: Leak[] = [];
  const leaves = stringLeaves(body);
  for (const { path, leaf } of leaves) {
    if (OPAQUE.test(leaf)) continue;
    for (const needle of needlesIn(leaf, index)) leaks.push({ needle, path, leaf });
  }
  return { leaks, scanned: leaves.length };
}
