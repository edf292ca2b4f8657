// @ts-check
// Every GraphQL operation the console sends, in one place (tests/workbench runs each against the gateway,
// so a schema change that breaks the console fails there). None reads a household.
// Each is typed with the `data` it returns: the fields it selects, nullable where schema/*.graphql says so.

/** @import { Query } from './graphql.js' */

/** @typedef {'ASHG' | 'AMK' | 'VEILIG_THUIS' | 'POLITIE' | 'BJZ' | 'WIJKTEAM' | 'RAAD'} AgencyKind */
/** @typedef {'PUBLIC' | 'OWNER' | 'GRANT' | 'NO_GRANT' | 'PURPOSE_NOT_COVERED' | 'CONDITIONS_NOT_MET' | 'OWNER_ONLY'} DecisionReason */
/** @typedef {'NO_GRANT' | 'PURPOSE_NOT_COVERED' | 'CONDITIONS_NOT_MET' | 'OWNER_ONLY'} RedactionReason */
/** @typedef {'NOT_YET_VALID' | 'IN_FORCE' | 'TACITLY_RENEWED' | 'EXPIRED' | 'SUPERSEDED'} AgreementValidity */
/** @typedef {'ALLOW' | 'DENY'} Effect */
/** @typedef {Effect | 'UNDETERMINED'} ExplainedEffect An explanation's effect: UNDETERMINED when it turns on a fact not shown. */
/** @typedef {'EVALUATED' | 'NOT_EVALUATED' | 'NOT_SHOWN' | 'NOT_RECORDED'} FactState */
/** @typedef {'HOLDS' | 'FAILS' | 'NOT_EVALUATED' | 'NOT_SHOWN' | 'NOT_RECORDED'} TraceOutcome */
/**
 * An agreement version (id@version) and article: a DecisionAgreement as the queries select it.
 * @typedef {{ key: string, article: string }} Article
 */

/**
 * @typedef {object} ConsoleOptions
 * @property {{ agency: { id: string, name: string }, role: string, purpose: string }} me
 * @property {OptionsAgency[]} agencies
 * @property {OptionsAgreement[]} agreements Every version of every agreement.
 *
 * @typedef {{ id: string, name: string, kind: AgencyKind, region: { id: string, name: string } | null }} OptionsAgency
 *
 * @typedef {object} OptionsAgreement
 * @property {string} id
 * @property {number} version
 * @property {string} key
 * @property {string} title
 * @property {string} validFrom
 * @property {string | null} validTo
 * @property {boolean} tacitRenewal
 * @property {string | null} supersededBy
 * @property {{ id: string, name: string }[]} regions
 * @property {{ code: string, description: string }[]} purposes
 */

/** @type {Query<ConsoleOptions>} */
export const OPTIONS_QUERY = `query ConsoleOptions {
  me { agency { id name } role purpose }
  agencies { id name kind region { id name } }
  agreements(all: true) { id version key title validFrom validTo tacitRenewal supersededBy regions { id name } purposes { code description } }
}`;

const AGREEMENT_SIDE = 'key title validFrom validTo tacitRenewal purposes { code } regions { id } parties { agencyKind agency { id } }';

/**
 * @typedef {object} CovenantDiff
 * @property {AgreementSide} from
 * @property {AgreementSide} to
 * @property {number} situationsChecked
 * @property {AccessChange[]} changes
 * @property {ActGrantChange[]} actChanges
 *
 * @typedef {object} ActGrantChange
 * @property {'GAINED' | 'LOST' | 'CHANGED'} change
 * @property {string} act
 * @property {AgencyKind} senderKind
 * @property {AgencyKind} receiverKind
 * @property {string | null} referralKind
 * @property {string} purpose
 * @property {{ agreement: Article, grantId: string, conditions: string[] }[]} before empty: refused.
 * @property {{ agreement: Article, grantId: string, conditions: string[] }[]} after empty: refused.
 * @property {string[]} coordinatesAdded
 * @property {string[]} coordinatesRemoved
 *
 * @typedef {object} AgreementSide
 * @property {string} key
 * @property {string} title
 * @property {string} validFrom
 * @property {string | null} validTo
 * @property {boolean} tacitRenewal
 * @property {{ code: string }[]} purposes
 * @property {{ id: string }[]} regions
 * @property {{ agencyKind: AgencyKind, agency: { id: string } | null }[]} parties
 *
 * @typedef {'GAINED' | 'LOST' | 'BASIS_CHANGED'} AccessChangeKind
 *
 * @typedef {object} AccessChange
 * @property {AccessChangeKind} change
 * @property {AgencyKind} viewerKind
 * @property {AgencyKind} ownerKind
 * @property {string} purpose
 * @property {string[]} coordinates
 * @property {string[]} regions Household regions; `*` where no condition looks at the region.
 * @property {DecisionReason | null} beforeReason null: denied.
 * @property {Article | null} before
 * @property {DecisionReason | null} afterReason null: denied.
 * @property {Article | null} after
 * @property {string[]} conditions
 * @property {string[]} viewerAgencies
 * @property {string[]} ownerAgencies
 * @property {number} situations
 * @property {string} example
 */

