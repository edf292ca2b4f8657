/**
 * The SQLite audit store's engine: synchronous (node:sqlite), so it runs on the store's own thread
 * (worker.ts), never on the gateway's event loop; store.ts is the asynchronous face.
 * WAL with synchronous=FULL: a commit is on disk when write returns. BEGIN IMMEDIATE takes the database
 * write lock before the chain head is read, so seq and prevHash stay right even with a second process
 * on the same file.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { readPage } from '../cursor.ts';
import {
  ACT_INSERT_COLUMNS, actFromRow, checkAnswerable, checkRepeat, newActValues, statusOfAnswer,
  type ActDbRow, type ActFilter, type ActRow, type Answering, type NewAct,
} from '../act-outbox.ts';
import type { AuditDecision, AuditEntry, AuditEntryInput } from '../entry.ts';
import { NOTICE_INSERT_COLUMNS, noticeFromRow, noticeValues, type NewNotice, type NoticeDbRow, type NoticeRow, type WebhookCursor } from '../notices.ts';
import { AuditStoreError, wrapAuditError } from '../errors.ts';
import { buildProof } from '../proof.ts';
import { validateRetention } from '../prune-plan.ts';
import { buildAuditWhere, createPageCollector } from '../sql-filter.ts';
import type { AuditFilter, AuditIndexStatus, AuditPage, AuditPageRequest, EntryProof, PruneResult, VerifyResult } from '../store.ts';
import { compactRequests, decisionGroupOf, sealRequests, type CompactRequest, decodeRecord, findDecisionIn, headerDigest, linkOf, type ChainLink, type StoredUnit } from '../unit.ts';
import { recordValues, requestValues, rowToUnit, type RecordRow, type RequestRow } from '../unit-rows.ts';
import { pruneSqliteChain, verifySqliteChain } from './chain.ts';
import { holdFiles } from './file-guard.ts';
import { createReadyProbe } from './ready-probe.ts';
import { SQLITE_CODEC, SQLITE_RECORD_COLUMNS, SQLITE_REQUEST_COLUMNS, sqliteDialect } from './rows.ts';
import { migrateSqliteAudit } from './schema.ts';
import { catchUpTrailIndex, ensureTrailIndexSchema, openTrailIndexDb, readTrailIndexState, trailIndexPath } from './trail-index.ts';

/** Rows per multi-row INSERT: a request of 280 entries is two statements, not 280. */
const ROWS_PER_STATEMENT = 128;
/** Requests per transaction of an index catch-up. */
const INDEX_BATCH_REQUESTS = 256;

export interface SqliteEngineOptions {
  readonly path: string;
  /** How long a write waits for another connection's lock before failing, in milliseconds. */
  readonly busyTimeoutMs: number;
  /** Free bytes the file system must have for ping (readiness) to pass. */
  readonly minFreeBytes: number;
  /** PRAGMA max_page_count, a stand-in for a full disk in tests that cannot mount a small file system. */
  readonly maxPageCount?: number | undefined;
}

/** What the worker runs; every method throws AuditStoreError (or a driver error, for write). */
export interface SqliteEngine {
  write(inputs: readonly AuditEntryInput[], notices?: readonly NewNotice[]): void;
  /** `write` of entries already in compact form (unit.ts compactRequests): what the store's thread is sent. */
  writeCompact(requests: readonly CompactRequest[], notices?: readonly NewNotice[]): void;
  query(filter: AuditFilter, page: AuditPageRequest): AuditPage;
  findDecision(decisionId: string): { entry: AuditEntry; decision: AuditDecision } | null;
  prove(entrySeq: number, anchorSeq?: number): EntryProof | null;
  requestHash(seq: number): string | null;
  verify(): VerifyResult;
  prune(retentionDaysByOwner: Readonly<Record<string, number>>, now: Date): PruneResult;
  ping(): void;
  /** Brings the search index up to the chain head (trail-index.ts); returns the requests indexed. */
  catchUpIndex(): number;
  indexStatus(): AuditIndexStatus;
  close(): void;
  // The act outbox (act-outbox.ts); times in epoch milliseconds.
  enqueueAct(act: NewAct, inputs: readonly AuditEntryInput[], answering: Answering | null, notices?: readonly NewNotice[]): { act: ActRow; created: boolean };
  getAct(id: string): ActRow | null;
  getActByKey(sender: string, idempotencyKey: string): ActRow | null;
  actChanges(party: string, afterSeq: number, limit: number): ActRow[];
  lastActChange(): number;
  listActs(filter: ActFilter, first: number, after: string | null): ActRow[];
  claimActs(nowMs: number, limit: number, leaseMs: number): ActRow[];
  actDelivered(id: string, receiverReference: string, atMs: number, keepPayload?: boolean): void;
  actFailed(id: string, errorCode: string, nextAttemptMs: number | null, atMs: number): void;
  retryAct(id: string, atMs: number): ActRow | null;
  // Notifications (notices.ts).
  noticesAfter(recipient: string, afterSeq: number, limit: number): NoticeRow[];
  lastNotice(): number;
  webhookCursor(organisation: string): WebhookCursor | null;
  setWebhookCursor(organisation: string, cursor: WebhookCursor): void;
  leaseWebhook(organisation: string, holder: string, untilMs: number, nowMs: number): boolean;
  releaseWebhook(organisation: string, holder: string): void;
}

