/**
 * What the index keeps of a household record: one row per member with a BSN, and nothing else of it.
 * Pure: records and keys in, rows out.
 */
import { createHmac, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import type { HouseholdRecord } from '#domain/records.ts';
import { recordAnchor, recordOfAnchor } from '#src/households/cluster.ts';
import type { IdSealer } from '#src/households/ids.ts';
import type { IndexRow } from './index-store.ts';

/** The keyed pseudonym of a BSN in the index: `ix_` and an HMAC-SHA-256 (base64url) under the index key. */
export type PersonKey = (bsn: string) => string | null;

/** A key of the index's own, derived (HKDF-SHA-256) from the gateway's id secret under `label`. */
export function indexKey(idSecret: string, label: string): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', Buffer.from(idSecret, 'utf8'), Buffer.alloc(0), label, 32)));
}

/**
 * The index's own key for persons, under a label of its own: its pseudonyms are unrelated to the audit
 * trail's subjects and to every id a caller is shown, and a new id secret gives a new key (the index is
 * derived data: the next reconciliation rebuilds it).
 */
export function createPersonKey(idSecret: string): PersonKey {
  const key = indexKey(idSecret, 'ketenpoort involvement index v1');
  return (bsn) => {
    const digits = canonicalBsn(bsn);
    return digits === null ? null : `ix_${createHmac('sha256', key).update(digits).digest('base64url')}`;
  };
}

/** Nine digits (spaces and dots dropped, an eight-digit BSN given its leading zero), or null. */
function canonicalBsn(value: string): string | null {
  const digits = value.replace(/[ .]/g, '');
  if (!/^\d{8,9}$/.test(digits)) return null;
  return digits.padStart(9, '0');
}

/**
 * The index's reference to an agency's household record: the gateway's own sealed record id for it
 * (the agency's identifier never in the clear, opened only by the gateway).
 */
export function householdRef(ids: IdSealer, agencyId: string, householdLocalId: string): string {
  return ids.seal('household', [recordAnchor(agencyId, householdLocalId)]);
}

/** The agency's household record a reference names (householdRef's inverse), or null for anything else. */
export function openHouseholdRef(ids: IdSealer, ref: string): { agencyId: string; localId: string } | null {
  const [anchor] = ids.open('household', ref) ?? [];
  return anchor ? recordOfAnchor(anchor) : null;
}

/** The person of the row that keeps a household without any BSN in its municipality's listing. */
export const NO_PERSON = '';

/** The rows an organisation's household records give: each member with a BSN, once per household. */
export function indexRowsOf(records: readonly HouseholdRecord[], personKey: PersonKey, ids: IdSealer): IndexRow[] {
  const rows: IndexRow[] = [];
  for (const record of records) {
    const household = householdRef(ids, record.owner.agencyId, record.householdLocalId ?? record.localId);
    const persons = new Set<string>();
    for (const member of record.members) {
      const person = member.bsn ? personKey(member.bsn) : null;
      if (person) persons.add(person);
    }
    for (const person of persons) rows.push({ person, household, municipality: record.municipality });
    // A household without any BSN still has its place in a municipality's listing: one row with no person
    // (NO_PERSON never matches a lookup, which is always by a person's key).
    if (persons.size === 0) rows.push({ person: NO_PERSON, household, municipality: record.municipality });
  }
  return rows;
}
