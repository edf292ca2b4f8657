/**
 * Walks ZoekZakenOpGemeente page by page (pagina 1..aantalPaginas) for each municipality. A search
 * has no per-key answers, so a malformed zaak fails the whole search: dropping it would hide a case.
 */
import { AdapterError } from '#kit/errors.ts';
import { valueOrThrow } from '#kit/mapping-result.ts';
import type { HouseholdRecord } from '#domain/records.ts';
import type { AmkClient } from './client.ts';
import { mapZaak, type AmkMappingContext } from './mapping.ts';

export interface ListHouseholdsOptions {
  readonly client: AmkClient;
  readonly mapping: AmkMappingContext;
  readonly pageSize: number;
}

async function walkMunicipality(options: ListHouseholdsOptions, gemeente: string, signal: AbortSignal): Promise<HouseholdRecord[]> {
  const agency = options.mapping.owner.agencyId;
  const households: HouseholdRecord[] = [];
  let lastPage = 1;
  for (let pagina = 1; pagina <= lastPage; pagina++) {
    const page = await options.client.zoekZakenOpGemeente(gemeente, pagina, options.pageSize, signal);
    if (page.pagina !== pagina) {
      throw new AdapterError('UPSTREAM_BAD_RESPONSE', `${agency}: ZoekZakenOpGemeente answered another page`, { agency });
    }
    // The page count comes from the first page only, so an upstream that keeps raising it cannot keep
    // us walking; and no page is empty, so more pages than zaken is a broken answer.
    if (pagina === 1) lastPage = page.aantalPaginas;
    if (page.aantalPaginas > Math.max(1, page.totaalAantal)) {
      throw new AdapterError('UPSTREAM_BAD_RESPONSE', `${agency}: ZoekZakenOpGemeente counts more pages than zaken`, { agency });
    }
    for (const zaak of page.zaken) households.push(valueOrThrow(mapZaak(zaak, options.mapping), agency).household);
  }
  return households;
}

export async function listAmkHouseholds(
  options: ListHouseholdsOptions, municipalities: readonly string[], signal: AbortSignal,
): Promise<HouseholdRecord[]> {
  const pages = await Promise.all([...new Set(municipalities)].map((gemeente) => walkMunicipality(options, gemeente, signal)));
  // A zaak that moved up a page while we walked shows up twice; keep its first sighting.
  const seen = new Set<string>();
  return pages.flat().filter((household) => !seen.has(household.localId) && Boolean(seen.add(household.localId)));
}
