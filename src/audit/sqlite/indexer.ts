/**
 * The thread that keeps the SQLite trail's search index up with the chain (trail-index.ts). It is
 * poked after commits and catches up in batches on connections of its own: one reading the trail, one
 * writing the index file. A batch holds only the index file's lock, never the trail's, so commits go
 * on meanwhile. A failure is reported (its code only) and the next poke tries again; searches read the
 * requests it has not reached directly.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DatabaseSync } from 'node:sqlite';
import { catchUpTrailIndex, openTrailIndexDb, trailIndexPath } from './trail-index.ts';

export interface IndexerOptions {
  readonly path: string;
  readonly busyTimeoutMs: number;
}

/** What the thread tells the store: a catch-up ran dry (the index holds every request committed before the poke) or failed. */
export type IndexerReport = { readonly caughtUp: true } | { readonly caughtUp: false; readonly error: string };

/** Requests per catch-up transaction. */
const BATCH_REQUESTS = 256;
/**
 * How long a poke waits for the ones after it: a busy gateway commits hundreds of times a second, and a
 * catch-up per commit would spend more on its transactions than on its rows (measured: the trivial
 * query's guarded throughput fell by a tenth). Searches read what the index has not reached directly.
 */
const GATHER_MS = 100;

const port = parentPort;
if (!port) throw new Error('indexer.ts runs as a worker thread of store.ts');
const { path, busyTimeoutMs } = workerData as IndexerOptions;
const indexPath = trailIndexPath(path);
if (indexPath === null) throw new Error('an in-memory trail indexes each commit itself');

/** An error's code or name, never its message (it may quote a value). */
const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'Error';
};

let trail: DatabaseSync | null = null;
let index: DatabaseSync | null = null;
let running = false;
let again = false;

function run(): void {
  if (running) {
    again = true;
    return;
  }
  running = true;
  again = false;
  const step = (): void => {
    try {
      trail ??= new DatabaseSync(path, { timeout: busyTimeoutMs, readOnly: true });
      index ??= openTrailIndexDb(indexPath as string, busyTimeoutMs);
      // One batch per turn of the event loop, so a close is heard between batches.
      if (catchUpTrailIndex(trail, index, 'main', BATCH_REQUESTS) > 0) {
        setImmediate(step);
        return;
      }
      port?.postMessage({ caughtUp: true } satisfies IndexerReport);
    } catch (error) {
      port?.postMessage({ caughtUp: false, error: codeOf(error) } satisfies IndexerReport);
    }
    running = false;
    if (again) run();
  };
  step();
}

let gathering: NodeJS.Timeout | null = null;
port.on('message', (message: 'poke' | 'close') => {
  if (message === 'poke') {
    gathering ??= setTimeout(() => {
      gathering = null;
      run();
    }, GATHER_MS);
  } else {
    if (gathering) clearTimeout(gathering);
    for (const connection of [trail, index]) if (connection?.isOpen) connection.close();
    port.close();
  }
});
