/**
 * Internal: what both stores do before a batch reaches their transaction: validate each caller's
 * entries up front (one caller's bad entry must not fail the others' batch), group-commit, count
 * transactions, and refuse appends once the store is closing.
 */
import type { AuditEntryInput } from './entry.ts';
import type { NewNotice } from './notices.ts';
import { AuditStoreError, wrapAuditError } from './errors.ts';
import { createGroupCommit } from './group-commit.ts';
import { normalizeEntryInput } from './normalize-entry.ts';
import type { AuditStoreStats } from './store.ts';

export interface AppendPipelineOptions {
  /** Group-commit window in milliseconds. Default 2. */
  maxWaitMs?: number;
  /** Entries per transaction at which a batch is written at once. Default 256. */
  maxBatch?: number;
  /** Appends queued longer than this are refused unwritten (group-commit.ts). Default: no limit. */
  maxQueue?: { readonly ms: number; readonly expired: () => Error } | undefined;
  /**
   * Writes the batch in one transaction (seq and prevHash assigned inside it), or rejects having written
   * nothing. `queuedAt`: when its oldest append arrived (performance.now()).
   */
  write(inputs: readonly AuditEntryInput[], notices: readonly NewNotice[], queuedAt: number): Promise<void>;
}

/** What one caller hands the batch: its entries, and the notices that commit with them (notices.ts). */
type BatchItem = { readonly entry: AuditEntryInput } | { readonly notice: NewNotice };

export interface AppendPipeline {
  append(entries: readonly AuditEntryInput[], notices?: readonly NewNotice[]): Promise<void>;
  stats(): AuditStoreStats;
  /** Refuses new appends and waits for the queued ones to settle. */
  close(): Promise<void>;
  readonly closed: boolean;
}

export function createAppendPipeline(options: AppendPipelineOptions): AppendPipeline {
  const stats: AuditStoreStats = { transactions: 0, failedTransactions: 0, entries: 0 };
  let closed = false;
  const group = createGroupCommit<BatchItem>({
    ...(options.maxWaitMs === undefined ? {} : { maxWaitMs: options.maxWaitMs }),
    ...(options.maxBatch === undefined ? {} : { maxBatch: options.maxBatch }),
    ...(options.maxQueue === undefined ? {} : { maxQueue: options.maxQueue }),
    write: async (items, queuedAt) => {
      const inputs: AuditEntryInput[] = [];
      const notices: NewNotice[] = [];
      for (const item of items) {
        if ('entry' in item) inputs.push(item.entry);
        else notices.push(item.notice);
      }
      try {
        await options.write(inputs, notices, queuedAt);
      } catch (error) {
        stats.failedTransactions++;
        throw wrapAuditError('AUDIT_WRITE_FAILED', 'audit append failed; the batch was not committed', error);
      }
      stats.transactions++;
      stats.entries += inputs.length;
    },
  });

  const append = async (entries: readonly AuditEntryInput[], notices: readonly NewNotice[] = []): Promise<void> => {
    if (closed) throw new AuditStoreError('AUDIT_STORE_CLOSED', 'audit store is closed');
    if (!Array.isArray(entries)) throw new AuditStoreError('AUDIT_INVALID_ENTRY', 'append takes a list of entries');
    const normalized = entries.map((entry) => normalizeEntryInput(entry));
    // A notice never commits without an entry: its own is among `entries` (src/enforcement/notices.ts).
    if (notices.length > 0 && normalized.length === 0) throw new AuditStoreError('AUDIT_INVALID_ENTRY', 'notices commit with their entries');
    await group.submit([...normalized.map((entry) => ({ entry })), ...notices.map((notice) => ({ notice }))]);
  };

  const close = async (): Promise<void> => {
    closed = true;
    await group.drain();
  };

  return { append, stats: () => ({ ...stats }), close, get closed() { return closed; } };
}
