/**
 * Spreads one AMK answer over the keys of the batch that asked for it. A record that fails its
 * mapping becomes an Error for its own key only; a record whose key cannot even be read fails only
 * the keys it might belong to, so the rest of the batch still answers.
 */
import { AdapterError } from '#kit/errors.ts';
import { badRecord, valueOrError, type MappingResult } from '#kit/mapping-result.ts';

export type Answer<T> = T | Error;

/** The id of a decoded record (`zaakId`, `meldingId`...) if it can be read, to attribute it; null otherwise. */
export function readId(raw: unknown, field: string): string | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const value = (raw as Record<string, unknown>)[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

const unattributable = (agency: string, what: string): AdapterError =>
  new AdapterError('UPSTREAM_BAD_RESPONSE', `${agency}: a ${what} without a readable id`, { agency });

/**
 * Records looked up by their own id. Keys the answer does not hold are not found (null), unless a
 * record without a readable id came back: it may be any of them, so they fail instead.
 */
export function answerById<T>(
  keys: readonly string[], records: readonly unknown[], idField: string, map: (raw: unknown) => MappingResult<T>, agency: string,
): Answer<T | null>[] {
  const found = new Map<string, Answer<T>>();
  let lost = false;
  for (const raw of records) {
    const id = readId(raw, idField);
    if (id === null) { lost = true; continue; }
    if (!found.has(id)) found.set(id, valueOrError(map(raw), agency));
  }
  return keys.map((key) => found.get(key) ?? (lost ? unattributable(agency, idField) : null));
}

/** Records looked up by the id of the record they belong to (`zaakId`), grouped per key. */
export function answerGrouped<T>(
  keys: readonly string[], records: readonly unknown[], groupField: string, map: (raw: unknown) => MappingResult<T>, agency: string,
): Answer<T[]>[] {
  const groups = new Map<string, Answer<T[]>>(keys.map((key) => [key, []]));
  for (const raw of records) {
    const group = readId(raw, groupField);
    // Any key might own it: none of them can be answered truthfully.
    if (group === null) return keys.map(() => unattributable(agency, groupField));
    const list = groups.get(group);
    if (!Array.isArray(list)) continue;
    const result = map(raw);
    if (result.ok) list.push(result.value);
    else groups.set(group, badRecord(result.problem, agency));
  }
  return keys.map((key) => groups.get(key) ?? []);
}
