/**
 * The audit store on PostgreSQL, for several gateway processes sharing one database. Each append
 * transaction locks the one-row chain head (SELECT ... FOR UPDATE) before it assigns seq and prevHash,
 * so appends from all processes form one chain; the commit is durable when append resolves.
 */
import type pg from 'pg';
import { createAppendPipeline } from '../append-pipeline.ts';
import { readPage } from '../cursor.ts';
import type { AuditEntryInput } from '../entry.ts';
import { AuditStoreError, wrapAuditError } from '../errors.ts';
import { buildProof } from '../proof.ts';
import { withinDeadline } from './deadline.ts';
import { createAuditPools } from './pools.ts';
import { validateRetention } from '../prune-plan.ts';
import { buildAuditWhere, createPageCollector } from '../sql-filter.ts';
import type { AuditStore } from '../store.ts';
import { buildUnits, decisionGroupOf, decodeRecord, findDecisionIn, headerDigest, linkOf, type StoredUnit } from '../unit.ts';
import { rowToUnit, type RecordRow } from '../unit-rows.ts';
import { createPostgresActOutbox, createPostgresNoticeFeed, insertNotices, type PostgresActOutboxOptions } from './acts.ts';
import type { NewNotice } from '../notices.ts';
import { prunePostgresChain, verifyPostgresChain } from './chain.ts';
import { insertUnitsSql, POSTGRES_CODEC, postgresDialect, unitsParameters, type PostgresRequestRow } from './rows.ts';
import { migratePostgresAudit, quoteSchema } from './schema.ts';

export interface PostgresAuditStoreOptions {
  /** libpq connection string, e.g. `postgres://gateway@db:5432/ketenpoort`. Required. */
  connectionString: string;
  /** Schema holding the audit tables, created if missing. Default `ketenpoort_audit`. */
  schema?: string;
  /** Connections in the pool. Default 4 (appends are serialised per process anyway). */
  maxConnections?: number;
  /** How long a statement waits for a lock before failing, in milliseconds. Default 5000. */
  lockTimeoutMs?: number;
  /** Statement timeout of migrations, verify and prune in milliseconds. Default 30000 (verify and prune page, so no statement runs long). */
  statementTimeoutMs?: number;
  /**
   * How long a request's audit work (an append with its connect and statements, a read, a ping) may
   * take in all, in milliseconds; past it the caller gets a coded error and the connection is dropped.
   * Default 2000.
   */
  timeoutMs?: number;
  /** Group-commit window in milliseconds. Default 2. */
  maxWaitMs?: number;
  /** Entries per transaction at which a batch is written at once. Default 256. */
  maxBatch?: number;
  /** application_name of the connections, to find them in pg_stat_activity. Default `ketenpoort-audit`. */
  applicationName?: string;
  /** Told about errors on idle pooled connections (message only, no data). Default: ignored. */
  onConnectionError?: (error: Error) => void;
}

/** The code a request's audit work fails with when it outlasts its bound. */
type RequestBound = 'AUDIT_WRITE_FAILED' | 'AUDIT_UNAVAILABLE';

