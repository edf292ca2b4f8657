/**
 * The SQLite trail's search index, written behind the commit (src/audit/sqlite/trail-index.ts): a
 * search finds what is committed whether or not the index has caught up, the indexer thread catches up
 * by itself, an index of another trail is rebuilt, and verify judges only what the index claims.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntryInput } from '#src/audit/entry.ts';
import { createSqliteAuditStore } from '#src/audit/sqlite/store.ts';
import type { AuditFilter, AuditStore } from '#src/audit/store.ts';
import { decision, entry } from './entry-builder.ts';

const member = (n: number) => `ps_${String(n).padStart(43, 'm')}`;

/** Ten requests: subjects, entities, agreements and decisions to search by, some shared between requests. */
function requests(): AuditEntryInput[][] {
  return Array.from({ length: 10 }, (_, i) => {
    // One request: the request-level fields of its first entry, shared.
    const { traceId, spanId, time, endTime } = entry(i * 2 + 1);
    const request = { traceId, spanId, time, endTime, operationId: `op-${i}` };
    return [
    entry(i * 2 + 1, { ...request, subject: member(i % 3), subjectType: 'person', relatedSubjects: [member(7)], entityId: `pe_${String(i % 4).padStart(22, '0')}` }),
    entry(i * 2 + 2, {
      ...request, subject: member(i), subjectType: 'person', entityId: `pe_${String(i).padStart(22, '1')}`,
      decisions: [decision({ id: `dc_req${i}_a`, agreementKey: i % 2 === 0 ? 'groningen-ashg-amk@2' : 'politie-terugkoppeling@1' })],
    }),
    ];
  });
}

const FILTERS: readonly AuditFilter[] = [
  { subject: member(0) }, { subject: member(7) }, { subject: member(5) },
  { entityId: `pe_${'0'.repeat(22)}` }, { entityId: `pe_${String(3).padStart(22, '1')}` },
  { agreementKey: 'politie-terugkoppeling@1' }, { agreementKey: 'groningen-ashg-amk@2', subject: member(4) },
];

async function answers(store: AuditStore): Promise<number[][]> {
  const found: number[][] = [];
  for (const filter of FILTERS) found.push((await store.query(filter, { first: 100 })).entries.map((item) => item.seq));
  return found;
}

function indexState(path: string): { indexed_seq: number; rows: number } {
  const db = new DatabaseSync(`${path}.index`);
  try {
    const state = db.prepare('SELECT indexed_seq FROM trail_index_state WHERE id = 1').get() as { indexed_seq: number };
    const rows = db.prepare('SELECT count(*) AS n FROM trail_index').get() as { n: number };
    return { indexed_seq: Number(state.indexed_seq), rows: Number(rows.n) };
  } finally {
    db.close();
  }
}

describe('the SQLite search index, behind the commit', () => {
  const dirs: string[] = [];
  const tempPath = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-trail-index-'));
    dirs.push(dir);
    return join(dir, 'audit.sqlite');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('finds every committed entry with no index at all, the same as with it caught up', async () => {
    const path = tempPath();
    const writer = createSqliteAuditStore({ path });
    for (const request of requests()) await writer.append(request);
    await writer.close();
    // The index file gone (or never written): the search reads every request directly.
    for (const suffix of ['.index', '.index-wal', '.index-shm']) rmSync(`${path}${suffix}`, { force: true });
    const store = createSqliteAuditStore({ path });
    try {
      const unindexed = await answers(store);
      expect(indexState(path).indexed_seq).toBe(0);
      expect(unindexed.map((seqs) => seqs.length)).toEqual([5, 11, 1, 3, 1, 5, 1]);
      expect(await store.findDecision('dc_req3_a')).toMatchObject({ decision: { id: 'dc_req3_a' } });
      expect(await store.catchUpIndex?.()).toBe(10);
      expect(indexState(path).indexed_seq).toBe(10);
      expect(await answers(store)).toEqual(unindexed);
      expect(await store.findDecision('dc_req3_a')).toMatchObject({ decision: { id: 'dc_req3_a' } });
      expect(await store.verify()).toMatchObject({ ok: true, checked: 10 });
    } finally {
      await store.close();
    }
  });

  it('is caught up by its own thread after commits, and the commit never waited for it', async () => {
    const path = tempPath();
    const store = createSqliteAuditStore({ path });
    try {
      for (const request of requests()) await store.append(request);
      const deadline = Date.now() + 10_000;
      while (indexState(path).indexed_seq < 10 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(indexState(path).indexed_seq).toBe(10);
      expect(store.stats().indexFailures).toBe(0);
      expect(await store.verify()).toMatchObject({ ok: true, checked: 10 });
    } finally {
      await store.close();
    }
  });

  it("rebuilds an index that belongs to another trail, and verify says nothing of the stranger's rows", async () => {
    const other = tempPath();
    const first = createSqliteAuditStore({ path: other });
    for (const request of requests().slice(0, 4).map((each) => each.map((item) => ({ ...item, operationId: `other-${item.operationId}` })))) await first.append(request);
    await first.catchUpIndex?.();
    await first.close();
    const path = tempPath();
    const writer = createSqliteAuditStore({ path });
    for (const request of requests()) await writer.append(request);
    await writer.close();
    for (const suffix of ['.index', '.index-wal', '.index-shm']) rmSync(`${path}${suffix}`, { force: true });
    // The other trail's index put beside this one (its watermark names another request's hash).
    const otherIndex = new DatabaseSync(`${other}.index`);
    otherIndex.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    otherIndex.close();
    copyFileSync(`${other}.index`, `${path}.index`);
    const store = createSqliteAuditStore({ path });
    try {
      expect(indexState(path).indexed_seq).toBe(4);
      await store.catchUpIndex?.();
      expect(indexState(path).indexed_seq).toBe(10);
      expect((await answers(store)).map((seqs) => seqs.length)).toEqual([5, 11, 1, 3, 1, 5, 1]);
      expect(await store.verify()).toMatchObject({ ok: true, checked: 10 });
      expect((await store.query({ subject: member(5) }, { first: 100 })).entries.map((item) => item.operationId)).toEqual(['op-5']);
    } finally {
      await store.close();
    }
  });

  it('names an index row deleted below the watermark, and one stored past it', async () => {
    // Tampered with the stores closed: no indexer thread is at work on the file meanwhile.
    const tampered = async (tamper: (db: DatabaseSync) => void) => {
      const path = tempPath();
      const writer = createSqliteAuditStore({ path });
      for (const request of requests()) await writer.append(request);
      await writer.catchUpIndex?.();
      await writer.close();
      const db = new DatabaseSync(`${path}.index`);
      tamper(db);
      db.close();
      const store = createSqliteAuditStore({ path });
      try {
        return await store.verify();
      } finally {
        await store.close();
      }
    };
    expect(await tampered(() => undefined)).toMatchObject({ ok: true, checked: 10 });
    expect(await tampered((db) => {
      db.exec('DROP TRIGGER trail_index_no_delete');
      db.prepare("DELETE FROM trail_index WHERE kind = 'entity' AND request_seq = 6").run();
    })).toMatchObject({ ok: false, firstBrokenSeq: 6 });
    // The watermark lowered to hide rows written for requests after it: they are past it, so named.
    expect(await tampered((db) => void db.prepare('UPDATE trail_index_state SET indexed_seq = 5').run())).toMatchObject({ ok: false });
  });
});
