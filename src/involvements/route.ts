/**
 * Routing a lookup by BSN: ask only the organisations the index names for those persons, and every
 * organisation whose part of the index cannot be trusted to be complete (never reconciled, or last
 * reconciled longer ago than the staleness bound, or whose listing cannot cover everything it holds):
 * those are asked directly, as without an index. So an index that is behind costs calls, never
 * answers; and the index only ever narrows whom the gateway asks, never what a caller is shown (that
 * still goes through the policy).
 */
import type { InvolvementIndexStore, SyncState } from './index-store.ts';
import type { PersonKey } from './rows.ts';

export interface IndexRouterOptions {
  readonly store: InvolvementIndexStore;
  readonly personKey: PersonKey;
  readonly clock: () => Date;
  /** An organisation's rows older than this are not relied on. */
  readonly staleAfterMs: number;
  /** Organisations whose rows are never relied on (their listing is not complete): always asked. */
  readonly alwaysAsk?: ReadonlySet<string>;
}

/** The organisations whose rows may be relied on at `now`: synced, and no longer ago than the bound. */
export function freshOrganisations(states: readonly SyncState[], now: Date, staleAfterMs: number): Set<string> {
  return new Set(states.filter((state) => state.syncedAt !== null && now.getTime() - state.syncedAt.getTime() <= staleAfterMs)
    .map((state) => state.organisation));
}

export type IndexRouter = (bsns: readonly string[], connected: readonly string[]) => Promise<string[]>;

export function createIndexRouter(options: IndexRouterOptions): IndexRouter {
  const { store, personKey } = options;
  return async (bsns, connected) => {
    const persons: string[] = [];
    for (const bsn of bsns) {
      const person = personKey(bsn);
      // Not a BSN the index could hold: nothing to route on, so ask as without an index.
      if (person === null) return [...connected];
      persons.push(person);
    }
    const [holders, states] = await Promise.all([store.holders(persons), store.states()]);
    const fresh = freshOrganisations(states, options.clock(), options.staleAfterMs);
    return connected.filter((organisation) => holders.has(organisation) || !fresh.has(organisation) || options.alwaysAsk?.has(organisation));
  };
}
