// @ts-check
// The path a decision took, as the engine walks it (src/policy/walk-grants.ts): public field, own record
// (DOMAIN rule 10), owner-only field (rule 7), the agreements in force on the day, the grants that name
// the field, their conditions, the outcome. Pure: an explanation in, the steps out, each passed, the one
// that decided, or not reached; the view draws them.

/** @import { AgreementTrace, DecisionExplanation, GrantTrace, TraceOutcome } from './queries.js' */

/** @typedef {'passed' | 'decided' | 'not-reached'} StepState */

/**
 * @typedef {object} PathStep
 * @property {'public' | 'own' | 'owner-only' | 'agreements' | 'grants' | 'outcome'} id
 * @property {string} question
 * @property {string} basis The rule behind the step.
 * @property {StepState} state
 * @property {string} answer
 */

/**
 * @typedef {object} DecisionPath
 * @property {PathStep[]} steps
 * @property {AgreementTrace[]} inForce Versions in force on the day that have a grant naming the field.
 * @property {AgreementTrace[]} inForceElse Versions in force on the day with no grant naming the field.
 * @property {AgreementTrace[]} notInForce Superseded, expired or not yet valid on the day: not walked.
 * @property {{ agreement: string, grant: GrantTrace, misses: string[] }[]} grants The grants naming the field in versions in force.
 */

/** @type {Record<TraceOutcome, string>} */
export const CONDITION_WORDS = {
  HOLDS: 'holds', FAILS: 'fails', NOT_EVALUATED: 'not evaluated', NOT_SHOWN: 'not shown', NOT_RECORDED: 'not recorded',
};

/** @type {Record<TraceOutcome, string>} */
export const GRANT_WORDS = {
  HOLDS: 'applies', FAILS: 'does not apply', NOT_EVALUATED: 'not tried: decided before it',
  NOT_SHOWN: "not shown: it turns on another organisation's record", NOT_RECORDED: 'not recorded in the trail',
};

/**
 * Why a grant naming the field does not fit the request, in words; empty when it fits.
 * @param {GrantTrace} grant
 * @param {string} purpose
 */
function missesOf(grant, purpose) {
  return [
    grant.viewerKindMatched ? null : 'it names no viewer of this kind',
    grant.viewerKindMatched && !grant.viewerIsParty ? 'the viewer is not a party to it' : null,
    grant.ownerKindMatched ? null : 'it names no owner of this kind',
    grant.ownerKindMatched && !grant.ownerIsParty ? 'the owner is not a party to it' : null,
    grant.purposeMatched ? null : `it does not hold for the purpose ${purpose} (DOMAIN rule 8)`,
  ].filter((miss) => miss !== null);
}

/** @param {DecisionExplanation} e */
function outcomeAnswer(e) {
  if (e.effect === 'UNDETERMINED') return 'undetermined: the decision turns on a fact not shown to your organisation';
  const under = e.agreement ? ` under ${e.agreement.key} ${e.agreement.article}` : '';
  if (e.effect === 'ALLOW') {
    if (e.reason === 'PUBLIC') return 'released: a public field';
    if (e.reason === 'OWNER') return 'released: own record (DOMAIN rule 10)';
    return `released${under}`;
  }
  switch (e.reason) {
    case 'OWNER_ONLY': return 'withheld: owner only (DOMAIN rule 7)';
    case 'PURPOSE_NOT_COVERED': return `withheld: no grant in force holds for the purpose ${e.purpose} (DOMAIN rule 8)`;
    case 'CONDITIONS_NOT_MET': return `withheld: a condition of${under} did not hold${e.failedCondition ? ` (${e.failedCondition})` : ''}`;
    default: return 'withheld: no agreement in force grants it (deny by default, DOMAIN rule 1)';
  }
}

/**
 * @param {DecisionExplanation} e
 * @returns {DecisionPath}
 */
export function decisionPath(e) {
  const { reason } = e;
  const names = (/** @type {AgreementTrace} */ agreement) => agreement.grants.some((grant) => grant.coordinateMatched);
  const inForce = e.agreements.filter((agreement) => agreement.inForce && names(agreement));
  const inForceElse = e.agreements.filter((agreement) => agreement.inForce && !names(agreement));
  const notInForce = e.agreements.filter((agreement) => !agreement.inForce);
  const grants = inForce.flatMap((agreement) => agreement.grants.filter((grant) => grant.coordinateMatched)
    .map((grant) => ({ agreement: agreement.key, grant, misses: missesOf(grant, e.purpose) })));

  // Where the walk stopped: the first three steps decide before any agreement is looked at.
  const stop = reason === 'PUBLIC' ? 0 : reason === 'OWNER' ? 1 : reason === 'OWNER_ONLY' ? 2 : 4;
  /** @param {number} index */
  const stateAt = (index) => (index < stop ? 'passed' : index === stop ? 'decided' : 'not-reached');
  const fitting = grants.filter((entry) => entry.misses.length === 0);
  /** @type {PathStep[]} */
  const steps = [
    { id: 'public', question: 'Is the field public?', basis: 'public fields', state: stateAt(0),
      answer: reason === 'PUBLIC' ? 'yes: anyone may read it' : 'no' },
    { id: 'own', question: "Is it the viewer's own record?", basis: 'DOMAIN rule 10', state: stateAt(1),
      answer: reason === 'OWNER' ? `yes: ${e.viewer.name} sees its own records in full` : `no: the record is ${e.owner.name}'s` },
    { id: 'owner-only', question: 'Is the field owner-only?', basis: 'DOMAIN rule 7', state: stateAt(2),
      answer: reason === 'OWNER_ONLY' ? `yes: it never leaves ${e.owner.name}, whatever an agreement says` : 'no' },
    { id: 'agreements', question: `Which agreements in force on ${e.day} grant ${e.coordinate}?`, basis: 'DOMAIN rule 9', state: stateAt(3),
      answer: inForce.length === 0 ? 'none (deny by default, DOMAIN rule 1)' : inForce.map((agreement) => agreement.key).join(', ') },
    { id: 'grants', question: 'Which grant was tried, and did its conditions hold?', basis: 'DOMAIN rules 1-6, 8', state: stateAt(4),
      answer: fitting.length === 0 ? 'none fits this viewer, owner and purpose'
        : fitting.map(({ agreement, grant }) => `${agreement} ${grant.article}: ${GRANT_WORDS[grant.outcome]}`).join('; ') },
    { id: 'outcome', question: 'Outcome', basis: '', state: 'decided', answer: outcomeAnswer(e) },
  ];
  return { steps, inForce, inForceElse, notInForce, grants };
}