/** @type {Query<{ covenantDiff: CovenantDiff }>} */
export const DIFF_QUERY = `query CovenantDiff($from: ID!, $to: ID!) {
  covenantDiff(from: $from, to: $to) {
    from { ${AGREEMENT_SIDE} }
    to { ${AGREEMENT_SIDE} }
    situationsChecked
    changes {
      change viewerKind ownerKind purpose coordinates regions
      beforeReason before { key article } afterReason after { key article }
      conditions viewerAgencies ownerAgencies situations example
    }
    actChanges {
      change act senderKind receiverKind referralKind purpose coordinatesAdded coordinatesRemoved
      before { agreement { key article } grantId conditions } after { agreement { key article } grantId conditions }
    }
  }
}`;

/**
 * @typedef {object} DecisionExplanation
 * @property {string | null} decisionId
 * @property {string} at
 * @property {string} day
 * @property {{ id: string, name: string }} viewer
 * @property {string} purpose
 * @property {{ id: string, name: string }} owner
 * @property {string} coordinate
 * @property {ExplainedEffect} effect
 * @property {DecisionReason | null} reason null when UNDETERMINED.
 * @property {RedactionReason | null} redactionReason null when released.
 * @property {Article | null} agreement
 * @property {string | null} ruleId
 * @property {string | null} failedCondition Only for the record owner's officers.
 * @property {ExplainedFacts} facts Each the value evaluated, or why none is shown, in words.
 * @property {AgreementTrace[]} agreements
 *
 * @typedef {object} ExplainedFacts
 * @property {{ state: FactState, text: string }} householdHasMinors
 * @property {{ state: FactState, text: string }} subjectIsMinor
 * @property {{ state: FactState, text: string }} viewerInvolved
 * @property {{ state: FactState, text: string }} referrals
 * @property {{ state: FactState, text: string }} childRoles
 *
 * @typedef {object} AgreementTrace
 * @property {string} key
 * @property {boolean} inForce
 * @property {AgreementValidity} validity
 * @property {string} validityText
 * @property {GrantTrace[]} grants
 *
 * @typedef {object} GrantTrace
 * @property {string} grantId
 * @property {string} article
 * @property {boolean} viewerKindMatched
 * @property {boolean} viewerIsParty
 * @property {boolean} ownerKindMatched
 * @property {boolean} ownerIsParty
 * @property {boolean} purposeMatched
 * @property {boolean} coordinateMatched
 * @property {{ condition: string, outcome: TraceOutcome }[]} conditions
 * @property {TraceOutcome} outcome HOLDS: the grant applies.
 * @property {boolean} decisive
 */

/** @type {Query<{ explainDecision: DecisionExplanation | null }>} */
export const EXPLAIN_QUERY = `query ExplainDecision($id: ID!) {
  explainDecision(id: $id) {
    decisionId at day viewer { id name } purpose owner { id name } coordinate effect reason redactionReason
    agreement { key article } ruleId failedCondition
    facts { householdHasMinors { state text } subjectIsMinor { state text } viewerInvolved { state text } referrals { state text } childRoles { state text } }
    agreements {
      key inForce validity validityText
      grants { grantId article viewerKindMatched viewerIsParty ownerKindMatched ownerIsParty purposeMatched coordinateMatched outcome decisive conditions { condition outcome } }
    }
  }
}`;

// A person's access request: its own file, one operation among these.
export { ACCESS_REQUEST_QUERY } from './access-request-queries.js';
// The agreements timeline's: its own file.
export { TIMELINE_QUERY } from './timeline-queries.js';
// The rehearsal view's (shadow report, replay): their own file.
export { REPLAY_QUERY, SHADOW_REPORT_QUERY } from './rehearsal-queries.js';
// The audit view's (entries, summary): their own file.
export { AUDIT_QUERY, AUDIT_SUMMARY_QUERY } from './audit-queries.js';
// The access matrix by data category and organisation: its own file.
export { MATRIX_QUERY } from './matrix-queries.js';
