/**
 * Which entries prune removes. The rule: only a prefix of the chain, oldest first, stopping at the
 * first entry that must be kept. Why a prefix: the chain then stays one unbroken run from a checkpoint
 * (the seq and hash of the last removed entry) to the head, and every remaining entry is still fully
 * verified. Removing from the middle would need tombstones whose hashes are taken on trust. The price
 * is over-retention: an entry with a long retention holds back the shorter-lived entries after it; since
 * entries arrive in time order, any entry outlives its own retention by at most the difference between
 * the longest and its own retention period.
 *
 * The prefix is verified while it is planned: pruning a tampered prefix would turn the tampered hash
 * into a trusted checkpoint, so a broken prefix refuses the prune instead.
 */
import type { ChainLink } from './chain.ts';
import type { AuditEntry } from './entry.ts';
import { AuditStoreError } from './errors.ts';
import { createChainVerifier } from './verify-chain.ts';

const DAY_MS = 86_400_000;

export interface PrunePlan {
  /** Number of entries to remove (seq start+1 .. upTo.seq). */
  readonly removed: number;
  /** The last entry to remove: it becomes the checkpoint. Null when nothing is removed. */
  readonly upTo: ChainLink | null;
}

/** Whose retention applies to an entry: its owner's, or for searches (no owner) the viewer's. */
export function retentionAgency(entry: Pick<AuditEntry, 'owner' | 'viewer'>): string {
  return entry.owner ?? entry.viewer.agencyId;
}

export function validateRetention(retentionDaysByOwner: Record<string, number>, now: Date): void {
  if (Number.isNaN(now.getTime())) throw new AuditStoreError('AUDIT_INVALID_ARGUMENT', 'prune: invalid now');
  for (const [agency, days] of Object.entries(retentionDaysByOwner)) {
    if (!Number.isFinite(days) || days < 0) {
      throw new AuditStoreError('AUDIT_INVALID_ARGUMENT', `prune: retention for ${agency} must be a non-negative number of days`);
    }
  }
}

export function isExpired(entry: Pick<AuditEntry, 'owner' | 'viewer' | 'time'>, retentionDaysByOwner: Record<string, number>, now: Date): boolean {
  const days = retentionDaysByOwner[retentionAgency(entry)] ?? retentionDaysByOwner['*'];
  // An agency without a retention period keeps everything: forgetting too early cannot be undone.
  if (days === undefined) return false;
  return entry.time.getTime() < now.getTime() - days * DAY_MS;
}

/** A row that cannot even be read back was altered; prune refuses it like any other break. */
export function unreadableRow(seq: number): AuditStoreError {
  return new AuditStoreError('AUDIT_CHAIN_BROKEN', `prune refused: stored values of seq ${seq} cannot be read back (entry altered)`);
}

export interface PrunePlanner {
  /** Offers the next entry in seq order; false once the first entry to keep is reached (stop offering). */
  offer(entry: AuditEntry): boolean;
  /** The plan. When every entry was offered and none kept, the walk is checked against the chain head. */
  finish(): PrunePlan;
}

/**
 * Plans from `start` (the newest checkpoint or genesis). The first kept entry is checked too (its
 * prevHash vouches for the last removed one), and when everything would go, the chain head is.
 */
export function createPrunePlanner(start: ChainLink, head: ChainLink, retentionDaysByOwner: Record<string, number>, now: Date): PrunePlanner {
  const verifier = createChainVerifier(start, start.seq === 0 ? 'genesis' : 'checkpoint');
  const refuse = (broken: { seq: number; reason: string }): AuditStoreError =>
    new AuditStoreError('AUDIT_CHAIN_BROKEN', `prune refused: chain broken at seq ${broken.seq} (${broken.reason})`);
  let upTo: ChainLink | null = null;
  let removed = 0;
  let keptOne = false;
  return {
    offer(entry) {
      const broken = verifier.check(entry);
      if (broken) throw refuse(broken);
      if (!isExpired(entry, retentionDaysByOwner, now)) {
        keptOne = true;
        return false;
      }
      upTo = { seq: entry.seq, hash: entry.hash };
      removed++;
      return true;
    },
    finish() {
      if (!keptOne) {
        const broken = verifier.finish(head);
        if (broken) throw refuse(broken);
      }
      return { removed, upTo };
    },
  };
}

/** Plans over entries that can be read synchronously (SQLite: nothing else may touch the open transaction). */
export function planPrune(
  start: ChainLink, head: ChainLink, entries: Iterable<AuditEntry>, retentionDaysByOwner: Record<string, number>, now: Date,
): PrunePlan {
  const planner = createPrunePlanner(start, head, retentionDaysByOwner, now);
  for (const entry of entries) if (!planner.offer(entry)) break;
  return planner.finish();
}
