/**
 * All police households (zorgmeldingen) in some municipalities. The police export cannot filter on
 * gemeente, so this walks the date-range export page by page over a window back from the clock and
 * keeps the rows of the wanted municipalities; their betrokkenen's BSNs then come from the key
 * mapping, batched.
 */
import type { Clock } from '#kit/contract.ts';
import { AdapterError } from '#kit/errors.ts';
import type { HouseholdRecord } from '#domain/records.ts';
import { amsterdamDateOf } from './legacy-time.ts';
import { createUpstreamLoaders, type UpstreamLoaderDeps } from './upstream-loaders.ts';
import type { WireZorgmelding } from './wire-types.ts';

export interface ListHouseholdsDeps extends UpstreamLoaderDeps {
  readonly clock: Clock;
  /** Years back from the clock's date the export is searched. */
  readonly windowYears: number;
  /** Pages walked before the listing is given up as a paging loop. */
  readonly maxPages: number;
}

export async function listPolitieHouseholds(deps: ListHouseholdsDeps, municipalities: readonly string[],
  signal: AbortSignal): Promise<readonly HouseholdRecord[]> {
  if (municipalities.length === 0) return [];
  const wanted = new Set(municipalities);
  const tot = amsterdamDateOf(deps.clock.now().toISOString());
  const van = yearsBefore(tot, deps.windowYears);
  const found: WireZorgmelding[] = [];
  let pagina: number | null = 1;
  for (let walked = 0; pagina !== null; walked++) {
    if (walked >= deps.maxPages) {
      throw new AdapterError('UPSTREAM_BAD_RESPONSE', 'politie export: more pages than maxPages', { agency: deps.mapping.owner.agencyId });
    }
    const page = await deps.client.zorgmeldingenInPeriode(van, tot, pagina, signal);
    // The gemeente column repeats on every row of a zorgmelding, so the first row decides.
    found.push(...page.zorgmeldingen.filter((z) => wanted.has(z.rijen[0]?.gemeente ?? '')));
    pagina = page.volgendePagina;
  }
  // A malformed zorgmelding fails the listing: a search that silently drops a household is worse.
  const upstream = createUpstreamLoaders(deps, signal);
  const mapped = await Promise.all(found.map((wire) => upstream.withBsns(wire)));
  return mapped.map((zorgmelding) => zorgmelding.household);
}

function yearsBefore(isoDate: string, years: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date.toISOString().slice(0, 10);
}
