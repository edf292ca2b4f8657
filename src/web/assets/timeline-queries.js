// @ts-check
// The agreements timeline's operation (schema/agreement.graphql, schema/agency.graphql), re-exported by
// queries.js with the console's other operations (operations/privacy-console.json registers it from there).

/** @import { Query } from './graphql.js' */
/** @import { AgencyKind } from './queries.js' */

/**
 * @typedef {object} TimelineAgreement
 * @property {string} id
 * @property {number} version
 * @property {string} key
 * @property {string} title
 * @property {string} validFrom
 * @property {string | null} validTo
 * @property {boolean} tacitRenewal
 * @property {number | null} renewalPeriodMonths
 * @property {string | null} supersedes
 * @property {string | null} supersededBy
 * @property {string | null} supersededFrom The day supersededBy takes effect.
 * @property {boolean} inForce Today, as the gateway counts it.
 *
 * @typedef {object} TimelineOrganisation
 * @property {string} id
 * @property {string} name
 * @property {AgencyKind | 'CERTIFIED_INSTITUTION'} kind
 * @property {string | null} validFrom null: since before any record.
 * @property {string | null} validTo
 * @property {{ id: string, name: string } | null} successor
 */

/** @type {Query<{ agreements: TimelineAgreement[], agencies: TimelineOrganisation[] }>} */
export const TIMELINE_QUERY = `query AgreementTimeline {
  agreements(all: true) { id version key title validFrom validTo tacitRenewal renewalPeriodMonths supersedes supersededBy supersededFrom inForce }
  agencies { id name kind validFrom validTo successor { id name } }
}`;
