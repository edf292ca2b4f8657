/**
 * The ASHG's change feed as the adapter contract asks for it (AgencyAdapter.householdChanges, issue 12):
 * a page of the dossier change feed, then the dossiers it names fetched as they stand now with the batch
 * lookup, at most ASHG_BATCH_LIMIT a call. The cursor is the ASHG's volgnummer, as text.
 */
import type { AgencyAdapter, HouseholdChange } from '#kit/contract.ts';
import { AdapterError } from '#kit/errors.ts';
import { ASHG_BATCH_LIMIT } from './api-limits.ts';
import { attributeById } from './attribute.ts';
import type { AshgClient } from './client.ts';
import { mapDossier, type AshgMappingContext } from './mapping.ts';

export interface AshgChangeFeedDeps {
  readonly client: AshgClient;
  readonly mapping: AshgMappingContext;
  /** `limiet` of each page of the feed, 1 to ASHG_PAGE_LIMIT. */
  readonly pageSize: number;
}

type HouseholdChanges = NonNullable<AgencyAdapter['householdChanges']>;

export function createAshgChangeFeed(deps: AshgChangeFeedDeps): HouseholdChanges {
  const { client, mapping, pageSize } = deps;
  const agencyId = mapping.owner.agencyId;

  /** The dossiers as they stand now, null for one the ASHG no longer holds; a broken one fails them all. */
  async function current(ids: readonly string[], signal: AbortSignal): Promise<HouseholdChange[]> {
    const batches: string[][] = [];
    for (let at = 0; at < ids.length; at += ASHG_BATCH_LIMIT) batches.push(ids.slice(at, at + ASHG_BATCH_LIMIT));
    const answers = await Promise.all(batches.map(async (batch) =>
      attributeById(batch, await client.dossiersByIds(batch, signal), 'dossiernummer', (raw) => mapDossier(raw, mapping), agencyId)));
    return answers.flat().map((answer, index) => {
      // A change the index cannot read must not be skipped: the page fails and the cursor stays.
      if (answer instanceof Error) throw answer;
      return { householdLocalId: ids[index] ?? '', household: answer?.household ?? null };
    });
  }

  return async (cursor, scope) => {
    const sinds = cursor === null ? null : volgnummerOf(cursor, agencyId);
    const page = await client.dossierChanges(sinds, pageSize, scope.signal);
    const next = String(page.laatsteVolgnummer);
    if (sinds === null) return { changes: [], cursor: next, more: false };
    // Each dossier once, in the order of its latest change: it is reported as it stands now, so whether
    // it was changed or removed in between, and how often, does not matter.
    const latestFirst = [...new Set(page.wijzigingen.map((wijziging) => wijziging.dossiernummer).reverse())];
    return { changes: await current(latestFirst.reverse(), scope.signal), cursor: next, more: page.meer };
  };
}

/** The volgnummer a cursor of this adapter holds; anything else was never given by it. */
function volgnummerOf(cursor: string, agencyId: string): number {
  const volgnummer = /^(0|[1-9]\d{0,14})$/.test(cursor) ? Number(cursor) : Number.NaN;
  if (!Number.isSafeInteger(volgnummer)) {
    throw new AdapterError('UPSTREAM_BAD_RESPONSE', 'ASHG change feed: the cursor is not a volgnummer', { agency: agencyId, permanent: true });
  }
  return volgnummer;
}
