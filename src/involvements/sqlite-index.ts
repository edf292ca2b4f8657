/**
 * The involvement index in SQLite (the embedded default), in a file of its own beside the audit
 * trail: derived data that a full reconciliation rebuilds, so it is kept apart from what must never be
 * lost. Synchronous and on the event loop: lookups are one indexed query, and a replace is one
 * transaction (node:sqlite has no asynchronous API; a national index would move it to a thread as the
 * audit store does).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { IndexRow, InvolvementIndexStore, SyncState } from './index-store.ts';
import { groupHouseholds } from './listing.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS involvement (
    person TEXT NOT NULL,
    organisation TEXT NOT NULL,
    household TEXT NOT NULL,
    municipality TEXT,
    listed INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (person, organisation, household)
  ) WITHOUT ROWID, STRICT;
  CREATE INDEX IF NOT EXISTS involvement_household ON involvement (organisation, household);
  CREATE INDEX IF NOT EXISTS involvement_municipality ON involvement (municipality, organisation, household);
  CREATE TABLE IF NOT EXISTS involvement_sync (
    organisation TEXT PRIMARY KEY,
    synced_ms INTEGER,
    attempted_ms INTEGER,
    last_error TEXT,
    row_count INTEGER NOT NULL DEFAULT 0,
    cursor TEXT
  ) STRICT;`;

/** Rows per INSERT statement (SQLite's default limit is 32,766 bound parameters). */
const ROWS_PER_INSERT = 500;

export function openSqliteInvolvementIndex(path: string): InvolvementIndexStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL');
  // Derived data: a crash may lose the last replace, which the next reconciliation repeats.
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec(SCHEMA);
  // An index file from before the listed column: it is derived data, the column is added (every row listed until the next reconciliation).
  const columns = db.prepare('PRAGMA table_info(involvement)').all() as { name: string }[];
  if (!columns.some((column) => column.name === 'listed')) db.exec('ALTER TABLE involvement ADD COLUMN listed INTEGER NOT NULL DEFAULT 1');

  const deleteRows = db.prepare('DELETE FROM involvement WHERE organisation = ?');
  const inserts = new Map<number, ReturnType<DatabaseSync['prepare']>>();
  const insertFor = (count: number) => {
    let statement = inserts.get(count);
    if (!statement) {
      // A listing may name one household twice (pages that moved under it): the same row is kept once.
      // ON CONFLICT, not OR IGNORE: OR IGNORE would also drop a row that breaks NOT NULL, silently.
      statement = db.prepare(`INSERT INTO involvement (person, organisation, household, municipality, listed) VALUES ${Array.from({ length: count }, () => '(?, ?, ?, ?, ?)').join(', ')}
        ON CONFLICT DO NOTHING`);
      inserts.set(count, statement);
    }
    return statement;
  };
  const upsertSynced = db.prepare(`INSERT INTO involvement_sync (organisation, synced_ms, attempted_ms, last_error, row_count, cursor) VALUES (?, ?, ?, NULL, ?, ?)
    ON CONFLICT (organisation) DO UPDATE SET synced_ms = excluded.synced_ms, attempted_ms = excluded.attempted_ms, last_error = NULL,
      row_count = excluded.row_count, cursor = excluded.cursor`);
  const deleteHousehold = db.prepare('DELETE FROM involvement WHERE organisation = ? AND household = ?');
  const insertRows = (organisation: string, rows: readonly IndexRow[]) => {
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const chunk = rows.slice(start, start + ROWS_PER_INSERT);
      insertFor(chunk.length).run(...chunk.flatMap((row: IndexRow) => [row.person, organisation, row.household, row.municipality, row.listed === false ? 0 : 1]));
    }
  };
  const inTransaction = (work: () => void) => {
    db.exec('BEGIN IMMEDIATE');
    try {
      work();
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  };
  const upsertFailed = db.prepare(`INSERT INTO involvement_sync (organisation, synced_ms, attempted_ms, last_error) VALUES (?, NULL, ?, ?)
    ON CONFLICT (organisation) DO UPDATE SET attempted_ms = excluded.attempted_ms, last_error = excluded.last_error`);
  const countRows = db.prepare('SELECT count(*) AS n FROM involvement WHERE organisation = ?');
  /** The organisation's state after a completed sync: its row count now and the feed position with it. */
  const markSynced = (organisation: string, at: Date, cursor: string | null) => {
    const { n } = countRows.get(organisation) as { n: number };
    upsertSynced.run(organisation, at.getTime(), at.getTime(), n, cursor);
  };
  // Prepared once: a lookup by BSN asks for holders on every request.
  const selectHolders = db.prepare('SELECT DISTINCT organisation FROM involvement WHERE person IN (SELECT value FROM json_each(?))');
  const selectHouseholdsIn = db.prepare(`SELECT organisation, household, person FROM involvement WHERE municipality IN (SELECT value FROM json_each(?)) AND listed = 1
    ORDER BY organisation, household`);
  const selectStates = db.prepare('SELECT organisation, synced_ms, attempted_ms, last_error, row_count, cursor FROM involvement_sync ORDER BY organisation');

  return {
    kind: 'sqlite',
    async replace(organisation, rows, at, cursor) {
      inTransaction(() => {
        deleteRows.run(organisation);
        insertRows(organisation, rows);
        markSynced(organisation, at, cursor);
      });
    },
    async apply(organisation, changes, at, cursor) {
      inTransaction(() => {
        for (const change of changes) {
          deleteHousehold.run(organisation, change.household);
          insertRows(organisation, change.rows);
        }
        markSynced(organisation, at, cursor);
      });
    },
    async failed(organisation, at, code) {
      upsertFailed.run(organisation, at.getTime(), code);
    },
    async holders(persons) {
      const found = new Set<string>();
      if (persons.length === 0) return found;
      const rows = selectHolders.all(JSON.stringify(persons)) as { organisation: string }[];
      for (const row of rows) found.add(row.organisation);
      return found;
    },
    async householdsIn(municipalities) {
      const rows = selectHouseholdsIn.all(JSON.stringify(municipalities)) as { organisation: string; household: string; person: string }[];
      return groupHouseholds(rows);
    },
    async states() {
      return (selectStates.all() as { organisation: string; synced_ms: number | null; attempted_ms: number | null; last_error: string | null; row_count: number; cursor: string | null }[])
        .map((row): SyncState => ({
          organisation: row.organisation,
          syncedAt: row.synced_ms === null ? null : new Date(row.synced_ms),
          attemptedAt: row.attempted_ms === null ? null : new Date(row.attempted_ms),
          lastError: row.last_error,
          rows: row.row_count,
          cursor: row.cursor,
        }));
    },
    async close() {
      if (db.isOpen) db.close();
    },
  };
}
