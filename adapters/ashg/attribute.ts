/**
 * Hands the records of one upstream answer to the keys of the batch that asked for them. A broken
 * record costs only its own key — unless it cannot be attributed at all: then no key of the batch can
 * be answered "absent" with confidence, so every key the record might belong to fails rather than
 * silently missing a record.
 */
import { AdapterError } from '#kit/errors.ts';
import { badRecord, valueOrError, type MappingResult } from '#kit/mapping-result.ts';

/** Reads the string at `field` of a raw record, or null when the record has no usable one. */
export function keyAt(raw: unknown, field: string): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const value = (raw as Record<string, unknown>)[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Lookups by a record's own id: each key gets its record, null when the answer holds none, or an Error. */
export function attributeById<T>(
  keys: readonly string[], raws: readonly unknown[], idField: string, map: (raw: unknown) => MappingResult<T>, agencyId: string,
): (T | null | Error)[] {
  const found = new Map<string, unknown[]>();
  let unattributable = false;
  for (const raw of raws) {
    const key = keyAt(raw, idField);
    if (key === null) unattributable = true;
    else found.set(key, [...(found.get(key) ?? []), raw]);
  }
  return keys.map((key) => {
    const records = found.get(key);
    if (records === undefined) return unattributable ? unattributableError(agencyId) : null;
    if (records.length > 1) return badResponse(agencyId, `ASHG sent ${records.length} records under one ${idField}`);
    return valueOrError(map(records[0]), agencyId);
  });
}

/**
 * Lookups by a grouping value (a dossier's meldingen, the dossiers of a BSN): each key gets the list
 * of records in its group, or an Error when one of them is broken. `groupsOf` answers null for a
 * record it cannot place.
 */
export function attributeByGroup<T>(
  keys: readonly string[], raws: readonly unknown[], groupsOf: (raw: unknown) => readonly string[] | null,
  map: (raw: unknown) => MappingResult<T>, agencyId: string,
): (T[] | Error)[] {
  const groups = new Map<string, MappingResult<T>[]>(keys.map((key) => [key, []]));
  for (const raw of raws) {
    const owners = groupsOf(raw);
    if (owners === null) return keys.map(() => unattributableError(agencyId));
    const wanted = owners.filter((owner) => groups.has(owner));
    if (wanted.length === 0) continue;
    const mapped = map(raw);
    for (const owner of new Set(wanted)) groups.get(owner)?.push(mapped);
  }
  return keys.map((key) => {
    const values: T[] = [];
    for (const result of groups.get(key) ?? []) {
      if (!result.ok) return badRecord(result.problem, agencyId);
      values.push(result.value);
    }
    return values;
  });
}

function unattributableError(agencyId: string): AdapterError {
  return badResponse(agencyId, 'ASHG sent a record without a usable key; the batch cannot be answered reliably');
}

function badResponse(agencyId: string, message: string): AdapterError {
  return new AdapterError('UPSTREAM_BAD_RESPONSE', message, { agency: agencyId });
}
