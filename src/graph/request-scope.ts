/**
 * What one request owns besides its decisions: its loaders (created here, never shared), the
 * household assembler, the upstream failures to report, and the signal that cancels its upstream
 * calls when the caller goes away.
 */
import type { AgencyAdapter, AgencyLoaders } from '#kit/contract.ts';
import type { ReferralFact } from '#src/policy/index.ts';
import { loadHouseholdChildren, loadReferralFacts, type HouseholdChild } from '#src/enforcement/facts.ts';
import { createHouseholdAssembler, type HouseholdAssembler } from '#src/households/assembler.ts';
import type { ClusterListing } from '#src/households/cluster.ts';
import type { IdService } from '#src/households/ids.ts';
import type { ListHouseholds } from '#src/households/listing-cache.ts';
import type { HouseholdNode } from '#src/households/nodes.ts';

export interface UpstreamFailure {
  readonly agencyId: string;
  readonly error: unknown;
}

export interface RequestScope {
  /** Aborted when the caller goes away: upstream calls still waiting are cancelled, none are started. */
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
  loaders(agencyId: string): AgencyLoaders | null;
  readonly households: HouseholdAssembler;
  /** The household's referrals from every agency that holds a record of it (for policy facts). */
  referralsOf(household: HouseholdNode): Promise<readonly ReferralFact[]>;
  /** The child records every agency holding a record of the household keeps (for policy facts: the children's roles). */
  childrenOf(household: HouseholdNode): Promise<readonly HouseholdChild[]>;
  upstreamFailed(agencyId: string, error: unknown): void;
  readonly upstreamFailures: readonly UpstreamFailure[];
}

/** The long-lived pieces a request scope is made from. */
export interface ScopeServices {
  readonly adapters: ReadonlyMap<string, AgencyAdapter>;
  readonly ids: IdService;
  readonly listHouseholds: ListHouseholds;
  readonly clusterListing: ClusterListing;
  /** The involvement index's routing of lookups by BSN, when it is on (src/involvements/route.ts). */
  readonly route?: (bsns: readonly string[], agencyIds: readonly string[]) => Promise<readonly string[]>;
}

export function createRequestScope(services: ScopeServices): RequestScope {
  const controller = new AbortController();
  const scope = { signal: controller.signal };
  const loaderCache = new Map<string, AgencyLoaders>();
  const upstreamFailures: UpstreamFailure[] = [];

  const loaders = (agencyId: string): AgencyLoaders | null => {
    const cached = loaderCache.get(agencyId);
    if (cached) return cached;
    const adapter = services.adapters.get(agencyId);
    if (!adapter) return null;
    const created = adapter.createLoaders(scope);
    loaderCache.set(agencyId, created);
    return created;
  };
  const upstreamFailed = (agencyId: string, error: unknown) => {
    if (!upstreamFailures.some((failure) => failure.agencyId === agencyId)) upstreamFailures.push({ agencyId, error });
  };

  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    loaders,
    households: createHouseholdAssembler({
      agencyIds: [...services.adapters.keys()],
      loaders: (agencyId) => {
        const found = loaders(agencyId);
        if (!found) throw new Error(`no adapter for ${agencyId}`);
        return found;
      },
      listHouseholds: (agencyId, municipalities) => {
        const adapter = services.adapters.get(agencyId);
        return adapter ? services.listHouseholds(agencyId, municipalities, scope, (walkScope) => adapter.listHouseholds(municipalities, walkScope)) : Promise.resolve([]);
      },
      clusterListing: services.clusterListing,
      ids: services.ids.records,
      onUpstreamError: upstreamFailed,
      ...(services.route ? { route: services.route } : {}),
    }),
    referralsOf: (household) => loadReferralFacts(household, loaders, upstreamFailed),
    childrenOf: (household) => loadHouseholdChildren(household, loaders, upstreamFailed),
    upstreamFailed,
    upstreamFailures,
  };
}
