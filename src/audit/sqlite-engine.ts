/**
 * The audit store on SQLite (node:sqlite), for a single gateway host. WAL with synchronous=FULL: a
 * commit is on disk when append resolves. BEGIN IMMEDIATE takes the database write lock before the
 * chain head is read, so seq and prevHash stay right even with a second process on the same file.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createAppendPipeline } from './append-pipeline.ts';
import { chainEntries, type ChainLink } from './chain.ts';
import { encodeCursor, readPage } from './cursor.ts';
import type { AuditEntryInput } from './entry.ts';
import { entryValues } from './entry-row.ts';
import { AuditStoreError, wrapAuditError } from './errors.ts';
import { validateRetention } from './prune-plan.ts';
import { buildAuditWhere } from './sql-filter.ts';
import { SQLITE_COLUMNS, SQLITE_DIALECT, toEntry, type SqliteRow } from './sqlite-rows.ts';
import { migrateSqliteAudit } from './sqlite-schema.ts';
import type { AuditStore } from './store.ts';
import { pruneSqliteChain, verifySqliteChain } from './sqlite-chain.ts';

export interface SqliteAuditStoreOptions {
  /** Database file; its folder is created if missing. Default `data/audit.sqlite` (relative to the working directory). */
  path?: string;
  /** How long a write waits for another connection's lock before failing, in milliseconds. Default 5000. */
  busyTimeoutMs?: number;
  /** Group-commit window in milliseconds. Default 2. */
  maxWaitMs?: number;
  /** Entries per transaction at which a batch is written at once. Default 256. */
  maxBatch?: number;
}

export function createSqliteAuditStore(options: SqliteAuditStoreOptions = {}): AuditStore {
  const path = options.path ?? 'data/audit.sqlite';
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path, { timeout: options.busyTimeoutMs ?? 5000 });
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  migrateSqliteAudit(db);

  const selectHead = db.prepare('SELECT seq, hash FROM audit_chain_head WHERE id = 1');
  const insertEntry = db.prepare(`INSERT INTO audit_entry (${SQLITE_COLUMNS.join(', ')}) VALUES (${SQLITE_COLUMNS.map(() => '?').join(', ')})`);
  const insertRef = db.prepare('INSERT OR IGNORE INTO audit_decision_ref (decision_id, seq) VALUES (?, ?)');
  const updateHead = db.prepare('UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1');

  const inTransaction = <T>(mode: 'IMMEDIATE' | 'DEFERRED', work: () => T): T => {
    db.exec(`BEGIN ${mode}`);
    try {
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  };

  const write = async (inputs: readonly AuditEntryInput[]): Promise<void> => {
    if (!db.isOpen) throw new AuditStoreError('AUDIT_STORE_CLOSED', 'audit store is closed');
    inTransaction('IMMEDIATE', () => {
      const entries = chainEntries(selectHead.get() as unknown as ChainLink, inputs);
      for (const entry of entries) {
        insertEntry.run(...(entryValues(entry, (date) => date.getTime(), (value) => JSON.stringify(value)) as (string | number | null)[]));
        for (const decision of entry.decisions) insertRef.run(decision.id, entry.seq);
      }
      const last = entries.at(-1);
      if (last) updateHead.run(last.seq, last.hash);
    });
  };

  const pipeline = createAppendPipeline({ write, maxWaitMs: options.maxWaitMs, maxBatch: options.maxBatch });

  const read = <T>(work: () => T): T => {
    if (!db.isOpen) throw new AuditStoreError('AUDIT_STORE_CLOSED', 'audit store is closed');
    try {
      return work();
    } catch (error) {
      throw wrapAuditError('AUDIT_UNAVAILABLE', 'audit store could not be read', error);
    }
  };

  const store: AuditStore = {
    kind: 'sqlite',
    append: (entries) => pipeline.append(entries),

    query: async (filter, page) => {
      const { afterSeq, first } = readPage(page);
      const where = buildAuditWhere(filter, afterSeq, SQLITE_DIALECT);
      const rows = read(() => db.prepare(`SELECT * FROM audit_entry WHERE ${where.clause} ORDER BY seq LIMIT ${first + 1}`)
        .all(...(where.params as (string | number)[])) as unknown as SqliteRow[]);
      const entries = rows.slice(0, first).map(toEntry);
      const last = entries.at(-1);
      return { entries, endCursor: last ? encodeCursor(last.seq) : null, hasNextPage: rows.length > first };
    },

    findDecision: async (decisionId) => read(() => {
      const rows = db.prepare(`SELECT e.* FROM audit_decision_ref r JOIN audit_entry e ON e.seq = r.seq
        WHERE r.decision_id = ? ORDER BY e.seq`).all(decisionId) as unknown as SqliteRow[];
      for (const row of rows) {
        const entry = toEntry(row);
        // The ref table is an unhashed index: trust only what the hashed entry itself says.
        const decision = entry.decisions.find((candidate) => candidate.id === decisionId);
        if (decision) return { entry, decision };
      }
      return null;
    }),

    verify: async () => read(() => inTransaction('DEFERRED', () => verifySqliteChain(db))),

    prune: async (retentionDaysByOwner, now) => {
      validateRetention(retentionDaysByOwner, now);
      if (!db.isOpen) throw new AuditStoreError('AUDIT_STORE_CLOSED', 'audit store is closed');
      try {
        // IMMEDIATE: no append can move the head while the prefix is planned and removed.
        return inTransaction('IMMEDIATE', () => pruneSqliteChain(db, retentionDaysByOwner, now));
      } catch (error) {
        throw wrapAuditError('AUDIT_UNAVAILABLE', 'audit prune failed', error);
      }
    },

    ping: async () => { read(() => selectHead.get()); },

    close: async () => {
      await pipeline.close();
      if (db.isOpen) db.close();
    },

    stats: () => pipeline.stats(),
  };
  return store;
}
