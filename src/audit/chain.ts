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

/**
 * The exact document that is hashed: every field of the entry, time as ISO 8601, and its seq, as
 * canonical JSON (`canonicalJson`); `relatedSubjects` only when it holds any, so entries written
 * before it existed still verify. Written out key by key in canonical order rather than through the
 * generic walker: the bytes are the same (tests/audit/chain.test.ts holds the two to each other), at a
 * third of the cost, which matters for a request that discloses hundreds of records.
 */
export function hashedBody(entry: AuditEntryInput, seq: number): string {
  if (!Number.isSafeInteger(seq)) throw new TypeError('hashedBody: seq must be a safe integer');
  const text = (value: string | null) => JSON.stringify(value);
  const texts = (values: readonly string[]) => `[${values.map((value) => JSON.stringify(value)).join(',')}]`;
  const decisions = entry.decisions.map((decision) => '{'
    + `"agreementKey":${text(decision.agreementKey)},"article":${text(decision.article)},`
    + `"coordinate":${text(decision.coordinate)},"effect":${text(decision.effect)},`
    + `"failedCondition":${text(decision.failedCondition)},"id":${text(decision.id)},`
    + `"reason":${text(decision.reason)},"ruleId":${text(decision.ruleId)}}`);
  return '{'
    + `"decisions":[${decisions.join(',')}],"entityId":${text(entry.entityId)},"entityType":${text(entry.entityType)},`
    + `"fieldsReleased":${texts(entry.fieldsReleased)},"fieldsWithheld":${texts(entry.fieldsWithheld)},`
    + `"kind":${text(entry.kind)},"operationId":${text(entry.operationId)},"operationName":${text(entry.operationName)},`
    + `"outcome":${text(entry.outcome)},"owner":${text(entry.owner)},"processingActivity":${text(entry.processingActivity)},`
    + `"purpose":${text(entry.purpose)},`
    + (entry.relatedSubjects.length > 0 ? `"relatedSubjects":${texts(entry.relatedSubjects)},` : '')
    + `"searchTerms":${entry.searchTerms === null ? 'null' : canonicalJson(entry.searchTerms)},`
    + `"seq":${seq},"subject":${text(entry.subject)},"time":${text(entry.time.toISOString())},"traceId":${text(entry.traceId)},`
    + `"viewer":{"agencyId":${text(entry.viewer.agencyId)},"role":${text(entry.viewer.role)},"userId":${text(entry.viewer.userId)}}}`;
}

/** The same document through the generic canonical walker: the definition `hashedBody` must match. */
export function hashedBodyReference(entry: AuditEntryInput, seq: number): string {
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
    // Only when there are any: entries written before the field existed hash as they did.
    ...(entry.relatedSubjects.length > 0 ? { relatedSubjects: entry.relatedSubjects } : {}),
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
