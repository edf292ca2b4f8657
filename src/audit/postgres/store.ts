/**
 * The audit store on PostgreSQL, for several gateway processes sharing one database. Each append
 * transaction locks the one-row chain head (SELECT ... FOR UPDATE) before it assigns seq and prevHash,
 * so appends from all processes form one chain; the commit is durable when append resolves.
 */
import pg from 'pg';
import { createAppendPipeline } from '../append-pipeline.ts';
import { chainEntries } from '../chain.ts';
import { encodeCursor, readPage } from '../cursor.ts';
import type { AuditEntryInput } from '../entry.ts';
import { AuditStoreError, wrapAuditError } from '../errors.ts';
import { prunePostgresChain, verifyPostgresChain } from './chain.ts';
import { entriesParameter, insertEntriesSql, POSTGRES_DIALECT, toEntry, type PostgresRow } from './rows.ts';
import { migratePostgresAudit, quoteSchema } from './schema.ts';
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
  /** Statement timeout in milliseconds. Default 30000 (verify and prune page, so no statement runs long). */
  statementTimeoutMs?: number;
  /** Group-commit window in milliseconds. Default 2. */
  maxWaitMs?: number;
  /** Entries per transaction at which a batch is written at once. Default 256. */
  maxBatch?: number;
  /** application_name of the connections, to find them in pg_stat_activity. Default `ketenpoort-audit`. */
  applicationName?: string;
  /** Told about errors on idle pooled connections (message only, no data). Default: ignored. */
  onConnectionError?: (error: Error) => void;
}

/** Connects, migrates, and returns the store; rejects if the database cannot be reached. */
export async function createPostgresAuditStore(options: PostgresAuditStoreOptions): Promise<AuditStore> {
  const schema = options.schema ?? 'ketenpoort_audit';
  const s = quoteSchema(schema);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 4,
    application_name: options.applicationName ?? 'ketenpoort-audit',
    lock_timeout: options.lockTimeoutMs ?? 5000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
  });
  // Without a listener an idle connection dropped by the server would crash the process.
  pool.on('error', (error) => options.onConnectionError?.(error));

  const withClient = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let failed: Error | undefined;
    // A checked-out client whose server connection dies emits 'error'; unheard, it would crash the process.
    const onError = (error: Error): void => {
      failed = error;
      options.onConnectionError?.(error);
    };
    client.on('error', onError);
    try {
      return await work(client);
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
    await withClient((client) => migratePostgresAudit(client, schema));
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw wrapAuditError('AUDIT_UNAVAILABLE', 'audit store could not be prepared', error);
  }

  const insertSql = insertEntriesSql(s);
  const write = (inputs: readonly AuditEntryInput[]): Promise<void> => withClient(async (client) => {
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
  });

  const pipeline = createAppendPipeline({ write, maxWaitMs: options.maxWaitMs, maxBatch: options.maxBatch });
  let ended = false;

  const read = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    if (ended) throw new AuditStoreError('AUDIT_STORE_CLOSED', 'audit store is closed');
    try {
      return await withClient(work);
    } catch (error) {
      throw wrapAuditError('AUDIT_UNAVAILABLE', 'audit store could not be read', error);
    }
  };

  return {
    kind: 'postgres',
    append: (entries) => pipeline.append(entries),

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

    verify: () => read((client) => verifyPostgresChain(client, s)),

    prune: async (retentionDaysByOwner, now) => {
      validateRetention(retentionDaysByOwner, now);
      if (ended) throw new AuditStoreError('AUDIT_STORE_CLOSED', 'audit store is closed');
      try {
        return await withClient((client) => prunePostgresChain(client, s, schema, retentionDaysByOwner, now));
      } catch (error) {
        throw wrapAuditError('AUDIT_UNAVAILABLE', 'audit prune failed', error);
      }
    },

    ping: () => read(async (client) => { await client.query(`SELECT seq FROM ${s}.audit_chain_head WHERE id = 1`); }),

    close: async () => {
      await pipeline.close();
      if (!ended) {
        ended = true;
        await pool.end();
      }
    },

    stats: () => pipeline.stats(),
  };
}
