/**
 * What the audit trail's SQLite file holds, and request-shaped copies of real entries: the pure-ish
 * helpers of measure-trail.ts. Sizes are page_count x page_size (the pages the trail occupies), read on
 * a connection of its own.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { AuditEntryInput } from '#src/audit/entry.ts';

export interface FilePages {
  readonly bytes: number;
  readonly pageSize: number;
  /** dbstat: bytes of pages per table and index (null when this SQLite lacks dbstat). */
  readonly perObject: Readonly<Record<string, number>> | null;
}

/**
 * Pages of the database after a WAL checkpoint (TRUNCATE), so every committed page is in the file:
 * `checkpoint: false` reads the size the newest snapshot has instead (the WAL's pages included), for a
 * trail still being written by another connection.
 */
export function filePages(path: string, options: { checkpoint: boolean } = { checkpoint: true }): FilePages {
  const db = new DatabaseSync(path, { readOnly: !options.checkpoint });
  try {
    if (options.checkpoint) db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const pageCount = (db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
    const pageSize = (db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size;
    let perObject: Record<string, number> | null = null;
    if (options.checkpoint) {
      try {
        const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[];
        perObject = Object.fromEntries(rows.map((row) => [row.name, Number(row.bytes)]));
      } catch {
        perObject = null;
      }
    }
    return { bytes: pageCount * pageSize, pageSize, perObject };
  } finally {
    db.close();
  }
}

/**
 * A SQLite trail's pages with its search index file (src/audit/sqlite/trail-index.ts), which is part
 * of what the trail costs: the index file's objects are named `index:<name>`.
 */
export function trailPages(path: string): FilePages {
  const trail = filePages(path);
  if (!existsSync(`${path}.index`)) return trail;
  const index = filePages(`${path}.index`);
  const perObject = trail.perObject && index.perObject
    ? { ...trail.perObject, ...Object.fromEntries(Object.entries(index.perObject).map(([name, bytes]) => [`index:${name}`, bytes])) }
    : null;
  return { bytes: trail.bytes + index.bytes, pageSize: trail.pageSize, perObject };
}

/** Entries that released at least one field: the records a request disclosed. */
export const disclosed = (entries: readonly AuditEntryInput[]): number => entries.filter((entry) => entry.fieldsReleased.length > 0).length;

/** A request's entries, in the order they were appended (one operation id each). */
export function byRequest(entries: readonly AuditEntryInput[]): AuditEntryInput[][] {
  const requests = new Map<string, AuditEntryInput[]>();
  for (const entry of entries) {
    const list = requests.get(entry.operationId) ?? [];
    list.push(entry);
    requests.set(entry.operationId, list);
  }
  return [...requests.values()];
}

/**
 * `count` real entries as one new request: taken from `requests` in turn starting at `start`, every
 * request-level field set to the first's, with a fresh operation and trace id (the store makes one chained
 * unit of consecutive entries sharing them, so copies must not share them with the originals).
 */
export function requestOf(requests: readonly (readonly AuditEntryInput[])[], count: number, start = 0): AuditEntryInput[] {
  const pool: AuditEntryInput[] = [];
  for (let index = start; pool.length < count; index++) {
    const request = requests[index % requests.length];
    if (!request || request.length === 0) throw new Error('no entries to make a request of');
    pool.push(...request);
  }
  const [first] = pool as [AuditEntryInput];
  const shared = {
    traceId: randomBytes(16).toString('hex'), spanId: first.spanId, parentSpanId: first.parentSpanId, operationId: randomUUID(),
    operationName: first.operationName, time: first.time, endTime: first.endTime, viewer: first.viewer, purpose: first.purpose,
    processingActivity: first.processingActivity,
  };
  return pool.slice(0, count).map((entry) => ({ ...entry, ...shared }));
}
