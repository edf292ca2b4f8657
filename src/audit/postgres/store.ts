/**
 * The audit store on PostgreSQL, for several gateway processes sharing one database. Each append
 * transaction locks the one-row chain head (SELECT ... FOR UPDATE) before it assigns seq and prevHash,
 * so appends from all processes form one chain; the commit is durable when append resolves.
 */
import type pg from 'pg';
import { createAppendPipeline } from '../append-pipeline.ts';
import { chainEntries } from '../chain.ts';
import { encodeCursor, readPage } from '../cursor.ts';
import type { AuditEntryInput } from '../entry.ts';
import { AuditStoreError, wrapAuditError } from '../errors.ts';
import { prunePostgresChain, verifyPostgresChain } from './chain.ts';
import { entriesParameter, insertEntriesSql, POSTGRES_DIALECT, toEntry, type PostgresRow } from './rows.ts';
import { migratePostgresAudit, quoteSchema } from './schema.ts';
import { withinDeadline } from './deadline.ts';
import { createAuditPools } from './pools.ts';
import { validateRetention } from '../prune-plan.ts';
import { buildAuditWhere } from '../sql-filter.ts';
import type { AuditStore } from '../store.ts';

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

  const insertSql = insertEntriesSql(s);
  // A batch gets the time its longest-waiting caller has left: past it that caller is refused, and an
  // entry committed after its caller was refused would record a disclosure that never happened.
  const write = (inputs: readonly AuditEntryInput[], queuedAt: number): Promise<void> => withClient(async (client) => {
    await client.query('BEGIN');
    try {
      const { rows } = await client.query<{ seq: string; hash: string }>(`SELECT seq, hash FROM ${s}.audit_chain_head WHERE id = 1 FOR UPDATE`);
      const head = rows[0];
      if (!head) throw new Error('audit chain head row is missing');
      const entries = chainEntries({ seq: Number(head.seq), hash: head.hash }, inputs);
      await client.query(insertSql, [entriesParameter(entries)]);
      const last = entries.at(-1);
      if (last) await client.query(`UPDATE ${s}.audit_chain_head SET seq = $1, hash = $2 WHERE id = 1`, [last.seq, last.hash]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }, 'AUDIT_WRITE_FAILED', queuedAt);

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

  return {
    kind: 'postgres',
    // The caller waits at most timeoutMs, also when its batch queues behind a stalled one. An append still
    // queued then is never written; one whose batch was being written may yet commit: an entry without
    // its answer is possible, an answer without its entry is not.
    append: (entries) => withinDeadline(pipeline.append(entries), timeoutMs, late('AUDIT_WRITE_FAILED')),

    query: async (filter, page) => {
      const { afterSeq, first } = readPage(page);
      const where = buildAuditWhere(filter, afterSeq, POSTGRES_DIALECT);
      const rows = await read(async (client) => (await client.query<PostgresRow>(
        `SELECT * FROM ${s}.audit_entry WHERE ${where.clause} ORDER BY seq LIMIT ${first + 1}`, where.params)).rows);
      const entries = rows.slice(0, first).map(toEntry);
      const last = entries.at(-1);
      return { entries, endCursor: last ? encodeCursor(last.seq) : null, hasNextPage: rows.length > first };
    },

    findDecision: async (decisionId) => {
      const rows = await read(async (client) => (await client.query<PostgresRow>(
        `SELECT * FROM ${s}.audit_entry WHERE decisions @> jsonb_build_array(jsonb_build_object('id', $1::text)) ORDER BY seq LIMIT 1`,
        [decisionId])).rows);
      const row = rows[0];
      if (!row) return null;
      const entry = toEntry(row);
      const decision = entry.decisions.find((candidate) => candidate.id === decisionId);
      return decision ? { entry, decision } : null;
    },

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
