// @ts-check
// The audit view's operations (schema/audit.graphql), re-exported by queries.js with the console's other
// operations (operations/privacy-console.json registers them from there).

/** @import { Query } from './graphql.js' */

/** @typedef {'ACCESS' | 'SEARCH' | 'AUDIT_QUERY' | 'EXPLAIN' | 'ACT' | 'NOTIFICATION'} AuditEntryKind */
/** @typedef {'RELEASED' | 'PARTIALLY_RELEASED' | 'WITHHELD' | 'NOT_FOUND' | 'ERROR'} AuditOutcome */

/**
 * An AuditEntryFilter as the view sends it: only the fields given.
 * @typedef {object} AuditFilter
 * @property {string} [subjectBsn]
 * @property {string} [subjectPseudonym]
 * @property {string} [viewerAgencyId]
 * @property {string} [ownerAgencyId]
 * @property {string} [agreementKey]
 * @property {string} [from]
 * @property {string} [to]
 * @property {AuditEntryKind} [kind]
 * @property {string} [traceId]
 */

/**
 * @typedef {object} AuditTrail
 * @property {{ node: AuditEntry }[]} edges
 * @property {{ hasNextPage: boolean, endCursor: string | null }} pageInfo
 *
 * @typedef {object} AuditEntry
 * @property {string} seq
 * @property {string} requestSeq
 * @property {string} traceId W3C trace id, 32 hex digits.
 * @property {string} operationId
 * @property {string | null} operationName
 * @property {string} time
 * @property {AuditEntryKind} kind
 * @property {{ agencyId: string, userId: string, role: string }} viewer
 * @property {string} purpose
 * @property {string | null} ownerAgencyId null for searches.
 * @property {string | null} entityType
 * @property {string | null} entityId
 * @property {string | null} subject Pseudonym of the data subject.
 * @property {string[]} relatedSubjects
 * @property {string[]} fieldsReleased
 * @property {string[]} fieldsWithheld
 * @property {AuditOutcome} outcome
 * @property {{ name: string, value: string }[] | null} searchTerms
 * @property {AuditDecision[]} decisions
 *
 * @typedef {object} AuditDecision
 * @property {string} id
 * @property {string} coordinate
 * @property {'ALLOW' | 'DENY'} effect
 * @property {string} reason
 * @property {string | null} agreementKey
 * @property {string | null} article
 * @property {string | null} ruleId
 */

/** @type {Query<{ auditEntries: AuditTrail }>} */
export const AUDIT_QUERY = `query AuditTrail($filter: AuditEntryFilter, $after: String, $first: Int = 50) {
  auditEntries(filter: $filter, first: $first, after: $after) {
    edges { node {
      seq requestSeq traceId operationId operationName time kind viewer { agencyId userId role } purpose ownerAgencyId entityType entityId
      subject relatedSubjects fieldsReleased fieldsWithheld outcome searchTerms { name value }
      decisions { id coordinate effect reason agreementKey article ruleId }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * @typedef {object} AuditSummary
 * @property {number} entries
 * @property {boolean} complete False: the gateway counted only the oldest 10,000 entries.
 * @property {number} requests
 * @property {number} organisations Viewer organisations.
 * @property {number} fieldsReleased
 * @property {number} fieldsWithheld
 * @property {{ outcome: AuditOutcome, entries: number }[]} byOutcome
 * @property {AuditDayCount[]} viewers Per day by viewer agency id.
 * @property {AuditDayCount[]} agreements Per day by agreement version; key null: released under none.
 * @property {AuditDayCount[]} purposes Per day by purpose.
 * @property {{ reason: string, fields: number }[]} redactionsByReason
 *
 * @typedef {{ day: string, key: string | null, entries: number, requests: number }} AuditDayCount
 */

/** @type {Query<{ auditSummary: AuditSummary }>} */
export const AUDIT_SUMMARY_QUERY = `query AuditSummary($filter: AuditEntryFilter) {
  auditSummary(filter: $filter) {
    entries complete requests organisations fieldsReleased fieldsWithheld byOutcome { outcome entries }
    viewers: perDay(groupBy: VIEWER) { day key entries requests }
    agreements: perDay(groupBy: AGREEMENT) { day key entries requests }
    purposes: perDay(groupBy: PURPOSE) { day key entries requests }
    redactionsByReason { reason fields }
  }
}`;
