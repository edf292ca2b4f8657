/**
 * Keeps the index current, per organisation:
 *
 * - follow: where the agency's legacy API has a change feed (AgencyAdapter.householdChanges), its pages
 *   from the last position read, each applied with its new position in one transaction (a restart
 *   resumes from there; a failure mid-way leaves every page before it applied and none half-applied);
 * - reconcile: a full listing of every household the organisation registered in the municipalities
 *   walked, replacing its rows in one transaction, on a slower schedule and whenever a feed position
 *   is lost or refused. The feed's position is taken before the listing, so a change made while the
 *   listing runs is read again by the next follow rather than missed.
 *
 * An organisation that cannot be read keeps its last rows, marked with the failure's code; routing asks
 * it directly once its rows are older than the staleness bound (route.ts).
 */
import type { Logger } from 'pino';
import type { AgencyAdapter, HouseholdChangePage } from '#kit/contract.ts';
import { isAdapterError } from '#kit/errors.ts';
import type { IdSealer } from '#src/households/ids.ts';
import type { HouseholdRows, InvolvementIndexStore } from './index-store.ts';
import { householdRef, indexRowsOf, type PersonKey } from './rows.ts';

export interface IndexSyncOptions {
  readonly store: InvolvementIndexStore;
  readonly adapters: ReadonlyMap<string, AgencyAdapter>;
  /** The municipalities whose listings an organisation's reconciliation walks (the gateway: every one the regions name). */
  readonly municipalitiesOf: (organisation: string) => readonly string[];
  readonly personKey: PersonKey;
  readonly ids: IdSealer;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** How long one organisation's listing (or one follow) may take before it counts as failed. */
  readonly timeoutMs: number;
  /** Feed pages read per organisation in one follow, at most (the rest waits for the next). Default 100. */
  readonly maxPagesPerFollow?: number;
}

export type SyncOutcome = 'synced' | 'failed';

export interface IndexSync {
  /** Reconciles one organisation in full; resolves either way (a failure is recorded, not thrown). */
  reconcile(organisation: string): Promise<SyncOutcome>;
  /** Reads one organisation's change feed on from its last position (reconciling when it has none). */
  follow(organisation: string): Promise<SyncOutcome>;
  /** Reconciles every organisation, one at a time; joins a walk already under way. */
  reconcileAll(): Promise<void>;
  /** Follows every organisation with a feed (reconciles those without one only when they have no rows yet). */
  followAll(): Promise<void>;
  /** Brings every organisation up now, then follows every `followMs` and reconciles every `reconcileMs`. */
  start(intervals: { readonly followMs: number; readonly reconcileMs: number }): void;
  stop(): Promise<void>;
}

/** A code, never the payload: adapter errors carry theirs, anything else is named by its kind. */
function codeOf(error: unknown, signal: AbortSignal): string {
  return isAdapterError(error) ? error.code : signal.aborted ? 'TIMEOUT' : 'INDEX_SYNC_FAILED';
}

