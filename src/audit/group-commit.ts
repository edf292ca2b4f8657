/**
 * Group commit: appends that arrive within `maxWaitMs` of each other (or until `maxBatch` entries are
 * waiting) are written by one `write` call, i.e. one transaction, so a busy gateway pays one fsync per
 * batch instead of one per request. Every caller's promise settles with that transaction. Writes run
 * one at a time per store; appends that arrive meanwhile form the next batch. One caller's entries are
 * never split across transactions.
 */

export interface GroupCommitOptions<T> {
  /** How long the first append of a batch waits for company, in milliseconds. Default 2; 0 waits one macrotask. */
  maxWaitMs?: number;
  /** Entries at which a batch is written without waiting further. Default 256. */
  maxBatch?: number;
  /**
   * A submit still queued this many milliseconds after it arrived is refused with `expired()` and never
   * written: its caller has stopped waiting (a store bounding each request), and an entry written after
   * the caller was refused would record a disclosure that never happened. Default: no limit.
   */
  maxQueue?: { readonly ms: number; readonly expired: () => Error };
  /**
   * Writes one batch in one transaction; must reject, having written nothing, if it fails. `queuedAt`
   * is when the batch's oldest submit arrived (performance.now()), for a write bounded by its callers' wait.
   */
  write(items: readonly T[], queuedAt: number): Promise<void>;
}

export interface GroupCommit<T> {
  submit(items: readonly T[]): Promise<void>;
  /** Resolves when every batch submitted so far has settled. */
  drain(): Promise<void>;
}

interface Waiting<T> {
  readonly items: readonly T[];
  readonly since: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export function createGroupCommit<T>(options: GroupCommitOptions<T>): GroupCommit<T> {
  const maxWaitMs = options.maxWaitMs ?? 2;
  const maxBatch = options.maxBatch ?? 256;
  const queue: Waiting<T>[] = [];
  let queuedItems = 0;
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> | null = null;

  const dropExpired = (): void => {
    const { maxQueue } = options;
    if (!maxQueue) return;
    const now = performance.now();
    for (let index = queue.length - 1; index >= 0; index--) {
      const waiting = queue[index] as Waiting<T>;
      if (now - waiting.since < maxQueue.ms) continue;
      queue.splice(index, 1);
      queuedItems -= waiting.items.length;
      waiting.reject(maxQueue.expired());
    }
  };

  const takeBatch = (): Waiting<T>[] => {
    dropExpired();
    const batch: Waiting<T>[] = [];
    let count = 0;
    while (queue.length > 0) {
      const next = queue[0] as Waiting<T>;
      if (batch.length > 0 && count + next.items.length > maxBatch) break;
      batch.push(next);
      count += next.items.length;
      queue.shift();
    }
    queuedItems -= count;
    return batch;
  };

  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (writing || queue.length === 0) return;
    const batch = takeBatch();
    if (batch.length === 0) return;
    const items = batch.flatMap((waiting) => waiting.items);
    const queuedAt = Math.min(...batch.map((waiting) => waiting.since));
    writing = (async () => options.write(items, queuedAt))().then(
      () => { for (const waiting of batch) waiting.resolve(); },
      (error: unknown) => { for (const waiting of batch) waiting.reject(error); },
    ).finally(() => {
      writing = null;
      // What queued up during this write is the next group; it has waited long enough already.
      if (queue.length > 0) flush();
    });
  };

  const submit = (items: readonly T[]): Promise<void> => {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      queue.push({ items, since: performance.now(), resolve, reject });
      queuedItems += items.length;
      if (writing) return;
      if (queuedItems >= maxBatch) flush();
      else timer ??= setTimeout(flush, maxWaitMs);
    });
  };

  const drain = async (): Promise<void> => {
    while (writing || queue.length > 0) {
      if (!writing) flush();
      await writing?.catch(() => undefined);
    }
  };

  return { submit, drain };
}
