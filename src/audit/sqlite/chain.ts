/**
 * Internal: the SQLite chain walks, synchronous on purpose: the store runs each inside one transaction,
 * and an await inside would let another append start a transaction within it. verify runs in a read
 * transaction (WAL gives it one snapshot of head and entries); prune in a write transaction.
 */
import type { DatabaseSync } from 'node:sqlite';
import { GENESIS, type ChainLink } from '../chain.ts';
import { toEntry, type SqliteRow } from './rows.ts';
import type { VerifyResult } from '../store.ts';
import type { AuditEntry } from '../entry.ts';
import { planPrune, unreadableRow } from '../prune-plan.ts';
import type { PruneResult } from '../store.ts';
import { createChainVerifier } from '../verify-chain.ts';

export function verifySqliteChain(db: DatabaseSync): VerifyResult {
  const checkpoint = db.prepare('SELECT seq, hash FROM audit_checkpoint ORDER BY seq DESC LIMIT 1').get() as unknown as ChainLink | undefined;
  const head = db.prepare('SELECT seq, hash FROM audit_chain_head WHERE id = 1').get() as unknown as ChainLink;
  const start = checkpoint ?? GENESIS;
  const verifier = createChainVerifier(start, checkpoint ? 'checkpoint' : 'genesis');
  const rows = db.prepare('SELECT * FROM audit_entry WHERE seq > ? ORDER BY seq').iterate(start.seq) as Iterable<SqliteRow>;
  for (const row of rows) if (verifier.checkRow(Number(row.seq), () => toEntry(row))) break;
  return verifier.result(head, checkpoint?.seq ?? null);
}

export function pruneSqliteChain(db: DatabaseSync, retentionDaysByOwner: Record<string, number>, now: Date): PruneResult {
  const checkpoint = db.prepare('SELECT seq, hash FROM audit_checkpoint ORDER BY seq DESC LIMIT 1').get() as unknown as ChainLink | undefined;
  const head = db.prepare('SELECT seq, hash FROM audit_chain_head WHERE id = 1').get() as unknown as ChainLink;
  const start = checkpoint ?? GENESIS;
  const rows = db.prepare('SELECT * FROM audit_entry WHERE seq > ? ORDER BY seq').iterate(start.seq) as Iterable<SqliteRow>;
  const plan = planPrune(start, head, readRows(rows), retentionDaysByOwner, now);
  if (!plan.upTo) return { removed: 0, checkpointSeq: null };
  // The gate row lets the delete trigger through; it exists only inside this transaction.
  db.prepare('INSERT INTO audit_prune_gate (open) VALUES (1)').run();
  const { changes } = db.prepare('DELETE FROM audit_entry WHERE seq <= ?').run(plan.upTo.seq);
  db.prepare('DELETE FROM audit_decision_ref WHERE seq <= ?').run(plan.upTo.seq);
  db.prepare('DELETE FROM audit_subject_ref WHERE seq <= ?').run(plan.upTo.seq);
  db.prepare('DELETE FROM audit_prune_gate').run();
  if (Number(changes) !== plan.removed) throw new Error(`prune removed ${changes} entries, planned ${plan.removed}`);
  db.prepare('INSERT INTO audit_checkpoint (seq, hash, removed, pruned_at_ms) VALUES (?, ?, ?, ?)')
    .run(plan.upTo.seq, plan.upTo.hash, plan.removed, now.getTime());
  return { removed: plan.removed, checkpointSeq: plan.upTo.seq };
}

function* readRows(rows: Iterable<SqliteRow>): Generator<AuditEntry> {
  for (const row of rows) {
    let entry: AuditEntry;
    try {
      entry = toEntry(row);
    } catch {
      throw unreadableRow(Number(row.seq));
    }
    yield entry;
  }
}
