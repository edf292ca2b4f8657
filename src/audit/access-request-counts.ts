/**
 * The counts at the head of an access request report: how many entries, and which organisations
 * (viewer agencies) they were made by, with how many released any field. Counted over the whole
 * period, not one page, in pages of the store's largest size, and bounded: a report past the bound
 * says it counted only part.
 */
import { accessRequestFilter, type AccessRequestQuery } from './access-request.ts';
import type { AuditEntry } from './entry.ts';
import { readUpTo } from './read-up-to.ts';
import type { AuditStore } from './store.ts';

/** Entries counted at most for one report's counts. */
export const MAX_COUNTED_ENTRIES = 10_000;

export interface OrganisationCount {
  readonly agencyId: string;
  readonly entries: number;
  /** Entries that released at least one field to the organisation. */
  readonly entriesWithFieldsReleased: number;
}

export interface AccessRequestCounts {
  readonly entries: number;
  /** False when the period holds more than `limit` entries: the counts are of the first `limit`. */
  readonly complete: boolean;
  /** Organisations with any entry. */
  readonly organisations: number;
  /** Organisations to which at least one field was released. */
  readonly organisationsThatSaw: number;
  /** By agency id. */
  readonly byOrganisation: readonly OrganisationCount[];
}

export async function countAccessRequest(store: AuditStore, query: AccessRequestQuery, limit: number = MAX_COUNTED_ENTRIES): Promise<AccessRequestCounts> {
  const { entries, complete } = await readUpTo(store, accessRequestFilter(query), limit);
  return countEntries(entries, complete);
}

type CountedEntry = Pick<AuditEntry, 'viewer' | 'fieldsReleased'>;

/** The counts of entries at hand (`complete`: they are all the period holds). */
export function countEntries(entries: readonly CountedEntry[], complete = true): AccessRequestCounts {
  const by = new Map<string, { entries: number; entriesWithFieldsReleased: number }>();
  for (const entry of entries) {
    const count = by.get(entry.viewer.agencyId) ?? { entries: 0, entriesWithFieldsReleased: 0 };
    count.entries++;
    if (entry.fieldsReleased.length > 0) count.entriesWithFieldsReleased++;
    by.set(entry.viewer.agencyId, count);
  }
  const byOrganisation = [...by].map(([agencyId, count]) => ({ agencyId, ...count })).sort((a, b) => (a.agencyId < b.agencyId ? -1 : a.agencyId > b.agencyId ? 1 : 0));
  return {
    entries: entries.length, complete, byOrganisation, organisations: byOrganisation.length,
    organisationsThatSaw: byOrganisation.filter((count) => count.entriesWithFieldsReleased > 0).length,
  };
}
