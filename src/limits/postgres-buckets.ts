/**
 * Token buckets every replica shares, in PostgreSQL: one row per bucket, refilled and taken from in
 * one atomic statement (the row lock serialises replicas), judged by the database's clock so replicas
 * whose clocks differ still agree. Keys are hashed before they are stored: a user's `sub` is an
 * identifier, and the table has no need to hold it.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { BucketRate, BucketStore } from './token-bucket.ts';
import { secondsUntilToken } from './token-bucket.ts';

export interface PostgresBucketOptions {
  readonly connectionString: string;
  /** Schema of the bucket table. Default `public`. */
  readonly schema?: string;
  /** Bound on connecting and on each statement, in ms. Default 2,000. */
  readonly timeoutMs?: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgresBuckets(options: PostgresBucketOptions): Promise<BucketStore> {
  const schema = options.schema ?? 'public';
  if (!IDENTIFIER.test(schema)) throw new Error(`rate limit schema "${schema}" is not a plain lower-case identifier`);
  const timeoutMs = options.timeoutMs ?? 2000;
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 4, connectionTimeoutMillis: timeoutMs, statement_timeout: timeoutMs, query_timeout: timeoutMs });
  pool.on('error', () => undefined);
  const table = `"${schema}".ketenpoort_rate_buckets`;
  // Under a lock: two replicas starting at once would both pass IF NOT EXISTS and one would fail on
  // PostgreSQL's catalog (duplicate key in pg_type), which stopped a replica in the deploy test.
  const migrate = await pool.connect();
  try {
    await migrate.query('BEGIN');
    await migrate.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ketenpoort-rate-buckets-migrate:${schema}`]);
    await migrate.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await migrate.query(`CREATE TABLE IF NOT EXISTS ${table} (
      key bytea PRIMARY KEY,
      tokens double precision NOT NULL,
      at_ms double precision NOT NULL,
      allowed boolean NOT NULL
    )`);
    await migrate.query('COMMIT');
  } catch (error) {
    await migrate.query('ROLLBACK').catch(() => undefined);
    await pool.end().catch(() => undefined);
    throw error;
  } finally {
    migrate.release();
  }
  // $1 key, $2 burst, $3 per second; `excluded.at_ms` is the database's now. `available` is the refill
  // formula of token-bucket.ts's refill(): a new bucket starts full, so its first take leaves burst - 1.
  const available = `LEAST($2::float8, b.tokens + GREATEST(0, excluded.at_ms - b.at_ms) * $3::float8 / 1000)`;
  const take = `
    INSERT INTO ${table} AS b (key, tokens, at_ms, allowed)
      VALUES ($1, $2::float8 - 1, extract(epoch FROM clock_timestamp()) * 1000, true)
    ON CONFLICT (key) DO UPDATE SET
      tokens = CASE WHEN ${available} >= 1 THEN ${available} - 1 ELSE ${available} END,
      allowed = ${available} >= 1,
      at_ms = GREATEST(b.at_ms, excluded.at_ms)
    RETURNING tokens, allowed`;
  return {
    kind: 'postgres',
    async take(key: string, rate: BucketRate) {
      const hashed = createHash('sha256').update(key).digest();
      const { rows } = await pool.query<{ tokens: number; allowed: boolean }>(take, [hashed, rate.burst, rate.perSecond]);
      const row = rows[0];
      if (!row) throw new Error('rate limit statement returned no row');
      return row.allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: secondsUntilToken(row.tokens, rate) };
    },
    async close() {
      await pool.end();
    },
  };
}
