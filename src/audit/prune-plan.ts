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
import type { AuditEntry } from './entry.ts';
import { AuditStoreError } from './errors.ts';
import type { ChainLink } from './unit.ts';
import { createChainVerifier, type ReadUnit, type Strays } from './verify-chain.ts';

const DAY_MS = 86_400_000;

export interface PrunePlan {
  /** Number of entries to remove (in the requests start+1 .. upTo.seq). */
  readonly removed: number;
  /** The last request to remove: it becomes the checkpoint. Null when nothing is removed. */
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

/**
 * How far back each recipient's notices are kept: a notice is the recipient's copy of what it was told,
 * kept as long as the recipient's retention period (its own, else `*`), then removed by the same prune
 * that removes expired entries. Not a prefix rule: notices are not chained (the entry that accounted
 * for each one is), so each goes at its own time. A recipient without a period keeps its notices.
 */
export interface NoticeCutoffs {
  /** Per named recipient, notices created before this instant (epoch ms) are removed. */
  readonly byRecipient: readonly (readonly [recipient: string, beforeMs: number])[];
  /** For every other recipient (the `*` period), or null when there is none. */
  readonly others: number | null;
}

export function noticeCutoffs(retentionDaysByOwner: Record<string, number>, now: Date): NoticeCutoffs {
  const before = (days: number) => now.getTime() - days * DAY_MS;
  const fallback = retentionDaysByOwner['*'];
  return {
    byRecipient: Object.entries(retentionDaysByOwner).filter(([recipient]) => recipient !== '*').map(([recipient, days]) => [recipient, before(days)] as const),
    others: fallback === undefined ? null : before(fallback),
  };
}

const refuse = (broken: { seq: number; reason: string }): AuditStoreError =>
  new AuditStoreError('AUDIT_CHAIN_BROKEN', `prune refused: chain broken at request ${broken.seq} (${broken.reason})`);

export interface PrunePlanner {
  /** Offers the next request in seq order; false once the first request to keep is reached (stop offering). */
  offer(read: () => ReadUnit, seq: number): boolean;
  /** The plan. When every request was offered and none kept, the walk is checked against the chain head. */
  finish(strays: Strays): PrunePlan;
}

/**
 * Plans from `start` (the newest checkpoint or genesis). A request goes only when every entry in it
 * expired. The first kept request is checked too (its prevHash vouches for the last removed one), and
 * when everything would go, the chain head is.
 */
export function createPrunePlanner(start: ChainLink, head: ChainLink, retentionDaysByOwner: Record<string, number>, now: Date): PrunePlanner {
  const verifier = createChainVerifier(start, start.seq === 0 ? 'genesis' : 'checkpoint');
  let upTo: ChainLink | null = null;
  let removed = 0;
  let keptOne = false;
  return {
    offer(read, seq) {
      const broken = verifier.checkUnit(read, seq);
      if (broken) throw refuse(broken);
      const entries = verifier.lastEntries;
      if (!entries.every((entry) => isExpired(entry, retentionDaysByOwner, now))) {
        keptOne = true;
        return false;
      }
      upTo = verifier.last;
      removed += entries.length;
      return true;
    },
    finish(strays) {
      if (!keptOne) {
        const verdict = verifier.result(head, start.seq === 0 ? null : start.seq, strays);
        if (!verdict.ok) throw refuse({ seq: verdict.firstBrokenSeq, reason: verdict.reason });
      }
      return { removed, upTo };
    },
  };
}
