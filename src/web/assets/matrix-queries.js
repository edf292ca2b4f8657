// @ts-check
// The access matrix's operation (schema/workbench.graphql), re-exported by queries.js with the console's
// other operations (operations/privacy-console.json registers it from there): the cells by viewer and
// owner kind, the data categories the console groups fields by, and who may see what of whom by organisation.

/** @import { Query } from './graphql.js' */
/** @import { AgencyKind, AgreementValidity, Article, DecisionReason } from './queries.js' */

/**
 * @typedef {object} AccessMatrix
 * @property {string} day
 * @property {string | null} region
 * @property {string | null} purpose
 * @property {MatrixColumn[]} columns
 * @property {{ coordinate: string, ownerOnly: boolean, cells: (MatrixColumn & { grantIds: string[] })[] }[]} rows
 * @property {MatrixGrant[]} grants
 * @property {MatrixAgreement[]} agreements
 * @property {string[]} publicCoordinates
 * @property {string[]} ownerOnlyCoordinates
 * @property {MatrixAct[]} acts
 * @property {MatrixOrganisation[]} organisations
 * @property {MatrixDataCategory[]} dataCategories
 * @property {MatrixSharing[]} sharing
 *
 * @typedef {object} MatrixOrganisation
 * @property {{ id: string, name: string, kind: AgencyKind }} agency
 * @property {boolean} exists
 * @property {{ id: string, name: string }} controller Who controls the records it created, on the day.
 * @property {boolean} inRegion Serves the region filter (true without one).
 *
 * @typedef {{ name: string, description: string | null, coordinates: string[] }} MatrixDataCategory
 *
 * @typedef {object} MatrixSharing What one organisation may read of another's records on the day.
 * @property {{ id: string, name: string, kind: AgencyKind }} viewer
 * @property {{ id: string, name: string, kind: AgencyKind }} owner
 * @property {string[]} purposes
 * @property {string[]} coordinates
 * @property {string[]} categories Wholly released, none inside another listed.
 * @property {string[]} otherCoordinates Released fields none of the categories holds.
 * @property {string[]} grantIds
 *
 * @typedef {{ viewerKind: AgencyKind, ownerKind: AgencyKind }} MatrixColumn
 *
 * @typedef {object} MatrixAct
 * @property {string} act
 * @property {{ id: string, kind: AgencyKind }} sender
 * @property {{ id: string, kind: AgencyKind }} receiver
 * @property {string | null} referralKind
 * @property {string} purpose
 * @property {string[]} coordinates
 * @property {{ id: string, basis: string, ruleId: string, coordinates: string[], conditions: string[] }[]} grants
 *
 * @typedef {object} MatrixGrant
 * @property {string} id
 * @property {Article} agreement
 * @property {string} title
 * @property {string} ruleId
 * @property {string[]} purposes
 * @property {string[]} regions
 * @property {string[]} conditions
 * @property {AgreementValidity} validity
 * @property {{ kind: AgencyKind, agencyIds: string[] | null }[]} parties
 *
 * @typedef {object} MatrixAgreement
 * @property {string} key
 * @property {string} title
 * @property {string} validFrom
 * @property {string | null} validTo
 * @property {boolean} tacitRenewal
 * @property {AgreementExample[]} examples
 *
 * @typedef {object} AgreementExample
 * @property {string} name
 * @property {{ agencyId: string }} viewer
 * @property {{ agencyId: string }} owner
 * @property {string} purpose
 * @property {string} date
 * @property {string} coordinate
 * @property {string} expected allow or deny
 * @property {DecisionReason | null} reason
 */

/** @type {Query<{ accessMatrix: AccessMatrix }>} */
export const MATRIX_QUERY = `query AccessMatrix($at: Date!, $region: ID, $purpose: String) {
  accessMatrix(at: $at, region: $region, purpose: $purpose) {
    day region purpose
    columns { viewerKind ownerKind }
    rows { coordinate ownerOnly cells { viewerKind ownerKind grantIds } }
    grants { id agreement { key article } title ruleId purposes regions conditions validity parties { kind agencyIds } }
    agreements { key title validFrom validTo tacitRenewal examples { name viewer { agencyId } owner { agencyId } purpose date coordinate expected reason } }
    publicCoordinates
    ownerOnlyCoordinates
    acts { act sender { id kind } receiver { id kind } referralKind purpose coordinates grants { id basis ruleId coordinates conditions } }
    organisations { agency { id name kind } exists controller { id name } inRegion }
    dataCategories { name description coordinates }
    sharing { viewer { id name kind } owner { id name kind } purposes coordinates categories otherCoordinates grantIds }
  }
}`;
