/**
 * The involvement index in PostgreSQL (when the gateway has DATABASE_URL): one index for every replica.
 * Each organisation's replace and each applied page take a transaction-scoped advisory lock on the
 * organisation, so two replicas never interleave their writes of one organisation; a feed position is
 * only ever moved forward by the replica holding the walk (`lead`), so one replica follows the feeds
 * and the others read.
 */
import pg from 'pg';
import type { HouseholdRows, IndexRow, InvolvementIndexStore, SyncState } from './index-store.ts';
import { groupHouseholds } from './listing.ts';

export interface PostgresIndexOptions {
  readonly connectionString: string;
  /** Schema of the index tables. Default `ketenpoort_index`. */
  readonly schema?: string;
  /** Bound on connecting and on every statement, in ms. Default 5000. */
  readonly timeoutMs?: number;
}

/** Rows per INSERT (PostgreSQL takes at most 65,535 bound parameters). */
const ROWS_PER_INSERT = 1000;

export interface PostgresInvolvementIndex extends InvolvementIndexStore {
  /** Runs `walk` only when no other replica is walking (a session advisory lock held for its length). */
  lead(walk: () => Promise<void>): Promise<boolean>;
}

export async function openPostgresInvolvementIndex(options: PostgresIndexOptions): Promise<PostgresInvolvementIndex> {
  const schema = options.schema ?? 'ketenpoort_index';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`index schema must be a plain lowercase identifier, got "${schema}"`);
  const s = `"${schema}"`;
  const timeoutMs = options.timeoutMs ?? 5000;
  const pool = new pg.Pool({
    connectionString: options.connectionString, application_name: 'ketenpoort-involvement-index', max: 4,
    connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs * 6, statement_timeout: timeoutMs * 6,
  });
  // Without a listener an idle connection dropped by the server would crash the process.
  pool.on('error', () => undefined);
  const migrate = await pool.connect();
  try {
    // One migration at a time across replicas starting together.
    await migrate.query('SELECT pg_advisory_lock(hashtext($1))', [`ketenpoort-index-migrate:${schema}`]);
    await migrate.query(`CREATE SCHEMA IF NOT EXISTS ${s};
      CREATE TABLE IF NOT EXISTS ${s}.involvement (
        person text NOT NULL, organisation text NOT NULL, household text NOT NULL, municipality text,
        PRIMARY KEY (person, organisation, household));
      ALTER TABLE ${s}.involvement ADD COLUMN IF NOT EXISTS listed boolean NOT NULL DEFAULT true;
      CREATE INDEX IF NOT EXISTS involvement_household ON ${s}.involvement (organisation, household);
      CREATE INDEX IF NOT EXISTS involvement_municipality ON ${s}.involvement (municipality, organisation, household);
      CREATE TABLE IF NOT EXISTS ${s}.involvement_sync (
        organisation text PRIMARY KEY, synced_at timestamptz, attempted_at timestamptz, last_error text,
        row_count integer NOT NULL DEFAULT 0, cursor text);`);
  } finally {
    await migrate.query('SELECT pg_advisory_unlock(hashtext($1))', [`ketenpoort-index-migrate:${schema}`]).catch(() => undefined);
    migrate.release();
  }

  const inTransaction = async (organisation: string, work: (client: pg.PoolClient) => Promise<void>) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ketenpoort-index:${schema}:${organisation}`]);
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  const insertRows = async (client: pg.PoolClient, organisation: string, rows: readonly IndexRow[]) => {
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const chunk = rows.slice(start, start + ROWS_PER_INSERT);
      await client.query(
        `INSERT INTO ${s}.involvement (person, organisation, household, municipality, listed)
         SELECT person, $1, household, municipality, listed FROM unnest($2::text[], $3::text[], $4::text[], $5::boolean[]) AS row (person, household, municipality, listed)
         ON CONFLICT DO NOTHING`,
        [organisation, chunk.map((row) => row.person), chunk.map((row) => row.household), chunk.map((row) => row.municipality), chunk.map((row) => row.listed !== false)],
      );
    }
  };
  const synced = (client: pg.PoolClient, organisation: string, at: Date, cursor: string | null) => client.query(
    `INSERT INTO ${s}.involvement_sync (organisation, synced_at, attempted_at, last_error, row_count, cursor)
     VALUES ($1, $2, $2, NULL, (SELECT count(*) FROM ${s}.involvement WHERE organisation = $1), $3)
     ON CONFLICT (organisation) DO UPDATE SET synced_at = excluded.synced_at, attempted_at = excluded.attempted_at, last_error = NULL,
       row_count = excluded.row_count, cursor = excluded.cursor`,
    [organisation, at, cursor],
  );

  return {
    kind: 'postgres',
    async replace(organisation, rows, at, cursor) {
      await inTransaction(organisation, async (client) => {
        await client.query(`DELETE FROM ${s}.involvement WHERE organisation = $1`, [organisation]);
        await insertRows(client, organisation, rows);
        await synced(client, organisation, at, cursor);
      });
    },
    async apply(organisation, changes: readonly HouseholdRows[], at, cursor) {
      await inTransaction(organisation, async (client) => {
        if (changes.length > 0) {
          await client.query(`DELETE FROM ${s}.involvement WHERE organisation = $1 AND household = ANY($2::text[])`,
            [organisation, changes.map((change) => change.household)]);
        }
        await insertRows(client, organisation, changes.flatMap((change) => change.rows));
        await synced(client, organisation, at, cursor);
      });
    },
    async failed(organisation, at, code) {
      await pool.query(
        `INSERT INTO ${s}.involvement_sync (organisation, attempted_at, last_error) VALUES ($1, $2, $3)
         ON CONFLICT (organisation) DO UPDATE SET attempted_at = excluded.attempted_at, last_error = excluded.last_error`,
        [organisation, at, code],
      );
    },
    async holders(persons) {
      if (persons.length === 0) return new Set();
      const { rows } = await pool.query<{ organisation: string }>(`SELECT DISTINCT organisation FROM ${s}.involvement WHERE person = ANY($1::text[])`, [persons]);
      return new Set(rows.map((row) => row.organisation));
    },
    async householdsIn(municipalities) {
      const { rows } = await pool.query<{ organisation: string; household: string; person: string }>(
        `SELECT organisation, household, person FROM ${s}.involvement WHERE municipality = ANY($1::text[]) AND listed
         ORDER BY organisation COLLATE "C", household COLLATE "C"`, [municipalities],
      );
      return groupHouseholds(rows);
    },
    async states() {
      const { rows } = await pool.query<{ organisation: string; synced_at: Date | null; attempted_at: Date | null; last_error: string | null; row_count: number; cursor: string | null }>(
        `SELECT organisation, synced_at, attempted_at, last_error, row_count, cursor FROM ${s}.involvement_sync ORDER BY organisation COLLATE "C"`,
      );
      return rows.map((row): SyncState => ({
        organisation: row.organisation, syncedAt: row.synced_at, attemptedAt: row.attempted_at, lastError: row.last_error, rows: Number(row.row_count), cursor: row.cursor,
      }));
    },
    async lead(walk) {
      const client = await pool.connect();
      try {
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`ketenpoort-index-walk:${schema}`]);
        if (!rows[0]?.locked) return false;
        try {
          await walk();
          return true;
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`ketenpoort-index-walk:${schema}`]).catch(() => undefined);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
