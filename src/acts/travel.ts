/**
 * What of a record travels with an act: exactly the granted coordinates of its type, each with the value
 * the record holds (a scalar or a list of scalars; nested objects travel only through their own type's
 * coordinates, e.g. `Address.city`). Pure. The reporter's identity and restricted information never
 * travel, whatever a grant says (DOMAIN rule 7): the policy refuses such grants at load, and this is the
 * second lock on the same door.
 */
import type { ActRecordType, ActRecordValues } from '#domain/acts.ts';

/** Coordinates that never leave the owner's system through an act. */
export const NEVER_TRAVELS: ReadonlySet<string> = new Set([
  'Report.reporter', 'Reporter.name', 'Reporter.type', 'Reporter.anonymityPromised', 'Reporter.phone', 'Report.restrictedInformation',
]);

const isTravellable = (value: unknown): boolean =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value)
  || (Array.isArray(value) && value.every((item) => ['string', 'number', 'boolean'].includes(typeof item)));

/**
 * The record's values for the granted coordinates of `type` (`record` read as `field -> value`); null
 * when none of them is granted, so a receiver is not even told the record exists.
 */
export function travellingValues(type: ActRecordType | 'Address', record: object | null, granted: ReadonlySet<string>): ActRecordValues | null {
  if (!record) return null;
  const values: Record<string, unknown> = {};
  const fields = record as Record<string, unknown>;
  for (const coordinate of granted) {
    const [owner, field] = coordinate.split('.');
    if (owner !== type || !field || NEVER_TRAVELS.has(coordinate) || !(field in fields)) continue;
    const value = fields[field];
    if (isTravellable(value)) values[coordinate] = value;
  }
  return Object.keys(values).length > 0 ? { type: type === 'Address' ? 'Household' : type, values } : null;
}

/** The coordinates that actually travelled, over every record of the act, sorted. */
export function coordinatesSent(records: readonly (ActRecordValues | null)[]): string[] {
  return [...new Set(records.flatMap((record) => (record ? Object.keys(record.values) : [])))].sort();
}
