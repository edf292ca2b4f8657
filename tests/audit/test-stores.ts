/**
 * An audit store for a suite that runs the same cases on both stores: SQLite in a temp folder, or
 * PostgreSQL in a schema of its own; `cleanup` closes it and removes the folder or the schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresAuditStore } from '#src/audit/postgres/store.ts';
import { createSqliteAuditStore } from '#src/audit/sqlite/store.ts';
import type { AuditStore } from '#src/audit/store.ts';
import { DATABASE_URL, dropSchema, uniqueSchema } from './postgres-env.ts';

export interface OpenedStore {
  readonly store: AuditStore;
  cleanup(): Promise<void>;
}

/** A SQLite trail in a new temp folder named after `prefix`. */
export async function openSqliteTestStore(prefix: string): Promise<OpenedStore> {
  const dir = mkdtempSync(join(tmpdir(), `ketenpoort-${prefix}-`));
  const store = createSqliteAuditStore({ path: join(dir, 'audit.sqlite') });
  return { store, cleanup: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** A PostgreSQL trail in a new schema named after `prefix` (call inside describePostgres). */
export async function openPostgresTestStore(prefix: string): Promise<OpenedStore> {
  const schema = uniqueSchema(prefix);
  const store = await createPostgresAuditStore({ connectionString: DATABASE_URL, schema });
  return { store, cleanup: async () => { await store.close(); await dropSchema(schema); } };
}
