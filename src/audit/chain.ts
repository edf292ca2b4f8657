/**
 * The hash chain: each entry's hash = sha256(prevHash || canonical JSON of the entry including seq).
 * prevHash is fixed-length hex, so the concatenation is unambiguous. Seq and prevHash are assigned
 * only while the writer holds the chain head (a row lock or SQLite's write lock); see the stores.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import type { AuditEntry, AuditEntryInput } from './entry.ts';

/** prevHash of seq 1 in a chain that was never pruned. */
export const GENESIS_HASH = '0'.repeat(64);

/** The last link of a chain: the newest entry, a prune checkpoint, or genesis (seq 0). */
export interface ChainLink {
  readonly seq: number;
  readonly hash: string;
}

export const GENESIS: ChainLink = { seq: 0, hash: GENESIS_HASH };

/** The exact document that is hashed: every field of the entry, time as ISO 8601, and its seq. */
export function hashedBody(entry: AuditEntryInput, seq: number): string {
  return canonicalJson({
    seq,
    traceId: entry.traceId,
    operationId: entry.operationId,
    operationName: entry.operationName,
    time: entry.time.toISOString(),
    kind: entry.kind,
    viewer: { agencyId: entry.viewer.agencyId, userId: entry.viewer.userId, role: entry.viewer.role },
    purpose: entry.purpose,
    processingActivity: entry.processingActivity,
    owner: entry.owner,
    entityType: entry.entityType,
    entityId: entry.entityId,
    subject: entry.subject,
    fieldsReleased: entry.fieldsReleased,
    fieldsWithheld: entry.fieldsWithheld,
    decisions: entry.decisions.map((decision) => ({
      id: decision.id,
      coordinate: decision.coordinate,
      effect: decision.effect,
      reason: decision.reason,
      agreementKey: decision.agreementKey,
      article: decision.article,
      ruleId: decision.ruleId,
      failedCondition: decision.failedCondition,
    })),
    searchTerms: entry.searchTerms,
    outcome: entry.outcome,
  });
}

export function entryHash(prevHash: string, entry: AuditEntryInput, seq: number): string {
  return createHash('sha256').update(prevHash).update(hashedBody(entry, seq)).digest('hex');
}

/** Links inputs onto the chain after `head`, in order. */
export function chainEntries(head: ChainLink, inputs: readonly AuditEntryInput[]): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev = head;
  for (const input of inputs) {
    const seq = prev.seq + 1;
    const hash = entryHash(prev.hash, input, seq);
    entries.push({ ...input, seq, prevHash: prev.hash, hash });
    prev = { seq, hash };
  }
  return entries;
}
