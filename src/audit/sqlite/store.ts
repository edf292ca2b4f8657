/**
 * The audit store on SQLite (node:sqlite), for a single gateway host. The database lives on a thread of
 * its own (worker.ts running engine.ts): commits, verifies and prunes never block the
 * gateway's event loop. This side validates and group-commits appends (append-pipeline.ts), hands each
 * batch and each read to the thread in order, and fails closed when the thread is gone: every pending
 * and later call rejects with a coded error.
 */
import { Worker } from 'node:worker_threads';
import { createAppendPipeline } from '../append-pipeline.ts';
import { normalizeEntryInput } from '../normalize-entry.ts';
import { compactRequests } from '../unit.ts';
import { AUDIT_ERROR_CODES, AuditStoreError, type AuditErrorCode } from '../errors.ts';
import type { SqliteEngineOptions } from './engine.ts';
import type { IndexerOptions, IndexerReport } from './indexer.ts';
import { trailIndexPath } from './trail-index.ts';
import type { SqliteFailure, SqliteOperation, SqliteReply } from './worker.ts';
import type { AuditStore } from '../store.ts';
import type { ActRow } from '../act-outbox.ts';

export interface SqliteAuditStoreOptions {
  /** Database file; its folder is created if missing. Default `data/audit.sqlite` (relative to the working directory). */
  path?: string;
  /** How long a write waits for another connection's lock before failing, in milliseconds. Default 5000. */
  busyTimeoutMs?: number;
  /**
   * Free bytes the file system must have for ping (readiness) to pass: a hint that commits will soon
   * fail, not a guarantee (each commit is checked on its own). Default 16 MiB.
   */
  minFreeBytes?: number;
  /** Caps the database at this many pages (PRAGMA max_page_count); tests stand in for a full disk with it. Default: none. */
  maxPageCount?: number;
  /** Group-commit window in milliseconds. Default 2. */
  maxWaitMs?: number;
  /** Entries per transaction at which a batch is written at once. Default 256. */
  maxBatch?: number;
}

const WORKER_URL = new URL('./worker.ts', import.meta.url);
const INDEXER_URL = new URL('./indexer.ts', import.meta.url);

/** The error as the thread reported it: its own audit code kept, anything else as a driver error. */
function fromFailure(failure: SqliteFailure): Error {
  if (failure.code && (AUDIT_ERROR_CODES as readonly string[]).includes(failure.code)) {
    return new AuditStoreError(failure.code as AuditErrorCode, failure.message);
  }
  return Object.assign(new Error(failure.message), { name: failure.name });
}

