/**
 * The police's change feed (issue 12) over their daily delta export. The cursor is the mutatienummer to
 * ask from next, as decimal text. A page of mutaties names zorgmeldingen only, so the changed ones are
 * then asked from the export by number (one batch a page, split only at the batch limit) and mapped as
 * listHouseholds maps them, their betrokkenen's BSNs from the key mapping, batched.
 */
import type { HouseholdChange, HouseholdChangePage } from '#kit/contract.ts';
import { createUpstreamLoaders, type UpstreamLoaderDeps } from './upstream-loaders.ts';
import type { Mutatiesoort, WireZorgmelding } from './wire-types.ts';

export interface HouseholdChangesDeps extends UpstreamLoaderDeps {
  /** Mutaties asked per page (`maximum`). */
  readonly pageSize: number;
}

export async function politieHouseholdChanges(deps: HouseholdChangesDeps, cursor: string | null,
  signal: AbortSignal): Promise<HouseholdChangePage> {
  const pagina = await deps.client.mutaties(cursor, deps.pageSize, signal);
  const next = String(pagina.volgendeVanaf);
  if (cursor === null) return { changes: [], cursor: next, more: false };
  // Several mutaties of one zorgmelding in a page come down to its latest, in that one's place.
  const latest = new Map<string, Mutatiesoort>();
  for (const mutatie of pagina.mutaties) {
    latest.delete(mutatie.registratienummer);
    latest.set(mutatie.registratienummer, mutatie.soort);
  }
  const changed = [...latest].filter(([, soort]) => soort === 'gewijzigd').map(([nummer]) => nummer);
  const upstream = createUpstreamLoaders(deps, signal);
  // The loader asks the export once per batch limit; a zorgmelding removed since is absent (null).
  const wires = await upstream.zorgmelding.loadMany(changed);
  const failure = wires.find((wire) => wire instanceof Error);
  if (failure) throw failure;
  const found = wires.filter((wire): wire is WireZorgmelding => wire !== null && !(wire instanceof Error));
  // A malformed zorgmelding fails the page, as it fails a listing: a feed that silently drops a change is worse.
  const mapped = new Map((await Promise.all(found.map((wire) => upstream.withBsns(wire))))
    .map((zorgmelding) => [zorgmelding.household.localId, zorgmelding.household]));
  const changes: HouseholdChange[] = [...latest.keys()].map((nummer) => ({ householdLocalId: nummer, household: mapped.get(nummer) ?? null }));
  return { changes, cursor: next, more: pagina.meer };
}
