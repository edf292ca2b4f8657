/**
 * Keeps the index current: a full reconciliation of each organisation on a schedule. Each one lists
 * every household the organisation registered in the municipalities it serves (its adapter's own
 * listing, paged upstream), derives the rows, and replaces the organisation's rows in one transaction.
 * An organisation that cannot be listed keeps its last rows, marked by the failure; a listing that
 * fails halfway replaces nothing.
 *
 * Change feeds (the agencies' "changed since" operations) are the next step (docs/involvement-index.md):
 * until then an organisation's rows are at most one interval plus one listing old, and routing asks an
 * organisation directly once its last reconciliation is older than the staleness bound.
 */
import type { Logger } from 'pino';
import type { AgencyAdapter } from '#kit/contract.ts';
import { isAdapterError } from '#kit/errors.ts';
import type { IdSealer } from '#src/households/ids.ts';
import type { InvolvementIndexStore } from './index-store.ts';
import { indexRowsOf, type PersonKey } from './rows.ts';

export interface IndexSyncOptions {
  readonly store: InvolvementIndexStore;
  readonly adapters: ReadonlyMap<string, AgencyAdapter>;
  /** The municipalities whose listings an organisation's reconciliation walks (the gateway: every one the regions name). */
  readonly municipalitiesOf: (organisation: string) => readonly string[];
  readonly personKey: PersonKey;
  readonly ids: IdSealer;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** How long one organisation's listing may take before it counts as failed. */
  readonly timeoutMs: number;
}

export interface IndexSync {
  /** Reconciles one organisation; resolves either way (a failure is recorded, not thrown). */
  reconcile(organisation: string): Promise<'synced' | 'failed'>;
  /** Reconciles every organisation with a record system, one at a time; joins a walk already under way. */
  reconcileAll(): Promise<void>;
  /** Reconciles now and then every `intervalMs` until stopped. */
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export function createIndexSync(options: IndexSyncOptions): IndexSync {
  const { store, adapters, logger } = options;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  async function reconcile(organisation: string): Promise<'synced' | 'failed'> {
    const adapter = adapters.get(organisation);
    const at = options.clock();
    if (!adapter) return 'failed';
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      const records = await adapter.listHouseholds(options.municipalitiesOf(organisation), { signal });
      await store.replace(organisation, indexRowsOf(records, options.personKey, options.ids), at);
      return 'synced';
    } catch (error) {
      // A code, never the payload: adapter errors carry theirs, anything else is named by its type.
      const code = isAdapterError(error) ? error.code : signal.aborted ? 'TIMEOUT' : 'INDEX_SYNC_FAILED';
      logger.warn({ agency: organisation, code }, 'involvement index: reconciliation failed; the last rows stay, marked');
      await store.failed(organisation, at, code).catch(() => undefined);
      return 'failed';
    }
  }

  async function walkAll(): Promise<void> {
    for (const organisation of adapters.keys()) {
      if (stopped) return;
      await reconcile(organisation);
    }
  }

  /** One walk at a time: asked while one runs, the caller waits for that one (it lists as fresh a state). */
  function reconcileAll(): Promise<void> {
    running ??= walkAll().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    reconcile,
    reconcileAll,
    start(intervalMs) {
      const run = () => {
        if (!stopped) void reconcileAll();
      };
      run();
      timer = setInterval(run, intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