/** Connects, migrates, and returns the store; rejects if the database cannot be reached. */
export async function createPostgresAuditStore(options: PostgresAuditStoreOptions): Promise<AuditStore> {
  const schema = options.schema ?? 'ketenpoort_audit';
  const s = quoteSchema(schema);
  const timeoutMs = options.timeoutMs ?? 2000;
  const pools = createAuditPools({
    connectionString: options.connectionString, maxConnections: options.maxConnections ?? 4,
    applicationName: options.applicationName ?? 'ketenpoort-audit', timeoutMs, lockTimeoutMs: options.lockTimeoutMs ?? 5000,
    statementTimeoutMs: options.statementTimeoutMs ?? 30_000, onConnectionError: options.onConnectionError,
  });
  const late = (code: RequestBound) => () =>
    new AuditStoreError(code, `audit store did not answer within ${timeoutMs} ms${code === 'AUDIT_WRITE_FAILED' ? '; the batch may still commit, the response must be withheld' : ''}`);

  /**
   * Work for a request (`bound`: the code it fails with) runs on the request pool, the whole of it,
   * connect included, within timeoutMs (deadline.ts); maintenance (null) on its own pool, bounded per query.
   */
  const withClient = async <T>(work: (client: pg.PoolClient) => Promise<T>, bound: RequestBound | null, since = performance.now()): Promise<T> => {
    const pool = bound ? pools.requests : pools.maintenance;
    const left = (): number => timeoutMs - (performance.now() - since);
    const client = bound
      ? await withinDeadline(pool.connect(), left(), late(bound), (tooLate) => tooLate.release())
      : await pool.connect();
    let failed: Error | undefined;
    // A checked-out client whose server connection dies emits 'error'; unheard, it would crash the process.
    const onError = (error: Error): void => {
      failed = error;
      options.onConnectionError?.(error);
    };
    client.on('error', onError);
    try {
      // Past the deadline the client is released as failed, i.e. destroyed: its hung query ends with it.
      return bound ? await withinDeadline(work(client), left(), late(bound)) : await work(client);
    } catch (error) {
      failed ??= error instanceof Error ? error : new Error('audit query failed');
      throw error;
    } finally {
      client.off('error', onError);
      // A client that failed mid-transaction may be in any state: destroy it rather than reuse it.
      client.release(failed);
    }
  };

  try {
    await withClient((client) => migratePostgresAudit(client, schema), null);
  } catch (error) {
    await pools.end().catch(() => undefined);
    throw wrapAuditError('AUDIT_UNAVAILABLE', 'audit store could not be prepared', error);
  }

  const insertSql = insertUnitsSql(s);
  const dialect = postgresDialect(s);
  // A batch gets the time its longest-waiting caller has left: past it that caller is refused, and an
  // entry committed after its caller was refused would record a disclosure that never happened.
  /** Appends the entries inside the caller's open transaction (the chain head locked first). */
  const appendUnits = async (client: pg.PoolClient, inputs: readonly AuditEntryInput[]): Promise<void> => {
    const { rows } = await client.query<{ seq: string; hash: string; entry_seq: string }>(
      `SELECT seq, hash, entry_seq FROM ${s}.audit_chain_head WHERE id = 1 FOR UPDATE`);
    const head = rows[0];
    if (!head) throw new Error('audit chain head row is missing');
    const units = buildUnits({ seq: Number(head.seq), hash: head.hash, entrySeq: Number(head.entry_seq) }, inputs);
    const parameters = unitsParameters(units);
    for (const [index, sql] of insertSql.entries()) await client.query(sql, [parameters[index]]);
    const last = units.at(-1);
    if (last) {
      const link = linkOf(last);
      await client.query(`UPDATE ${s}.audit_chain_head SET seq = $1, hash = $2, entry_seq = $3 WHERE id = 1`, [link.seq, link.hash, link.entrySeq]);
    }
  };
  const inTransaction = async <T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> => {
    await client.query('BEGIN');
    try {
      const result = await work();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };
  const write = (inputs: readonly AuditEntryInput[], notices: readonly NewNotice[], queuedAt: number): Promise<void> =>
    withClient((client) => inTransaction(client, async () => {
      await appendUnits(client, inputs);
      await insertNotices(client, s, notices);
    }), 'AUDIT_WRITE_FAILED', queuedAt);

  const loadUnit = async (client: pg.PoolClient, seq: number): Promise<StoredUnit | null> => {
    const { rows } = await client.query<PostgresRequestRow>(`SELECT * FROM ${s}.audit_request WHERE seq = $1`, [seq]);
    const row = rows[0];
    if (!row) return null;
    const first = Number(row.first_entry_seq);
    const records = await client.query<RecordRow>(`SELECT * FROM ${s}.audit_record WHERE seq BETWEEN $1 AND $2 ORDER BY seq`,
      [first, first + Number(row.entry_count) - 1]);
    return rowToUnit(row, records.rows, POSTGRES_CODEC);
  };

  const pipeline = createAppendPipeline({
    write, maxWaitMs: options.maxWaitMs, maxBatch: options.maxBatch,
    // Queued behind a stalled batch until its caller gave up: never written (see append below).
    maxQueue: { ms: timeoutMs, expired: late('AUDIT_WRITE_FAILED') },
  });
  let ended = false;

  const read = async <T>(work: (client: pg.PoolClient) => Promise<T>, bound: 'AUDIT_UNAVAILABLE' | null = 'AUDIT_UNAVAILABLE'): Promise<T> => {
    if (ended) throw new AuditStoreError('AUDIT_STORE_CLOSED', 'audit store is closed');
    try {
      return await withClient(work, bound);
    } catch (error) {
      throw wrapAuditError('AUDIT_UNAVAILABLE', 'audit store could not be read', error);
    }
  };

  const outboxOptions: PostgresActOutboxOptions = {
    schema: s,
    // An act's own rules (ACT_...) pass through; anything else is the store failing, closed.
    write: async (work) => {
      if (ended) throw new AuditStoreError('AUDIT_STORE_CLOSED', 'audit store is closed');
      try {
        return await withClient((client) => inTransaction(client, () => work(client, (inputs) => appendUnits(client, inputs))), 'AUDIT_WRITE_FAILED');
      } catch (error) {
        if (error instanceof AuditStoreError && error.code.startsWith('ACT_')) throw error;
        throw wrapAuditError('AUDIT_WRITE_FAILED', 'the act or notices were not committed', error);
      }
    },
    read: (work) => read(work),
  };

  return {
    kind: 'postgres',
    // The caller waits at most timeoutMs, also when its batch queues behind a stalled one. An append still
    // queued then is never written; one whose batch was being written may yet commit: an entry without
    // its answer is possible, an answer without its entry is not.
    append: (entries, notices) => withinDeadline(pipeline.append(entries, notices), timeoutMs, late('AUDIT_WRITE_FAILED')),

    query: (filter, page) => read(async (client) => {
      const { afterSeq, first } = readPage(page);
      const units = new Map<number, StoredUnit>();
      let after = afterSeq;
      let more = true;
      let collector: ReturnType<typeof createPageCollector> | null = null;
      // The index narrows a subject or agreement search to requests; the decoded entry decides.
      do {
        const where = buildAuditWhere(filter, after, dialect);
        collector ??= createPageCollector(filter, first, where.postFilter);
        const { rows } = await client.query<{ seq: string; request_seq: string }>(
          `SELECT r.seq, r.request_seq FROM ${s}.audit_record r JOIN ${s}.audit_request u ON u.seq = r.request_seq
           WHERE ${where.clause} ORDER BY r.seq LIMIT ${first + 1}`, where.params);
        more = rows.length > first;
        for (const row of rows) {
          after = Number(row.seq);
          const requestSeq = Number(row.request_seq);
          let unit = units.get(requestSeq);
          if (!unit) {
            unit = (await loadUnit(client, requestSeq)) ?? undefined;
            if (!unit) continue;
            units.set(requestSeq, unit);
          }
          const record = unit.records.find((candidate) => candidate.seq === after);
          if (record) collector.offer(decodeRecord(unit, record));
          if (collector.full) break;
        }
        if (!where.postFilter) break;
      } while (!collector.full && more);
      return collector.page(more);
    }),

    findDecision: (decisionId) => read(async (client) => {
      const { rows } = await client.query<{ request_seq: string }>(
        `SELECT request_seq FROM ${s}.audit_index WHERE kind = 'decision' AND value = $1 ORDER BY request_seq`, [decisionGroupOf(decisionId)]);
      for (const row of rows) {
        const unit = await loadUnit(client, Number(row.request_seq));
        const found = unit ? findDecisionIn(unit, decisionId) : null;
        if (found) return found;
      }
      return null;
    }),

    requestHash: (seq) => read(async (client) =>
      (await client.query<{ hash: string }>(`SELECT hash FROM ${s}.audit_request WHERE seq = $1`, [seq])).rows[0]?.hash ?? null),

    // A proof walks every request up to the anchor: on the unbounded pool, like verify.
    prove: (entrySeq, anchorSeq) => read(async (client) => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const holder = await client.query<{ request_seq: string }>(`SELECT request_seq FROM ${s}.audit_record WHERE seq = $1`, [entrySeq]);
        const head = await client.query<{ seq: string }>(`SELECT seq FROM ${s}.audit_chain_head WHERE id = 1`);
        const requestSeq = Number(holder.rows[0]?.request_seq ?? -1);
        const anchor = anchorSeq ?? Number(head.rows[0]?.seq ?? 0);
        let proof = null;
        if (requestSeq > 0 && Number.isSafeInteger(anchor) && anchor >= requestSeq && anchor <= Number(head.rows[0]?.seq ?? 0)) {
          const unit = await loadUnit(client, requestSeq);
          if (unit) {
            const { rows } = await client.query<PostgresRequestRow>(`SELECT * FROM ${s}.audit_request WHERE seq > $1 AND seq <= $2 ORDER BY seq`, [requestSeq, anchor]);
            const following = rows.map((row) => headerDigest(rowToUnit(row, [], POSTGRES_CODEC).header));
            proof = buildProof(unit, entrySeq, following, { seq: anchor, hash: rows.at(-1)?.hash ?? unit.hash });
          }
        }
        await client.query('COMMIT');
        return proof;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    }, null),

    verify: () => read((client) => verifyPostgresChain(client, s), null),

    prune: async (retentionDaysByOwner, now) => {
      validateRetention(retentionDaysByOwner, now);
      if (ended) throw new AuditStoreError('AUDIT_STORE_CLOSED', 'audit store is closed');
      try {
        return await withClient((client) => prunePostgresChain(client, s, schema, retentionDaysByOwner, now), null);
      } catch (error) {
        throw wrapAuditError('AUDIT_UNAVAILABLE', 'audit prune failed', error);
      }
    },

    ping: () => read(async (client) => { await client.query(`SELECT seq FROM ${s}.audit_chain_head WHERE id = 1`); }),

    acts: createPostgresActOutbox(outboxOptions),
    notices: createPostgresNoticeFeed(outboxOptions),
    close: async () => {
      await pipeline.close();
      if (!ended) {
        ended = true;
        await pools.end();
      }
    },

    stats: () => pipeline.stats(),
  };
}
