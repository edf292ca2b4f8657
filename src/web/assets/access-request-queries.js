// @ts-check
// The access request's operation (schema/trail-access-request.graphql), re-exported by queries.js with the
// console's other operations (operations/privacy-console.json registers it from there).

/** @import { Query } from './graphql.js' */

/**
 * @typedef {object} AccessRequestPage
 * @property {string} subject
 * @property {string} organisation
 * @property {string} from
 * @property {string} to
 * @property {{ seq: string, hash: string } | null} anchor
 * @property {AccessRequestCounts} [counts] On the first page only.
 * @property {{ afterSeq: string, headerDigests: string[] } | null} [chain] On the first page only: it holds every later page's.
 * @property {{ node: AccessRequestEntry }[]} edges
 * @property {{ hasNextPage: boolean, endCursor: string | null }} pageInfo
 *
 * @typedef {object} AccessRequestCounts
 * @property {number} entries
 * @property {boolean} complete
 * @property {number} organisations
 * @property {number} organisationsThatSaw
 * @property {{ agencyId: string, entries: number, entriesWithFieldsReleased: number }[]} byOrganisation
 *
 * @typedef {object} AccessRequestEntry
 * @property {string} seq
 * @property {string} requestSeq
 * @property {'ACCESS' | 'SEARCH' | 'AUDIT_QUERY' | 'EXPLAIN'} kind
 * @property {'SUBJECT' | 'RELATED_SUBJECT'} relation
 * @property {string} time
 * @property {string} endTime
 * @property {{ agencyId: string, userId: string, role: string, responsibleUserId: string | null, accessPoint: string | null }} viewer
 * @property {string} purpose
 * @property {string} processingActivity
 * @property {string | null} ownerAgencyId
 * @property {string | null} entityType
 * @property {string | null} entityId
 * @property {'PERSON' | 'HOUSEHOLD' | null} subjectType
 * @property {string[]} fieldsReleased
 * @property {string[]} fieldsWithheld
 * @property {'RELEASED' | 'PARTIALLY_RELEASED' | 'WITHHELD' | 'NOT_FOUND' | 'ERROR'} outcome
 * @property {AccessRequestDecision[]} decisions
 * @property {AccessRequestProof | null} proof
 *
 * @typedef {object} AccessRequestDecision
 * @property {string} id
 * @property {string} coordinate
 * @property {'ALLOW' | 'DENY'} effect
 * @property {string} reason
 * @property {string | null} agreementKey
 * @property {string | null} article
 * @property {string | null} ruleId
 * @property {string | null} failedCondition
 *
 * @typedef {object} AccessRequestProof
 * @property {string} entrySeq
 * @property {string} entryDocument
 * @property {number} leafIndex
 * @property {number} treeSize
 * @property {string[]} path
 * @property {string} headerDocument
 * @property {string} prevHash
 * @property {string} requestSeq
 */

/** @type {Query<{ accessRequest: AccessRequestPage }>} */
export const ACCESS_REQUEST_QUERY = `query AccessRequest($bsn: String!, $from: DateTime!, $to: DateTime!, $anchorSeq: String, $after: String, $firstPage: Boolean!) {
  accessRequest(bsn: $bsn, from: $from, to: $to, anchorSeq: $anchorSeq, first: 50, after: $after) {
    subject organisation from to anchor { seq hash }
    counts @include(if: $firstPage) { entries complete organisations organisationsThatSaw byOrganisation { agencyId entries entriesWithFieldsReleased } }
    chain @include(if: $firstPage) { afterSeq headerDigests }
    edges { node {
      seq requestSeq kind relation time endTime viewer { agencyId userId role responsibleUserId accessPoint } purpose processingActivity
      ownerAgencyId entityType entityId subjectType fieldsReleased fieldsWithheld outcome
      decisions { id coordinate effect reason agreementKey article ruleId failedCondition }
      proof { entrySeq entryDocument leafIndex treeSize path headerDocument prevHash requestSeq }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;
