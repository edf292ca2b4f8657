// @ts-check
// The rehearsal view's operations (schema/shadow.graphql, schema/replay.graphql), re-exported by queries.js
// with the console's other operations (operations/privacy-console.json registers them from there).

/** @import { Query } from './graphql.js' */
/** @import { Article, DecisionReason, Effect } from './queries.js' */

/**
 * What a decision was, and on what basis.
 * @typedef {object} DecisionBasis
 * @property {Effect} effect
 * @property {DecisionReason} reason
 * @property {Article | null} agreement
 * @property {string | null} ruleId
 * @property {string | null} failedCondition Only for the officer of the record's owner.
 */

/**
 * @typedef {'REHEARSED' | 'ADDED' | 'CHANGED' | 'REMOVED'} ShadowCovenantChange
 *
 * @typedef {object} ShadowReport
 * @property {boolean} configured
 * @property {string | null} draftFolder
 * @property {{ key: string, title: string, validFrom: string, change: ShadowCovenantChange }[]} covenants
 * @property {string | null} since
 * @property {number} decisionsCompared
 * @property {number} decisionsNotCompared
 * @property {ShadowDifference[]} differences
 * @property {boolean} truncated
 *
 * @typedef {object} ShadowDifference
 * @property {string} coordinate
 * @property {{ id: string, name: string }} viewer
 * @property {{ id: string, name: string }} owner
 * @property {string} purpose
 * @property {number} liveAllowShadowDeny
 * @property {number} liveDenyShadowAllow
 * @property {number | null} unshownRecords Only for the owner's officer.
 * @property {{ decisionId: string, live: DecisionBasis, shadow: DecisionBasis }[]} samples
 */

const BASIS = 'effect reason agreement { key article } ruleId failedCondition';

/** @type {Query<{ shadowReport: ShadowReport }>} */
export const SHADOW_REPORT_QUERY = `query ShadowReport {
  shadowReport {
    configured draftFolder covenants { key title validFrom change } since decisionsCompared decisionsNotCompared truncated
    differences {
      coordinate viewer { id name } owner { id name } purpose liveAllowShadowDeny liveDenyShadowAllow unshownRecords
      samples { decisionId live { ${BASIS} } shadow { ${BASIS} } }
    }
  }
}`;

/**
 * @typedef {object} DecisionReplay
 * @property {string} decisionId
 * @property {string} at
 * @property {string} day
 * @property {{ id: string, name: string }} viewer
 * @property {string} purpose
 * @property {{ id: string, name: string }} owner
 * @property {string} coordinate
 * @property {string} agreementVersion
 * @property {string | null} replacedVersion
 * @property {string[]} versions
 * @property {DecisionBasis} original
 * @property {DecisionBasis} replayed
 * @property {boolean} differs
 * @property {{ status: 'RECORDED' | 'NOT_EVALUATED', recorded: ReplayedFacts | null }} facts
 *
 * @typedef {object} ReplayedFacts
 * @property {boolean} householdHasMinors
 * @property {boolean | null} subjectIsMinor
 * @property {boolean} viewerInvolved
 * @property {{ fromAgencyId: string | null, toAgencyId: string | null, kind: string | null, status: string | null }[]} referrals
 * @property {string[]} childRoles
 */

/** @type {Query<{ replayDecision: DecisionReplay | null }>} */
export const REPLAY_QUERY = `query ReplayDecision($id: ID!, $version: String!) {
  replayDecision(id: $id, agreementVersion: $version) {
    decisionId at day viewer { id name } purpose owner { id name } coordinate agreementVersion replacedVersion versions differs
    original { ${BASIS} }
    replayed { ${BASIS} }
    facts { status recorded { householdHasMinors subjectIsMinor viewerInvolved referrals { fromAgencyId toAgencyId kind status } childRoles } }
  }
}`;