export function createIndexSync(options: IndexSyncOptions): IndexSync {
  const { store, adapters, logger } = options;
  const maxPages = options.maxPagesPerFollow ?? 100;
  const timers: NodeJS.Timeout[] = [];
  // One walk at a time (a reconciliation and a follow of one organisation must not interleave).
  let queue: Promise<void> = Promise.resolve();
  let walking: Promise<void> | null = null;
  let stopped = false;

  const fail = async (organisation: string, at: Date, code: string, what: string) => {
    logger.warn({ agency: organisation, code }, `involvement index: ${what} failed; the last rows stay, marked`);
    await store.failed(organisation, at, code).catch(() => undefined);
  };

  async function reconcile(organisation: string): Promise<SyncOutcome> {
    const adapter = adapters.get(organisation);
    const at = options.clock();
    if (!adapter) return 'failed';
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      const position = adapter.householdChanges ? (await adapter.householdChanges(null, { signal })).cursor : null;
      const municipalities = options.municipalitiesOf(organisation);
      const listed = await adapter.listHouseholds(municipalities, { signal });
      let rows = indexRowsOf(listed, options.personKey, options.ids);
      // An agency whose listing does not reach back over everything it holds (the police export's window):
      // its whole history for routing, its listing's households marked as the ones a municipality's listing shows.
      if (adapter.reconcileHouseholds) {
        const shown = new Set(rows.map((row) => row.household));
        rows = indexRowsOf(await adapter.reconcileHouseholds(municipalities, { signal }), options.personKey, options.ids)
          .map((row) => (shown.has(row.household) ? row : { ...row, listed: false }));
      }
      await store.replace(organisation, rows, at, position);
      return 'synced';
    } catch (error) {
      await fail(organisation, at, codeOf(error, signal), 'reconciliation');
      return 'failed';
    }
  }

  const rowsOf = (organisation: string, page: HouseholdChangePage): HouseholdRows[] => page.changes.map((change) => ({
    household: householdRef(options.ids, organisation, change.householdLocalId),
    rows: change.household ? indexRowsOf([change.household], options.personKey, options.ids) : [],
  }));

  async function follow(organisation: string): Promise<SyncOutcome> {
    const adapter = adapters.get(organisation);
    if (!adapter?.householdChanges) return reconcile(organisation);
    const state = (await store.states()).find((candidate) => candidate.organisation === organisation);
    if (!state?.cursor) return reconcile(organisation);
    let cursor = state.cursor;
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      for (let pages = 0; pages < maxPages; pages++) {
        const at = options.clock();
        const page = await adapter.householdChanges(cursor, { signal });
        await store.apply(organisation, rowsOf(organisation, page), at, page.cursor);
        cursor = page.cursor;
        if (!page.more) break;
      }
      return 'synced';
    } catch (error) {
      // A position the agency no longer knows (its log restarted, or was cut): start again from a listing.
      if (isAdapterError(error) && error.permanent) {
        logger.warn({ agency: organisation, code: error.code }, 'involvement index: feed position refused; reconciling in full');
        return reconcile(organisation);
      }
      await fail(organisation, options.clock(), codeOf(error, signal), 'follow');
      return 'failed';
    }
  }

  /**
   * Runs walks one after another in this process, and (a shared store) in one replica at a time: a
   * replica that finds another walking leaves it to that one.
   */
  function serial(work: () => Promise<void>): Promise<void> {
    const lead = store.lead?.bind(store);
    const next = queue.then(async () => {
      if (stopped) return;
      if (lead) await lead(work);
      else await work();
    });
    queue = next.catch(() => undefined);
    return next;
  }

  function reconcileAll(): Promise<void> {
    walking ??= serial(async () => {
      for (const organisation of adapters.keys()) {
        if (stopped) return;
        await reconcile(organisation);
      }
    }).finally(() => {
      walking = null;
    });
    return walking;
  }

  function followAll(): Promise<void> {
    return serial(async () => {
      const states = new Map((await store.states()).map((state) => [state.organisation, state]));
      for (const [organisation, adapter] of adapters) {
        if (stopped) return;
        // Without a feed an organisation waits for its scheduled reconciliation, unless it has never had one.
        if (adapter.householdChanges || !states.get(organisation)?.syncedAt) await follow(organisation);
      }
    });
  }

  return {
    reconcile,
    follow,
    reconcileAll,
    followAll,
    start({ followMs, reconcileMs }) {
      // A walk that fails as a whole (the index's own store unreadable) is logged and tried again next time;
      // it must not become an unhandled rejection.
      const background = (walk: () => Promise<void>) => () => void walk().catch((error: unknown) => {
        logger.warn({ err: { type: (error as Error)?.name } }, 'involvement index: sync walk failed');
      });
      // Up now: a feed position resumes where the last run left off; the rest is listed.
      background(followAll)();
      timers.push(setInterval(background(followAll), followMs), setInterval(background(reconcileAll), reconcileMs));
      for (const timer of timers) timer.unref();
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await queue;
    },
  };
}