export function openSqliteEngine(options: SqliteEngineOptions): SqliteEngine {
  const { path } = options;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path, { timeout: options.busyTimeoutMs });
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  // Checkpoint the WAL every ~80 MB (20,000 pages) rather than SQLite's default 4 MB: the index pages a
  // commit touches are then copied into the database once per checkpoint instead of many times.
  db.exec('PRAGMA wal_autocheckpoint = 20000');
  if (options.maxPageCount !== undefined) db.exec(`PRAGMA max_page_count = ${Math.trunc(options.maxPageCount)}`);
  migrateSqliteAudit(db);
  // Every operation first checks that the files are still the ones opened (file-guard.ts says why).
  const files = holdFiles(path);
  const probe = createReadyProbe(db, { path, files, minFreeBytes: options.minFreeBytes, busyTimeoutMs: options.busyTimeoutMs });

  // The search index (trail-index.ts): in a file of its own, written behind the commit by the indexer
  // thread (and here, on request); searches read it through a second connection that attaches it, since
  // a write transaction on a connection locks every database attached to it. An in-memory trail keeps
  // it in its own database and indexes each commit at once.
  const indexPath = trailIndexPath(path);
  let indexWriter: DatabaseSync = db;
  let reader: DatabaseSync = db;
  let indexSchema = 'main';
  if (indexPath === null) ensureTrailIndexSchema(db, 'main');
  else {
    indexWriter = openTrailIndexDb(indexPath, options.busyTimeoutMs);
    reader = new DatabaseSync(path, { timeout: options.busyTimeoutMs });
    reader.prepare('ATTACH DATABASE ? AS trail_index_db').run(indexPath);
    indexSchema = 'trail_index_db';
  }
  const dialect = sqliteDialect(indexSchema);
  const catchUpIndex = (): number => {
    let indexed = 0;
    for (let batch = catchUpTrailIndex(db, indexWriter, 'main', INDEX_BATCH_REQUESTS); batch > 0; batch = catchUpTrailIndex(db, indexWriter, 'main', INDEX_BATCH_REQUESTS)) indexed += batch;
    return indexed;
  };
  /** In memory, the index follows each commit; a failure here leaves the tail, which searches read anyway. */
  const indexInline = (): void => {
    if (indexPath !== null) return;
    try {
      catchUpIndex();
    } catch {
      // The chain is committed; the index is derived and catches up at the next commit.
    }
  };

  const selectHead = db.prepare('SELECT seq, hash, entry_seq FROM audit_chain_head WHERE id = 1');
  const insertRequest = db.prepare(`INSERT INTO audit_request (${SQLITE_REQUEST_COLUMNS.join(', ')}) VALUES (${SQLITE_REQUEST_COLUMNS.map(() => '?').join(', ')})`);
  // Multi-row inserts, prepared once per row count.
  const multiRow = new Map<string, StatementSync>();
  const insertRows = (table: string, columns: readonly string[], rows: readonly unknown[][]) => {
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
      const key = `${table}:${chunk.length}`;
      let statement = multiRow.get(key);
      if (!statement) {
        const tuple = `(${columns.map(() => '?').join(', ')})`;
        statement = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: chunk.length }, () => tuple).join(', ')}`);
        multiRow.set(key, statement);
      }
      statement.run(...(chunk.flat() as (string | number | null)[]));
    }
  };
  const updateHead = db.prepare('UPDATE audit_chain_head SET seq = ?, hash = ?, entry_seq = ? WHERE id = 1');
  const readHead = (): ChainLink => {
    const row = selectHead.get() as { seq: number; hash: string; entry_seq: number };
    return { seq: row.seq, hash: row.hash, entrySeq: row.entry_seq };
  };

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

  const writeCompact = (requests: readonly CompactRequest[], notices: readonly NewNotice[] = []): void => {
    if (!db.isOpen) throw new AuditStoreError('AUDIT_STORE_CLOSED', 'audit store is closed');
    files.check();
    try {
      inTransaction('IMMEDIATE', () => {
        commitRequests(requests);
        // seq is the rowid: one writer, so the order of numbers is the order of commits.
        if (notices.length > 0) insertRows('notice', NOTICE_INSERT_COLUMNS, notices.map(noticeValues));
      });
    } catch (error) {
      probe.writeFailed();
      throw error;
    }
    // A file removed while the transaction ran took the commit with it: not durable, so not a success.
    files.check();
    probe.writeSucceeded();
    indexInline();
  };

  const write = (inputs: readonly AuditEntryInput[], notices: readonly NewNotice[] = []): void => writeCompact(compactRequests(inputs), notices);

  const commitUnits = (inputs: readonly AuditEntryInput[]): void => commitRequests(compactRequests(inputs));
  const commitRequests = (requests: readonly CompactRequest[]): void => {
    {
      const units = sealRequests(readHead(), requests);
      for (const unit of units) {
        insertRequest.run(...(requestValues(unit, SQLITE_CODEC) as (string | number | null)[]));
        insertRows('audit_record', SQLITE_RECORD_COLUMNS, unit.records.map((record) => recordValues(record, unit.header.seq, SQLITE_CODEC)));
      }
      const last = units.at(-1);
      if (last) {
        const link = linkOf(last);
        updateHead.run(link.seq, link.hash, link.entrySeq);
      }
    }
  };

  const selectAct = db.prepare('SELECT * FROM act WHERE id = ?');
  const selectActByKey = db.prepare('SELECT * FROM act WHERE sender = ? AND idempotency_key = ?');
  // One order of changes: writes are serialised (one writer, in a transaction), so MAX + 1 is the next.
  const bumpAct = db.prepare('UPDATE act SET changed_seq = (SELECT COALESCE(MAX(changed_seq), 0) + 1 FROM act) WHERE id = ?');
  const insertAct = db.prepare(`INSERT INTO act (${ACT_INSERT_COLUMNS.join(', ')}) VALUES (${ACT_INSERT_COLUMNS.map(() => '?').join(', ')})`);
  // An answer also erases what an inbox delivery kept for the receiver to read.
  const answerAct = db.prepare('UPDATE act SET status = ?, answer = ?, answered_ms = ?, payload = NULL WHERE id = ?');
  const actById = (id: string): ActRow | null => {
    const row = selectAct.get(id) as ActDbRow | undefined;
    return row ? actFromRow(row) : null;
  };
  /** An outbox write: like an append, it fails closed (the ready probe hears of a failed write). */
  const actWrite = <T>(work: () => T): T => {
    if (!db.isOpen) throw new AuditStoreError('AUDIT_STORE_CLOSED', 'audit store is closed');
    files.check();
    let result: T;
    try {
      result = inTransaction('IMMEDIATE', work);
    } catch (error) {
      if (!(error instanceof AuditStoreError && error.code.startsWith('ACT_'))) probe.writeFailed();
      throw error;
    }
    files.check();
    probe.writeSucceeded();
    indexInline();
    return result;
  };

  const selectRequest = reader.prepare('SELECT * FROM audit_request WHERE seq = ?');
  const selectRecords = reader.prepare('SELECT * FROM audit_record WHERE seq BETWEEN ? AND ? ORDER BY seq');
  /** A request with its entries, as stored (null when absent). */
  const loadUnit = (seq: number): StoredUnit | null => {
    const row = selectRequest.get(seq) as (RequestRow & Record<string, unknown>) | undefined;
    if (!row) return null;
    const first = Number(row.first_entry_seq);
    const records = selectRecords.all(first, first + Number(row.entry_count) - 1) as unknown as RecordRow[];
    return rowToUnit(row, records, SQLITE_CODEC);
  };

  const read = <T>(work: () => T): T => {
    if (!db.isOpen) throw new AuditStoreError('AUDIT_STORE_CLOSED', 'audit store is closed');
    files.check();
    try {
      return work();
    } catch (error) {
      throw wrapAuditError('AUDIT_UNAVAILABLE', 'audit store could not be read', error);
    }
  };

  return {
    write,
    writeCompact,

    query: (filter, page) => read(() => {
      const { afterSeq, first } = readPage(page);
      const units = new Map<number, StoredUnit>();
      let after = afterSeq;
      let more = true;
      let collector: ReturnType<typeof createPageCollector> | null = null;
      // The index narrows a subject or agreement search to requests; the decoded entry decides, so a page
      // may take more than one round to fill.
      do {
        const where = buildAuditWhere(filter, after, dialect);
        collector ??= createPageCollector(filter, first, where.postFilter);
        const rows = reader.prepare(`SELECT r.seq, r.request_seq FROM audit_record r JOIN audit_request u ON u.seq = r.request_seq
          WHERE ${where.clause} ORDER BY r.seq LIMIT ${first + 1}`).all(...(where.params as (string | number)[])) as { seq: number; request_seq: number }[];
        more = rows.length > first;
        for (const row of rows) {
          after = row.seq;
          let unit = units.get(row.request_seq);
          if (!unit) {
            unit = loadUnit(row.request_seq) ?? undefined;
            if (!unit) continue;
            units.set(row.request_seq, unit);
          }
          const record = unit.records.find((candidate) => candidate.seq === row.seq);
          if (record) collector.offer(decodeRecord(unit, record));
          if (collector.full) break;
        }
        if (!where.postFilter) break;
      } while (!collector.full && more);
      return collector.page(more);
    }),

    findDecision: (decisionId) => read(() => {
      const requests = reader.prepare(`SELECT request_seq FROM (${dialect.indexedRequests("'decision'", '?')}) ORDER BY request_seq`)
        .all(decisionGroupOf(decisionId)) as { request_seq: number }[];
      for (const { request_seq: seq } of requests) {
        const unit = loadUnit(seq);
        const found = unit ? findDecisionIn(unit, decisionId) : null;
        if (found) return found;
      }
      return null;
    }),

    requestHash: (seq) => read(() => (db.prepare('SELECT hash FROM audit_request WHERE seq = ?').get(seq) as { hash: string } | undefined)?.hash ?? null),

    prove: (entrySeq, anchorSeq) => read(() => {
      const holder = db.prepare('SELECT request_seq FROM audit_record WHERE seq = ?').get(entrySeq) as { request_seq: number } | undefined;
      if (!holder) return null;
      return inTransaction('DEFERRED', () => {
        const head = readHead();
        const anchor = anchorSeq ?? head.seq;
        if (!Number.isSafeInteger(anchor) || anchor < holder.request_seq || anchor > head.seq) return null;
        const unit = loadUnit(holder.request_seq);
        if (!unit) return null;
        const following: string[] = [];
        let anchorHash = unit.hash;
        const rows = db.prepare('SELECT * FROM audit_request WHERE seq > ? AND seq <= ? ORDER BY seq').iterate(holder.request_seq, anchor) as Iterable<RequestRow & Record<string, unknown>>;
        for (const row of rows) {
          following.push(headerDigest(rowToUnit(row, [], SQLITE_CODEC).header));
          anchorHash = row.hash;
        }
        return buildProof(unit, entrySeq, following, { seq: anchor, hash: anchorHash });
      });
    }),

    verify: () => read(() => {
      // The index's watermark is read first, then the chain: the chain read is never older than the index.
      reader.exec('BEGIN');
      try {
        return verifySqliteChain(reader, indexSchema);
      } finally {
        if (reader.isTransaction) reader.exec('COMMIT');
      }
    }),

    prune: (retentionDaysByOwner, now) => {
      validateRetention(retentionDaysByOwner, now);
      if (!db.isOpen) throw new AuditStoreError('AUDIT_STORE_CLOSED', 'audit store is closed');
      try {
        files.check();
        // IMMEDIATE: no append can move the head while the prefix is planned and removed.
        const result = inTransaction('IMMEDIATE', () => pruneSqliteChain(db, retentionDaysByOwner, now));
        files.check();
        // The index rows of the removed requests go with the next catch-up; here, at once.
        if (result.checkpointSeq !== null) {
          try {
            catchUpTrailIndex(db, indexWriter, 'main', 0);
          } catch {
            // The prune is committed; the indexer's next catch-up removes them.
          }
        }
        return result;
      } catch (error) {
        throw wrapAuditError('AUDIT_UNAVAILABLE', 'audit prune failed', error);
      }
    },

    ping: () => {
      if (!db.isOpen) throw new AuditStoreError('AUDIT_STORE_CLOSED', 'audit store is closed');
      probe.run();
      read(() => selectHead.get());
    },

    catchUpIndex: () => {
      if (!db.isOpen) throw new AuditStoreError('AUDIT_STORE_CLOSED', 'audit store is closed');
      return catchUpIndex();
    },

    indexStatus: () => read(() => ({ indexedSeq: readTrailIndexState(reader, indexSchema).indexedSeq, headSeq: readHead().seq })),

    close: () => {
      for (const connection of new Set([reader, indexWriter, db])) if (connection.isOpen) connection.close();
    },

    enqueueAct: (act, inputs, answering, notices = []) => actWrite(() => {
      const known = selectActByKey.get(act.sender, act.idempotencyKey) as ActDbRow | undefined;
      if (known) {
        const existing = actFromRow(known);
        checkRepeat(existing, act);
        return { act: existing, created: false };
      }
      if (answering) {
        checkAnswerable(actById(answering.actId), answering);
        answerAct.run(statusOfAnswer(answering.answer), answering.answer, answering.at.getTime(), answering.actId);
        bumpAct.run(answering.actId);
      }
      insertAct.run(...newActValues(act));
      bumpAct.run(act.id);
      if (inputs.length > 0) commitUnits(inputs);
      insertRows('notice', NOTICE_INSERT_COLUMNS, notices.map(noticeValues));
      return { act: actById(act.id) as ActRow, created: true };
    }),

    noticesAfter: (recipient, afterSeq, limit) => read(() => (db.prepare(`SELECT * FROM notice WHERE recipient = ? AND seq > ? ORDER BY seq LIMIT ${Math.trunc(limit)}`)
      .all(recipient, afterSeq) as unknown as NoticeDbRow[]).map(noticeFromRow)),
    lastNotice: () => read(() => Number((db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM notice').get() as { seq: number }).seq)),
    webhookCursor: (organisation) => read(() => {
      const row = db.prepare('SELECT notice_seq, act_seq FROM webhook_cursor WHERE organisation = ?').get(organisation) as { notice_seq: number; act_seq: number } | undefined;
      return row ? { noticeSeq: Number(row.notice_seq), actSeq: Number(row.act_seq) } : null;
    }),
    setWebhookCursor: (organisation, cursor) => actWrite(() => {
      db.prepare(`INSERT INTO webhook_cursor (organisation, notice_seq, act_seq) VALUES (?, ?, ?)
        ON CONFLICT (organisation) DO UPDATE SET notice_seq = excluded.notice_seq, act_seq = excluded.act_seq`).run(organisation, cursor.noticeSeq, cursor.actSeq);
    }),
    leaseWebhook: (organisation, holder, untilMs, nowMs) => actWrite(() => Number(db.prepare(`INSERT INTO webhook_lease (organisation, holder, until_ms) VALUES (?, ?, ?)
        ON CONFLICT (organisation) DO UPDATE SET holder = excluded.holder, until_ms = excluded.until_ms
        WHERE webhook_lease.holder = excluded.holder OR webhook_lease.until_ms <= ?`).run(organisation, holder, untilMs, nowMs).changes) === 1),
    releaseWebhook: (organisation, holder) => actWrite(() => {
      db.prepare('DELETE FROM webhook_lease WHERE organisation = ? AND holder = ?').run(organisation, holder);
    }),

    getAct: (id) => read(() => actById(id)),
    actChanges: (party, afterSeq, limit) => read(() => (db.prepare(`SELECT * FROM act WHERE (sender = ? OR receiver = ?) AND changed_seq > ?
      ORDER BY changed_seq LIMIT ${Math.trunc(limit)}`).all(party, party, afterSeq) as unknown as ActDbRow[]).map(actFromRow)),
    lastActChange: () => read(() => Number((db.prepare('SELECT COALESCE(MAX(changed_seq), 0) AS seq FROM act').get() as { seq: number }).seq)),
    getActByKey: (sender, idempotencyKey) => read(() => {
      const row = selectActByKey.get(sender, idempotencyKey) as ActDbRow | undefined;
      return row ? actFromRow(row) : null;
    }),

    listActs: (filter, first, after) => read(() => {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (filter.party) { where.push('(sender = ? OR receiver = ?)'); params.push(filter.party, filter.party); }
      if (filter.status) { where.push('status = ?'); params.push(filter.status); }
      if (after) {
        const anchor = actById(after);
        if (anchor) { where.push('(created_ms < ? OR (created_ms = ? AND id < ?))'); params.push(anchor.createdAt.getTime(), anchor.createdAt.getTime(), anchor.id); }
      }
      const rows = db.prepare(`SELECT * FROM act ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_ms DESC, id DESC LIMIT ${Math.trunc(first)}`)
        .all(...params) as unknown as ActDbRow[];
      return rows.map(actFromRow);
    }),

    claimActs: (nowMs, limit, leaseMs) => actWrite(() => {
      const rows = db.prepare(`SELECT * FROM act WHERE status = 'PENDING' AND next_attempt_ms <= ? AND (lease_until_ms IS NULL OR lease_until_ms <= ?)
        ORDER BY next_attempt_ms, created_ms LIMIT ${Math.trunc(limit)}`).all(nowMs, nowMs) as unknown as ActDbRow[];
      const lease = db.prepare('UPDATE act SET lease_until_ms = ?, attempts = attempts + 1 WHERE id = ?');
      for (const row of rows) lease.run(nowMs + leaseMs, row.id);
      return rows.map((row) => actFromRow({ ...row, attempts: Number(row.attempts) + 1 }));
    }),

    actDelivered: (id, receiverReference, atMs, keepPayload = false) => actWrite(() => {
      const act = actById(id);
      if (!act || act.status !== 'PENDING') return;
      // An answer or feedback is done once stored; a handover or referral then waits for its answer.
      db.prepare(`UPDATE act SET status = 'DELIVERED', delivered_ms = ?, receiver_reference = ?, payload = ${keepPayload ? 'payload' : 'NULL'}, lease_until_ms = NULL,
        last_error = NULL, next_attempt_ms = NULL WHERE id = ?`).run(atMs, receiverReference, id);
      bumpAct.run(id);
    }),

    actFailed: (id, errorCode, nextAttemptMs, atMs) => actWrite(() => {
      const act = actById(id);
      if (!act || act.status !== 'PENDING') return;
      if (nextAttemptMs === null) {
        db.prepare("UPDATE act SET status = 'FAILED', last_error = ?, lease_until_ms = NULL, next_attempt_ms = NULL WHERE id = ?").run(errorCode, id);
        bumpAct.run(id);
      } else {
        db.prepare('UPDATE act SET last_error = ?, lease_until_ms = NULL, next_attempt_ms = ? WHERE id = ?').run(errorCode, Math.max(nextAttemptMs, atMs), id);
      }
    }),

    retryAct: (id, atMs) => actWrite(() => {
      const act = actById(id);
      if (!act || act.status !== 'FAILED') return null;
      db.prepare("UPDATE act SET status = 'PENDING', attempts = 0, next_attempt_ms = ?, lease_until_ms = NULL WHERE id = ?").run(atMs, id);
      bumpAct.run(id);
      return actById(id);
    }),
  };
}
