/**
 * `listHouseholds` for BJZ: walks each municipality's client pages by cursor and folds the clients
 * into one household per gezin. A listing is all-or-nothing: a record that fails the mapping fails
 * the listing, because a search result that silently lacks a household reads as "not known to BJZ".
 */
import { AdapterError } from '#kit/errors.ts';
import { valueOrThrow } from '#kit/mapping-result.ts';
import type { HouseholdRecord } from '#domain/records.ts';
import type { BjzApiClient } from './client.ts';
import { mapClient, type BjzMappingOptions } from './mapping.ts';

export interface ListHouseholdsDeps {
  readonly api: BjzApiClient;
  readonly mapping: BjzMappingOptions;
  /** Clients asked per page. */
  readonly pageSize: number;
  /** Pages walked per municipality before the walk is taken for a cursor loop. */
  readonly maxPages: number;
}

export async function listBjzHouseholds(deps: ListHouseholdsDeps, municipalities: readonly string[],
  signal: AbortSignal): Promise<readonly HouseholdRecord[]> {
  const perMunicipality = await Promise.all([...new Set(municipalities)].map((gemeente) => walk(deps, gemeente, signal)));
  const byGezin = new Map<string, HouseholdRecord>();
  for (const clients of perMunicipality) {
    for (const raw of clients) {
      const client = valueOrThrow(mapClient(raw, deps.mapping), deps.mapping.owner.agencyId);
      if (!byGezin.has(client.gezinId)) byGezin.set(client.gezinId, client.household);
    }
  }
  return [...byGezin.values()];
}

async function walk(deps: ListHouseholdsDeps, gemeente: string, signal: AbortSignal): Promise<unknown[]> {
  const clients: unknown[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  for (let page = 0; page < deps.maxPages; page++) {
    const answer = await deps.api.listClients({ gemeente, limit: deps.pageSize, cursor }, signal);
    clients.push(...answer.data);
    cursor = answer.volgendeCursor;
    if (cursor === null) return clients;
    // A cursor handed out twice would walk the same pages forever.
    if (seen.has(cursor)) break;
    seen.add(cursor);
  }
  throw new AdapterError('UPSTREAM_BAD_RESPONSE', 'BJZ client pages do not come to an end', {
    agency: deps.mapping.owner.agencyId,
  });
}