export function createSqliteAuditStore(options: SqliteAuditStoreOptions = {}): AuditStore {
  const engineOptions: SqliteEngineOptions = {
    path: options.path ?? 'data/audit.sqlite', busyTimeoutMs: options.busyTimeoutMs ?? 5000,
    minFreeBytes: options.minFreeBytes ?? 16 * 1024 * 1024, maxPageCount: options.maxPageCount,
  };
  const worker = new Worker(WORKER_URL, { workerData: engineOptions, name: 'ketenpoort-audit-sqlite' });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let gone: Error | null = null;
  let closing: Promise<void> | null = null;
  // The thread keeps the process alive only while a call waits on it.
  worker.unref();

  const failAll = (error: Error) => {
    gone ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', (reply: SqliteReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(fromFailure(reply.error));
  });
  worker.on('error', () => failAll(new AuditStoreError('AUDIT_UNAVAILABLE', 'the audit store thread failed')));
  worker.on('exit', () => failAll(new AuditStoreError('AUDIT_STORE_CLOSED', 'audit store is closed')));

  // The search index follows the chain on a thread of its own (indexer.ts), poked after each commit;
  // an in-memory trail indexes each commit on the store's thread.
  const indexer = trailIndexPath(engineOptions.path) === null ? null
    : new Worker(INDEXER_URL, { workerData: { path: engineOptions.path, busyTimeoutMs: engineOptions.busyTimeoutMs } satisfies IndexerOptions, name: 'ketenpoort-audit-indexer' });
  let indexFailures = 0;
  if (indexer) {
    indexer.unref();
    indexer.on('message', (report: IndexerReport) => {
      if (!report.caughtUp) indexFailures++;
    });
    // A thread that died leaves the index where it was (searches read the rest, the next store catches
    // up); counted, and seen as a growing ketenpoort_audit_index_lag_requests.
    indexer.on('error', () => {
      indexFailures++;
    });
  }
  const pokeIndexer = <T>(value: T): T => {
    if (indexer && !closing) indexer.postMessage('poke');
    return value;
  };

  const call = <T>(op: SqliteOperation, ...args: unknown[]): Promise<T> => {
    if (gone) return Promise.reject(gone);
    return new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ id, op, args });
    });
  };
  const ifOpen = <T>(op: SqliteOperation, ...args: unknown[]): Promise<T> =>
    closing ? Promise.reject(new AuditStoreError('AUDIT_STORE_CLOSED', 'audit store is closed')) : call<T>(op, ...args);

  const pipeline = createAppendPipeline({
    // Whatever kept the batch from committing (an unopened file, a lock, a full disk), nothing of it was written.
    // In compact form (unit.ts): what crosses to the thread is each request's fields and dictionary once,
    // not every entry in full.
    write: (inputs, notices) => call<void>('writeCompact', compactRequests(inputs), notices).then(pokeIndexer, (error: unknown) => {
      if (error instanceof AuditStoreError && error.code === 'AUDIT_STORE_CLOSED') throw error;
      throw new AuditStoreError('AUDIT_WRITE_FAILED', 'audit append failed; the batch was not committed', { cause: error });
    }),
    ...(options.maxWaitMs === undefined ? {} : { maxWaitMs: options.maxWaitMs }),
    ...(options.maxBatch === undefined ? {} : { maxBatch: options.maxBatch }),
  });

  return {
    kind: 'sqlite',
    append: (entries, notices) => pipeline.append(entries, notices),
    query: (filter, page) => ifOpen('query', filter, page),
    findDecision: (decisionId) => ifOpen('findDecision', decisionId),
    prove: (entrySeq, anchorSeq) => ifOpen('prove', entrySeq, anchorSeq),
    requestHash: (seq) => ifOpen('requestHash', seq),
    verify: () => ifOpen('verify'),
    prune: (retentionDaysByOwner, now) => ifOpen('prune', retentionDaysByOwner, now),
    ping: () => ifOpen('ping'),
    acts: {
      enqueue: async (act, entries, answering, notices) => {
        // Validated like any append, before the thread sees it: a bad entry writes neither entry nor act.
        const normalized = entries.map((entry) => normalizeEntryInput(entry));
        return ifOpen<{ act: ActRow; created: boolean }>('enqueueAct', act, normalized, answering ?? null, notices ?? []).then(pokeIndexer);
      },
      get: (id) => ifOpen('getAct', id),
      byKey: (sender, idempotencyKey) => ifOpen('getActByKey', sender, idempotencyKey),
      changes: (party, afterSeq, limit) => ifOpen('actChanges', party, afterSeq, limit),
      lastChange: () => ifOpen('lastActChange'),
      list: (filter, first, after) => ifOpen('listActs', filter, first, after ?? null),
      claimDue: (now, limit, leaseMs) => ifOpen('claimActs', now.getTime(), limit, leaseMs),
      delivered: (id, receiverReference, at, options) => ifOpen('actDelivered', id, receiverReference, at.getTime(), options?.keepPayload ?? false),
      failed: (id, errorCode, nextAttemptAt, at) => ifOpen('actFailed', id, errorCode, nextAttemptAt?.getTime() ?? null, at.getTime()),
      retry: (id, at) => ifOpen('retryAct', id, at.getTime()),
    },
    notices: {
      after: (recipient, afterSeq, limit) => ifOpen('noticesAfter', recipient, afterSeq, limit),
      last: () => ifOpen('lastNotice'),
      webhookCursor: (organisation) => ifOpen('webhookCursor', organisation),
      setWebhookCursor: (organisation, cursor) => ifOpen('setWebhookCursor', organisation, cursor),
      leaseWebhook: (organisation, holder, untilMs, nowMs) => ifOpen('leaseWebhook', organisation, holder, untilMs, nowMs),
      releaseWebhook: (organisation, holder) => ifOpen('releaseWebhook', organisation, holder),
    },
    close: () => {
      closing ??= (async () => {
        await pipeline.close();
        if (!gone) await call('close').catch(() => undefined);
        await worker.terminate();
        await indexer?.terminate();
      })();
      return closing;
    },
    stats: () => ({ ...pipeline.stats(), indexFailures }),
    catchUpIndex: () => ifOpen<number>('catchUpIndex'),
    indexStatus: () => ifOpen('indexStatus'),
  };
}
