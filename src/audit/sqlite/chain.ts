/**
 * Internal: the SQLite chain walks, synchronous on purpose: the store runs each inside one transaction,
 * and an await inside would let another append start a transaction within it. verify runs in a read
 * transaction (WAL gives it one snapshot of head and requests); prune in a write transaction.
 */
import type { DatabaseSync } from 'node:sqlite';
import { createPrunePlanner, noticeCutoffs } from '../prune-plan.ts';
import type { PruneResult, VerifyResult } from '../store.ts';
import { GENESIS, type ChainLink, type IndexKind, type IndexRow } from '../unit.ts';
import { rowToUnit, type RecordRow, type RequestRow } from '../unit-rows.ts';
import { createChainVerifier, type ReadUnit, type Strays } from '../verify-chain.ts';
import { SQLITE_CODEC } from './rows.ts';
import { readTrailIndexState, trailIndexRows } from './trail-index.ts';

interface Ends {
  readonly checkpoint: ChainLink | null;
  readonly head: ChainLink;
}

function readEnds(db: DatabaseSync): Ends {
  const checkpoint = db.prepare('SELECT seq, hash, entry_seq FROM audit_checkpoint ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string; entry_seq: number } | undefined;
  const head = db.prepare('SELECT seq, hash, entry_seq FROM audit_chain_head WHERE id = 1').get() as { seq: number; hash: string; entry_seq: number };
  return {
    checkpoint: checkpoint ? { seq: checkpoint.seq, hash: checkpoint.hash, entrySeq: checkpoint.entry_seq } : null,
    head: { seq: head.seq, hash: head.hash, entrySeq: head.entry_seq },
  };
}

/**
 * The requests after `start`, each with its entries and its index rows, in seq order. Entries are read
 * by the seq range the request's header claims plus whatever lies between it and the next request, so
 * an entry added or removed inside a request is seen; index rows (those of `indexSchema`, up to its
 * watermark; null: walked without them) by a merge over one ordered scan. A request after the
 * watermark has no rows yet: its index is null.
 */
function* walkUnits(db: DatabaseSync, start: ChainLink, indexSchema: string | null): Generator<{ seq: number; read: () => ReadUnit }> {
  const indexedSeq = indexSchema === null ? 0 : readTrailIndexState(db, indexSchema).indexedSeq;
  const requests = db.prepare('SELECT * FROM audit_request WHERE seq > ? ORDER BY seq').iterate(start.seq) as Iterable<RequestRow & Record<string, unknown>>;
  const records = db.prepare('SELECT * FROM audit_record WHERE seq > ? ORDER BY seq').iterate(start.entrySeq) as Iterator<RecordRow>;
  const index = (indexSchema === null ? [][Symbol.iterator]()
    : db.prepare(`SELECT kind, value, request_seq FROM ${indexSchema}.trail_index WHERE request_seq > ? AND request_seq <= ? ORDER BY request_seq, kind, value`)
      .iterate(start.seq, indexedSeq)) as Iterator<{ kind: string; value: string; request_seq: number }>;
  let pendingRecord = records.next();
  let pendingIndex = index.next();
  // A statement left mid-iteration keeps its read snapshot open on the connection: after a walk that
  // stopped early (prune stops at the first request it keeps) later reads would not see new writes.
  try {
    yield* units();
  } finally {
    records.return?.();
    index.return?.();
  }
  function* units(): Generator<{ seq: number; read: () => ReadUnit }> {
  for (const row of requests) {
    const seq = Number(row.seq);
    // Entries up to this request's last claimed seq (its own, and any stray before it).
    const lastSeq = Number(row.first_entry_seq) + Number(row.entry_count) - 1;
    const own: RecordRow[] = [];
    while (!pendingRecord.done && Number(pendingRecord.value.seq) <= lastSeq) {
      own.push(pendingRecord.value);
      pendingRecord = records.next();
    }
    const rows: IndexRow[] = [];
    while (!pendingIndex.done && pendingIndex.value.request_seq <= seq) {
      const { kind, value, request_seq: unitSeq } = pendingIndex.value;
      rows.push({ kind: kind as IndexKind, value, unitSeq });
      pendingIndex = index.next();
    }
    yield { seq, read: () => ({ unit: rowToUnit(row, own, SQLITE_CODEC), index: seq <= indexedSeq ? rows : null }) };
  }
  }
}

function strays(db: DatabaseSync, start: ChainLink, head: ChainLink, indexSchema: string | null): Strays {
  const entries = db.prepare('SELECT count(*) AS n FROM audit_record WHERE seq > ?').get(head.entrySeq) as { n: number };
  const before = db.prepare('SELECT count(*) AS n FROM audit_record WHERE seq <= ?').get(start.entrySeq) as { n: number };
  if (indexSchema === null) return { entriesAfterHead: entries.n + before.n, indexRowsOutside: 0 };
  // Rows past the watermark, or of requests before the start, were never derived from a request walked.
  const { indexedSeq } = readTrailIndexState(db, indexSchema);
  const index = db.prepare(`SELECT count(*) AS n FROM ${indexSchema}.trail_index WHERE request_seq > ? OR request_seq <= ?`).get(Math.min(indexedSeq, head.seq), start.seq) as { n: number };
  return { entriesAfterHead: entries.n + before.n, indexRowsOutside: index.n };
}

/**
 * Verifies the chain and the index rows in `indexSchema` (trail-index.ts) on one read transaction the
 * caller holds; the index's watermark is read before anything of the chain.
 */
export function verifySqliteChain(db: DatabaseSync, indexSchema: string): VerifyResult {
  readTrailIndexState(db, indexSchema);
  const { checkpoint, head } = readEnds(db);
  const start = checkpoint ?? GENESIS;
  const verifier = createChainVerifier(start, checkpoint ? 'checkpoint' : 'genesis', trailIndexRows);
  for (const { seq, read } of walkUnits(db, start, indexSchema)) if (verifier.checkUnit(read, seq)) break;
  return verifier.result(head, checkpoint?.seq ?? null, strays(db, start, head, indexSchema));
}

export function pruneSqliteChain(db: DatabaseSync, retentionDaysByOwner: Record<string, number>, now: Date): PruneResult {
  const noticesRemoved = pruneSqliteNotices(db, retentionDaysByOwner, now);
  return { ...pruneSqliteEntries(db, retentionDaysByOwner, now), noticesRemoved };
}

/** Notices past their recipient's retention (not chained: each goes at its own time). */
function pruneSqliteNotices(db: DatabaseSync, retentionDaysByOwner: Record<string, number>, now: Date): number {
  const { byRecipient, others } = noticeCutoffs(retentionDaysByOwner, now);
  let removed = 0;
  const named = db.prepare('DELETE FROM notice WHERE recipient = ? AND created_ms < ?');
  for (const [recipient, beforeMs] of byRecipient) removed += Number(named.run(recipient, beforeMs).changes);
  if (others !== null) {
    removed += Number(db.prepare('DELETE FROM notice WHERE created_ms < ? AND recipient NOT IN (SELECT value FROM json_each(?))')
      .run(others, JSON.stringify(byRecipient.map(([recipient]) => recipient))).changes);
  }
  return removed;
}

function pruneSqliteEntries(db: DatabaseSync, retentionDaysByOwner: Record<string, number>, now: Date): Omit<PruneResult, 'noticesRemoved'> {
  const { checkpoint, head } = readEnds(db);
  const start = checkpoint ?? GENESIS;
  const planner = createPrunePlanner(start, head, retentionDaysByOwner, now);
  let reachedEnd = true;
  for (const { seq, read } of walkUnits(db, start, null)) {
    if (!planner.offer(read, seq)) {
      reachedEnd = false;
      break;
    }
  }
  const plan = planner.finish(reachedEnd ? strays(db, start, head, null) : { entriesAfterHead: 0, indexRowsOutside: 0 });
  if (!plan.upTo) return { removed: 0, checkpointSeq: null };
  // The gate row lets the delete triggers through; it exists only inside this transaction.
  db.prepare('INSERT INTO audit_prune_gate (open) VALUES (1)').run();
  const { changes } = db.prepare('DELETE FROM audit_record WHERE seq <= ?').run(plan.upTo.entrySeq);
  db.prepare('DELETE FROM audit_request WHERE seq <= ?').run(plan.upTo.seq);
  db.prepare('DELETE FROM audit_prune_gate').run();
  if (Number(changes) !== plan.removed) throw new Error(`prune removed ${changes} entries, planned ${plan.removed}`);
  db.prepare('INSERT INTO audit_checkpoint (seq, hash, entry_seq, removed, pruned_at_ms) VALUES (?, ?, ?, ?, ?)')
    .run(plan.upTo.seq, plan.upTo.hash, plan.upTo.entrySeq, plan.removed, now.getTime());
  return { removed: plan.removed, checkpointSeq: plan.upTo.seq };
}
