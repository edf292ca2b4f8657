/**
 * Internal: the SQLite trail's search index, kept apart from the commit.
 *
 * The index rows (subject, decision, agreement and entity -> request) are keyed on pseudonyms: every
 * insert lands on a random page of a large B-tree. Written in the commit they were about half its
 * cost and grew with the trail (measured: 280-entry commits of 10.7 ms with them, 5.3 ms without).
 * They are derived data: everything in them follows from the chained requests. So the commit writes
 * only the chain, and the index follows behind it: rows for every request up to a watermark
 * (`indexed_seq`), written in batches by the indexer thread (indexer.ts) into a file of its own, so its
 * write lock never holds a commit up. Nothing is lost by the delay: a search reads the index up to the
 * watermark and every request after it (the tail) directly, so it finds what is committed whether or
 * not the index has caught up. verify derives the rows of every request up to the watermark again and
 * names any row missing, added or beyond it.
 *
 * With an in-memory trail (tests) the tables live in the trail's own database and follow each commit
 * at once.
 */
import { DatabaseSync } from 'node:sqlite';
import { indexRows, type IndexRow, type StoredUnit } from '../unit.ts';
import { ENTITY_INDEX_PREFIX, SQLITE_CODEC } from './rows.ts';

/** The index file beside a trail file (`:memory:` trails keep their index in their own database). */
export function trailIndexPath(path: string): string | null {
  return path === ':memory:' ? null : `${path}.index`;
}

/**
 * Creates the index tables in `schema` (the index file's `main`, or the in-memory trail's). The
 * triggers make rows append-only for any connection; only a catch-up's cleanup of pruned requests
 * opens the gate, inside its own transaction.
 */
