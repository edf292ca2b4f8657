/**
 * Opens the configured audit store: PostgreSQL when a connection string is given, else the SQLite
 * file in the data folder. The caller passes configuration in (the scripts read it from the
 * environment; the gateway from its config), so this module reads no environment itself.
 */
import { join } from 'node:path';
import { createPostgresAuditStore } from './postgres/store.ts';
import { createSqliteAuditStore } from './sqlite/store.ts';
import type { AuditStore } from './store.ts';

export interface AuditStoreLocation {
  /** PostgreSQL connection string; when set, PostgreSQL is used. Default: none (SQLite). */
  databaseUrl?: string | undefined;
  /** PostgreSQL schema. Default `ketenpoort_audit`. */
  schema?: string | undefined;
  /** Folder of the SQLite file `audit.sqlite`. Default `./data`. */
  dataDir?: string | undefined;
  /** PostgreSQL: how long a request's audit work may take in all, in milliseconds. Default 2000. */
  timeoutMs?: number | undefined;
}

/** Where the trail is, for messages: never the connection string itself (it may hold a password). */
export function describeAuditLocation(location: AuditStoreLocation): string {
  if (location.databaseUrl) {
    try {
      const url = new URL(location.databaseUrl);
      return `postgres ${url.host}${url.pathname} schema ${location.schema ?? 'ketenpoort_audit'}`;
    } catch {
      return `postgres schema ${location.schema ?? 'ketenpoort_audit'}`;
    }
  }
  return `sqlite ${sqlitePath(location)}`;
}

export function sqlitePath(location: AuditStoreLocation): string {
  return join(location.dataDir ?? 'data', 'audit.sqlite');
}

export async function openAuditStore(location: AuditStoreLocation): Promise<AuditStore> {
  if (location.databaseUrl) {
    return createPostgresAuditStore({
      connectionString: location.databaseUrl,
      ...(location.schema ? { schema: location.schema } : {}),
      ...(location.timeoutMs ? { timeoutMs: location.timeoutMs } : {}),
    });
  }
  // The SQLite store opens its database on its own thread; a file that cannot be opened fails here,
  // at start, as it would for PostgreSQL, rather than at the first request.
  const store = createSqliteAuditStore({ path: sqlitePath(location) });
  try {
    await store.ping();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
