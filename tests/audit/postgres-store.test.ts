import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { createPostgresAuditStore, type PostgresAuditStoreOptions } from '#src/audit/postgres/store.ts';
import type { AuditStore } from '#src/audit/store.ts';
import { describeAuditStoreContract, UPDATES, type AuditStoreHarness, type HarnessOptions } from './audit-store-contract.ts';
import { entry } from './entry-builder.ts';
import { DATABASE_URL, describePostgres, dropSchema, uniqueSchema } from './postgres-env.ts';

/** Any chain hash: lowercase hex SHA-256. */
const HEAD_HASH = expect.stringMatching(/^[0-9a-f]{64}$/);

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function attempt(sql: string): Promise<unknown> {
  return admin(async (client) => {
    try {
      await client.query(sql);
      return null;
    } catch (error) {
      return error;
    }
  });
}

const GUARDED = ['audit_request', 'audit_record', 'audit_index'];

/** `?` placeholders as `$n`, so the contract's SQL runs here unchanged. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replaceAll('?', () => `$${++n}`);
}

/** Runs SQL in one transaction with the append-only triggers disabled, as an intruder with DDL rights could. */
function withoutGuards(schema: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  return admin(async (client) => {
    await client.query('BEGIN');
    await client.query(`SET LOCAL search_path TO "${schema}"`);
    for (const table of GUARDED) await client.query(`ALTER TABLE "${schema}".${table} DISABLE TRIGGER ${table}_append_only`);
    await work(client);
    for (const table of GUARDED) await client.query(`ALTER TABLE "${schema}".${table} ENABLE TRIGGER ${table}_append_only`);
    await client.query('COMMIT');
  });
}

type PostgresHarness = AuditStoreHarness & { readonly schema: string };

async function createHarness(options: HarnessOptions = {}, extra: Partial<PostgresAuditStoreOptions> = {}): Promise<PostgresHarness> {
  const schema = uniqueSchema('audit_test');
  const open = () => createPostgresAuditStore({ connectionString: DATABASE_URL, schema, lockTimeoutMs: 200, timeoutMs: 30_000, ...options, ...extra });
  const store = await open();
  const opened: AuditStore[] = [store];
  const s = `"${schema}"`;
  return {
    store,
    schema,
    timeColumn: 'time',
    raw: (sql, params = []) => withoutGuards(schema, async (client) => {
      await client.query(numbered(sql), [...params]);
    }),
    select: (sql, params = []) => admin(async (client) => {
      await client.query(`SET search_path TO "${schema}"`);
      return (await client.query<Record<string, unknown>>(numbered(sql), [...params])).rows;
    }),
    tryUpdate: (table, seq) => attempt(`${UPDATES[table as keyof typeof UPDATES].replace(`UPDATE ${table}`, `UPDATE ${s}.${table}`)}${seq}`),
    tryDelete: (table, seq) => attempt(`DELETE FROM ${s}.${table} WHERE ${table === 'audit_index' ? 'request_seq' : 'seq'} = ${seq}`),
    dump: () => admin(async (client) => {
      const tables = await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
      const parts: string[] = [];
      for (const { table_name: table } of tables.rows) {
        const { rows } = await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${s}."${table}" t`);
        parts.push(...rows.map((row) => row.row));
      }
      return parts.join('\n');
    }),
    lockDatabase: async () => {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query('BEGIN');
      await client.query(`SELECT seq FROM ${s}.audit_chain_head WHERE id = 1 FOR UPDATE`);
      return async () => {
        await client.query('ROLLBACK');
        await client.end();
      };
    },
    reopen: async () => {
      const again = await open();
      opened.push(again);
      return again;
    },
    cleanup: async () => {
      for (const each of opened) await each.close();
      await dropSchema(schema);
    },
  };
}

describePostgres('postgres audit store', () => {
  describeAuditStoreContract('postgres', createHarness);

  let harness: PostgresHarness | undefined;
  afterEach(async () => {
    await harness?.cleanup();
    harness = undefined;
  });

  it('refuses TRUNCATE of entries, changes to checkpoints, and removing the chain head', async () => {
    harness = await createHarness();
    await harness.store.append([entry(1), entry(2)]);
    expect(await harness.store.prune({ '*': 0 }, new Date('2030-01-01T00:00:00Z'))).toEqual({ removed: 2, checkpointSeq: 2, noticesRemoved: 0 });
    const s = `"${harness.schema}"`;
    for (const sql of [
      `TRUNCATE ${s}.audit_record`,
      `TRUNCATE ${s}.audit_request`,
      `TRUNCATE ${s}.audit_index`,
      `UPDATE ${s}.audit_checkpoint SET seq = 1`,
      `DELETE FROM ${s}.audit_checkpoint`,
      `DELETE FROM ${s}.audit_chain_head`,
    ]) {
      expect(await attempt(sql), sql).toMatchObject({ code: '42501' });
    }
    expect(await harness.store.verify()).toEqual({ ok: true, checked: 0, entriesChecked: 0, headSeq: 2, headHash: HEAD_HASH, checkpointSeq: 2 });
  });

  it('migrates idempotently: stores opened together on one schema share the chain and one version row', async () => {
    const schema = uniqueSchema('audit_migrate');
    const stores = await Promise.all([1, 2, 3].map(() => createPostgresAuditStore({ connectionString: DATABASE_URL, schema })));
    try {
      await Promise.all(stores.map((store, index) => store.append([entry(index + 1)])));
      const versions = await admin((client) => client.query(`SELECT version FROM "${schema}".audit_schema_version`));
      expect(versions.rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }, { version: 5 }, { version: 6 }, { version: 7 }, { version: 8 }]);
      expect(await stores[0]?.verify()).toMatchObject({ ok: true, checked: 3 });
    } finally {
      for (const store of stores) await store.close();
      await dropSchema(schema);
    }
  });

  it('fails closed when its connections are killed mid-transaction, and recovers with the chain intact', async () => {
    const applicationName = `ketenpoort-audit-kill-${process.pid}`;
    harness = await createHarness({}, { lockTimeoutMs: 10_000, applicationName });
    const { store } = harness;
    await store.append([entry(1), entry(2)]);
    const release = await harness.lockDatabase();
    // These appends now wait on the chain head lock, inside their transaction.
    const settled = Promise.allSettled([3, 4].map((n) => store.append([entry(n)])));
    await waitFor(async () => (await admin((client) => client.query(
      "SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'", [applicationName]))).rowCount === 1);
    await admin((client) => client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]));
    const results = await settled;
    await release();
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(results[0]).toMatchObject({ reason: { code: 'AUDIT_WRITE_FAILED' } });
    await store.append([entry(5)]);
    const stored = await store.query({}, { first: 10 });
    expect(stored.entries.map((item) => item.operationId)).toEqual(['op-1', 'op-2', 'op-5']);
    expect(await store.verify()).toEqual({ ok: true, checked: 3, entriesChecked: 3, headSeq: 3, headHash: HEAD_HASH, checkpointSeq: null });
    await store.ping();
  });

  it('rejects at start-up when the database cannot be reached', async () => {
    await expect(createPostgresAuditStore({ connectionString: 'postgres://postgres@127.0.0.1:1/none', schema: 'unused' }))
      .rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not reached in time');
}
