/**
 * `householdChanges` for BJZ (issue 12): one page of `GET /v2/wijzigingen`, then the changed gezinnen as
 * they stand now through the batch search by gezinId (one search per `maxBatchSize` gezinnen, never one
 * call per gezin), folded into households exactly as `listHouseholds` folds them. Several changes of one
 * gezin in a page become one, at its latest change; a gezin BJZ deleted, or no longer finds, is null.
 * All-or-nothing like the listing: a change the index missed because one record did not map would never
 * be asked for again.
 */
import { AdapterError } from '#kit/errors.ts';
import type { HouseholdChange, HouseholdChangePage } from '#kit/contract.ts';
import { valueOrThrow } from '#kit/mapping-result.ts';
import type { HouseholdRecord } from '#domain/records.ts';
import type { BjzApiClient } from './client.ts';
import { mapClient, type BjzMappingOptions } from './mapping.ts';
import type { WireWijziging } from './wire-types.ts';

export interface HouseholdChangesDeps {
  readonly api: BjzApiClient;
  readonly mapping: BjzMappingOptions;
  /** Wijzigingen asked per page. */
  readonly pageSize: number;
  /** Most gezinIds in one search (BJZ's limit). */
  readonly maxBatchSize: number;
}

export async function bjzHouseholdChanges(deps: HouseholdChangesDeps, cursor: string | null,
  signal: AbortSignal): Promise<HouseholdChangePage> {
  const agency = deps.mapping.owner.agencyId;
  const page = await deps.api.listChanges({ after: cursor, limit: deps.pageSize }, signal);
  // Null asks only where the feed stands: whatever BJZ sent along is not the caller's to see yet.
  if (cursor === null) return { changes: [], cursor: page.nextCursor, more: false };
  // gezinId -> type of its latest change; re-inserting moves a gezin to the place of its latest change.
  const latest = new Map<string, WireWijziging['type']>();
  for (const raw of page.data) {
    const change = readChange(raw, agency);
    latest.delete(change.gezinId);
    latest.set(change.gezinId, change.type);
  }
  const changed = [...latest].flatMap(([gezinId, type]) => (type === 'changed' ? [gezinId] : []));
  const households = new Map<string, HouseholdRecord>();
  for (let at = 0; at < changed.length; at += deps.maxBatchSize) {
    const gezinIds = changed.slice(at, at + deps.maxBatchSize);
    for (const raw of await deps.api.searchClients({ gezinIds }, signal)) {
      const client = valueOrThrow(mapClient(raw, deps.mapping), agency);
      if (!households.has(client.gezinId)) households.set(client.gezinId, client.household);
    }
  }
  const changes: HouseholdChange[] = [...latest.keys()].map((gezinId) => ({
    householdLocalId: gezinId,
    household: households.get(gezinId) ?? null,
  }));
  return { changes, cursor: page.nextCursor, more: page.hasMore };
}

function readChange(raw: unknown, agency: string): WireWijziging {
  const change = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof WireWijziging, unknown>>;
  if (!Number.isSafeInteger(change.sequence) || typeof change.gezinId !== 'string' || change.gezinId === ''
    || (change.type !== 'changed' && change.type !== 'deleted')) {
    throw new AdapterError('UPSTREAM_BAD_RESPONSE', 'BJZ sent a wijziging the gateway cannot read', { agency, status: 200 });
  }
  return { sequence: change.sequence as number, gezinId: change.gezinId, type: change.type };
}