export function ensureTrailIndexSchema(db: DatabaseSync, schema: string): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${schema}.trail_index (kind TEXT NOT NULL, value TEXT NOT NULL, request_seq INTEGER NOT NULL,
      PRIMARY KEY (kind, value, request_seq)) WITHOUT ROWID, STRICT;
    CREATE TABLE IF NOT EXISTS ${schema}.trail_index_state (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_seq INTEGER NOT NULL, indexed_hash TEXT) STRICT;
    INSERT OR IGNORE INTO ${schema}.trail_index_state (id, indexed_seq, indexed_hash) VALUES (1, 0, NULL);
    CREATE TABLE IF NOT EXISTS ${schema}.trail_index_gate (open INTEGER NOT NULL) STRICT;
    CREATE TRIGGER IF NOT EXISTS ${schema}.trail_index_no_update BEFORE UPDATE ON trail_index
      BEGIN SELECT RAISE(ABORT, 'audit index rows are append-only'); END;
    CREATE TRIGGER IF NOT EXISTS ${schema}.trail_index_no_delete BEFORE DELETE ON trail_index
      WHEN NOT EXISTS (SELECT 1 FROM trail_index_gate)
      BEGIN SELECT RAISE(ABORT, 'audit index rows are removed only with their requests'); END;`);
}

/**
 * The index file: WAL with synchronous=NORMAL, no fsync per commit. It is derived data: a commit lost
 * to a crash is indexed again from the chain, and nothing a search or verify says depends on it being
 * current (trail-index.ts).
 */
export function openTrailIndexDb(indexPath: string, busyTimeoutMs: number): DatabaseSync {
  const db = new DatabaseSync(indexPath, { timeout: busyTimeoutMs });
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  ensureTrailIndexSchema(db, 'main');
  return db;
}

/** Every index row a request implies: the shared ones (unit.ts) and, in SQLite, its entities by pseudonym prefix. */
export function trailIndexRows(unit: Pick<StoredUnit, 'header' | 'dictionary' | 'records'>): IndexRow[] {
  return rowsOf(unit, unit.records.flatMap((record) => (record.entityId === null ? [] : [record.entityId.slice(0, ENTITY_INDEX_PREFIX)])));
}

/** The rows of a request from its dictionary and its entities' prefixes: one derivation for the catch-up and verify. */
function rowsOf(unit: Pick<StoredUnit, 'header' | 'dictionary'>, entityPrefixes: Iterable<string>): IndexRow[] {
  return [...indexRows(unit), ...[...new Set(entityPrefixes)].map((value): IndexRow => ({ kind: 'entity', value, unitSeq: unit.header.seq }))];
}

export interface TrailIndexState {
  readonly indexedSeq: number;
  readonly indexedHash: string | null;
}

export function readTrailIndexState(db: DatabaseSync, schema: string): TrailIndexState {
  const row = db.prepare(`SELECT indexed_seq, indexed_hash FROM ${schema}.trail_index_state WHERE id = 1`).get() as { indexed_seq: number; indexed_hash: string | null } | undefined;
  return { indexedSeq: Number(row?.indexed_seq ?? 0), indexedHash: row?.indexed_hash ?? null };
}

const ROWS_PER_STATEMENT = 128;

/**
 * Indexes up to `maxRequests` requests after the watermark, in one transaction of `index` (which must
 * not be the connection that commits to the trail, unless the index lives in the trail's own database:
 * a write transaction locks every attached database). Reads the requests from `trail`. An index that
 * does not belong to this trail (its watermark past the head, or naming another request hash at its
 * watermark: a trail file replaced beside an old index) is emptied and rebuilt. Rows of requests a
 * prune removed are dropped. Returns the number of requests indexed.
 */
export function catchUpTrailIndex(trail: DatabaseSync, index: DatabaseSync, schema: string, maxRequests: number): number {
  const separate = trail !== index;
  index.exec('BEGIN IMMEDIATE');
  // One snapshot of the trail for the whole catch-up (a prune may run on the trail meanwhile).
  if (separate) trail.exec('BEGIN');
  try {
    let state = readTrailIndexState(index, schema);
    const head = Number((trail.prepare('SELECT seq FROM audit_chain_head WHERE id = 1').get() as { seq: number }).seq);
    const checkpoint = trail.prepare('SELECT seq, hash FROM audit_checkpoint ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    const prunedUpTo = Number(checkpoint?.seq ?? 0);
    /** The hash of request `seq` as the trail holds it: its row, or the checkpoint that replaced it. */
    const hashAt = (seq: number): string | null => {
      if (seq === 0) return null;
      if (seq === prunedUpTo) return checkpoint?.hash ?? null;
      return (trail.prepare('SELECT hash FROM audit_request WHERE seq = ?').get(seq) as { hash: string } | undefined)?.hash ?? null;
    };
    const gate = (work: () => void) => {
      index.prepare(`INSERT INTO ${schema}.trail_index_gate (open) VALUES (1)`).run();
      work();
      index.prepare(`DELETE FROM ${schema}.trail_index_gate`).run();
    };
    const foreign = state.indexedSeq > head || (state.indexedSeq > prunedUpTo && hashAt(state.indexedSeq) !== state.indexedHash);
    if (foreign) {
      gate(() => index.prepare(`DELETE FROM ${schema}.trail_index`).run());
      state = { indexedSeq: 0, indexedHash: null };
    }
    // Rows of pruned requests point at nothing; they go as soon as the prune is seen.
    if (prunedUpTo > 0 && index.prepare(`SELECT 1 FROM ${schema}.trail_index WHERE request_seq <= ? LIMIT 1`).get(prunedUpTo)) {
      gate(() => index.prepare(`DELETE FROM ${schema}.trail_index WHERE request_seq <= ?`).run(prunedUpTo));
    }
    const from = Math.max(state.indexedSeq, prunedUpTo);
    // Only what the rows come from: each request's dictionary and its entities' prefixes, no entry decoded.
    const requests = trail.prepare(`SELECT seq, hash, first_entry_seq, entry_count, dictionary FROM audit_request WHERE seq > ? ORDER BY seq LIMIT ${Math.trunc(maxRequests)}`)
      .all(from) as { seq: number; hash: string; first_entry_seq: number; entry_count: number; dictionary: string }[];
    const selectEntities = trail.prepare(`SELECT DISTINCT substr(entity_id, 1, ${ENTITY_INDEX_PREFIX}) AS prefix FROM audit_record
      WHERE seq BETWEEN ? AND ? AND entity_id IS NOT NULL`);
    const rows: unknown[][] = [];
    for (const row of requests) {
      const first = Number(row.first_entry_seq);
      const entities = selectEntities.all(first, first + Number(row.entry_count) - 1) as { prefix: string }[];
      let derived: IndexRow[];
      try {
        const dictionary = SQLITE_CODEC.readJson(row.dictionary) as StoredUnit['dictionary'];
        derived = rowsOf({ header: { seq: Number(row.seq) } as StoredUnit['header'], dictionary }, entities.map((entity) => entity.prefix));
      } catch {
        // A request whose dictionary cannot be read was altered: verify names it; the index goes on past it.
        derived = [];
      }
      for (const indexRow of derived) rows.push([indexRow.kind, indexRow.value, indexRow.unitSeq]);
    }
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
      index.prepare(`INSERT OR IGNORE INTO ${schema}.trail_index (kind, value, request_seq) VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}`)
        .run(...(chunk.flat() as (string | number)[]));
    }
    const upTo = Number(requests.at(-1)?.seq ?? from);
    if (upTo !== state.indexedSeq || foreign) {
      index.prepare(`UPDATE ${schema}.trail_index_state SET indexed_seq = ?, indexed_hash = ? WHERE id = 1`).run(upTo, hashAt(upTo));
    }
    if (separate) trail.exec('COMMIT');
    index.exec('COMMIT');
    return requests.length;
  } catch (error) {
    if (separate && trail.isTransaction) trail.exec('ROLLBACK');
    if (index.isTransaction) index.exec('ROLLBACK');
    throw error;
  }
}
