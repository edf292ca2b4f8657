// @ts-check
// Pure shaping of a page of the trail for the audit view: entries under the request they belong to, and
// an entry's decisions gathered by their legal basis, so a request's ten fields under one article show
// as one line with one Explain, not ten.

/** @import { AuditDecision, AuditEntry } from './audit-queries.js' */

/**
 * One request (chained unit) of the trail as a page holds it: its entries share the viewer, purpose,
 * time, operation and trace (the gateway enters them together).
 * @typedef {object} RequestGroup
 * @property {string} requestSeq
 * @property {AuditEntry} first The request's first entry on the page: who, why, when.
 * @property {AuditEntry[]} entries
 */

/**
 * Entries in chain order, grouped by request; a request cut by a page boundary is a group on each page.
 * @param {readonly AuditEntry[]} entries
 * @returns {RequestGroup[]}
 */
export function groupByRequest(entries) {
  /** @type {RequestGroup[]} */
  const groups = [];
  for (const entry of entries) {
    const last = groups.at(-1);
    if (last && last.requestSeq === entry.requestSeq) last.entries.push(entry);
    else groups.push({ requestSeq: entry.requestSeq, first: entry, entries: [entry] });
  }
  return groups;
}

/**
 * Decisions of one entry with the same effect, basis and reason.
 * @typedef {object} DecisionGroup
 * @property {boolean} allowed
 * @property {string} basis In words: agreement and article, own record, public field, or no agreement.
 * @property {string} reason
 * @property {string[]} coordinates In the order decided.
 * @property {AuditDecision[]} decisions
 */

/**
 * @param {readonly AuditDecision[]} decisions
 * @returns {DecisionGroup[]} Released first, then withheld; each in the order first decided.
 */
export function groupDecisions(decisions) {
  /** @type {Map<string, DecisionGroup>} */
  const groups = new Map();
  for (const decision of decisions) {
    const allowed = decision.effect === 'ALLOW';
    const basis = basisOf(decision);
    const key = [decision.effect, basis, decision.reason].join('\u0000');
    const group = groups.get(key) ?? { allowed, basis, reason: decision.reason, coordinates: [], decisions: [] };
    group.coordinates.push(decision.coordinate);
    group.decisions.push(decision);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => Number(b.allowed) - Number(a.allowed));
}

/** @param {AuditDecision} decision */
export function basisOf(decision) {
  if (decision.agreementKey) return `${decision.agreementKey} ${decision.article ?? ''}`.trim();
  return decision.reason === 'OWNER' ? 'own record (DOMAIN rule 10)' : decision.reason === 'PUBLIC' ? 'public field' : 'no agreement';
}

/**
 * "subject ps_1a2b3c4d5e…", with "and 3 more household members" for a record about a household.
 * @param {string} subject
 * @param {readonly string[] | null | undefined} relatedSubjects
 */
export function subjectLine(subject, relatedSubjects) {
  const others = relatedSubjects?.length ?? 0;
  const more = others === 0 ? '' : ` and ${others} more household member${others === 1 ? '' : 's'}`;
  return `subject ${subject.slice(0, 12)}\u2026${more}`;
}

/**
 * "3 entries", "1 request".
 * @param {number} count
 * @param {string} one
 * @param {string} [many]
 */
export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}
