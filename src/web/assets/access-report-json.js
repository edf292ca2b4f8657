// @ts-check
// The saved form of an access request report, from the gateway's pages: the same JSON the command line
// writes (src/audit/access-report.ts, format ketenpoort-access-request/1), so `npm run audit:check-proof`
// checks either. The trail's own spellings come back (kind audit-query, effect allow), numbers as numbers.

/** @import { AccessRequestEntry, AccessRequestPage } from './access-request-queries.js' */

export const ACCESS_REPORT_FORMAT = 'ketenpoort-access-request/1';

/** @param {string} value e.g. AUDIT_QUERY -> audit-query */
const trailSpelling = (value) => value.toLowerCase().replaceAll('_', '-');

/** @param {AccessRequestEntry} node */
function entryOf(node) {
  const { proof } = node;
  return {
    seq: Number(node.seq), requestSeq: Number(node.requestSeq), time: node.time, endTime: node.endTime, kind: trailSpelling(node.kind),
    relation: trailSpelling(node.relation), viewer: { ...node.viewer }, purpose: node.purpose, processingActivity: node.processingActivity,
    owner: node.ownerAgencyId, entityType: node.entityType, entityId: node.entityId, subjectType: node.subjectType ? trailSpelling(node.subjectType) : null,
    fieldsReleased: node.fieldsReleased, fieldsWithheld: node.fieldsWithheld,
    decisions: node.decisions.map((decision) => ({ ...decision, effect: decision.effect.toLowerCase() })), outcome: trailSpelling(node.outcome),
    proof: proof ? { ...proof, entrySeq: Number(proof.entrySeq), requestSeq: Number(proof.requestSeq) } : null,
  };
}

/**
 * @param {AccessRequestPage} first The first page: anchor, counts and the chain every page's proofs share.
 * @param {readonly AccessRequestEntry[]} entries Every page's entries, in order.
 * @param {Date} madeAt
 */
export function buildAccessReport(first, entries, madeAt) {
  const { anchor, chain, counts } = first;
  return {
    format: ACCESS_REPORT_FORMAT, madeAt: madeAt.toISOString(), organisation: first.organisation, subject: first.subject,
    period: { from: first.from, to: first.to },
    anchor: anchor ? { seq: Number(anchor.seq), hash: anchor.hash } : null,
    chain: chain ? { afterSeq: Number(chain.afterSeq), headerDigests: chain.headerDigests } : null,
    counts: counts ?? null, entries: entries.map(entryOf),
  };
}
