/**
 * The one place an AccessExplanation (src/policy) takes the schema's shape, DecisionExplanation, with
 * each fact in words as the privacy console shows it. A fact is either the value the decision
 * evaluated or says why there is none: never a default (a fact the decision did not read once showed
 * as "minors in the household: no" for a family with three children).
 */
import type {
  AgreementTrace, ChildRole, DecisionReferralFact, ExplainedChildRoles, ExplainedFact, ExplainedFacts, ExplainedReferrals, FactState as FactStateCode,
  TraceOutcome as TraceOutcomeCode,
} from '#generated/graphql.ts';
import type { GatewayContext } from '#src/graph/context.ts';
import {
  agreementOf, failedConditionOf, redactionReasonOf, ruleIdOf, type AccessExplanation, type FactState, type FactTrace, type ReferralFact, type TraceOutcome,
} from '#src/policy/index.ts';

/** Why a withheld fact is not shown: the record is another organisation's, or the fact may turn on one. */
export type WithheldBecause = 'another-organisations-record' | 'may-depend-on-another-organisation';

const WITHHELD_WORDS: Readonly<Record<WithheldBecause, string>> = {
  'another-organisations-record': "not shown: another organisation's record",
  'may-depend-on-another-organisation': "not shown: may depend on another organisation's record",
};

const STATE: Readonly<Record<FactState, FactStateCode>> = {
  evaluated: 'EVALUATED', 'not-evaluated': 'NOT_EVALUATED', withheld: 'NOT_SHOWN', 'not-recorded': 'NOT_RECORDED',
};

const OUTCOME: Readonly<Record<TraceOutcome, TraceOutcomeCode>> = {
  holds: 'HOLDS', fails: 'FAILS', 'not-evaluated': 'NOT_EVALUATED', withheld: 'NOT_SHOWN', 'not-recorded': 'NOT_RECORDED',
};

export interface ShapeOptions {
  /** Set when replaying a logged decision. */
  readonly decisionId: string | null;
  /** Whether the caller's organisation owns the record: only then is the failed condition named. */
  readonly ownRecord: boolean;
  readonly withheldBecause: WithheldBecause;
}

export function toDecisionExplanation(context: GatewayContext, explanation: AccessExplanation, options: ShapeOptions) {
  const { decision } = explanation;
  const decided = decision.effect === 'undetermined' ? null : decision;
  return {
    decisionId: options.decisionId, at: explanation.at.toISOString(), day: explanation.day,
    viewer: context.services.agencyNode(explanation.viewer.agencyId), purpose: explanation.purpose,
    owner: context.services.agencyNode(explanation.owner.agencyId), coordinate: explanation.coordinate,
    effect: decision.effect.toUpperCase(), reason: decided?.reason ?? null,
    redactionReason: decided && redactionReasonOf(decided),
    agreement: decided && agreementOf(decided), ruleId: decided && ruleIdOf(decided),
    // Which condition failed tells what the record holds: the owner's officer's to know (DOMAIN rule 1).
    failedCondition: decided && options.ownRecord ? failedConditionOf(decided) : null,
    facts: factsInWords(explanation, WITHHELD_WORDS[options.withheldBecause]),
    agreements: explanation.agreements.map((agreement): AgreementTrace => ({
      ...agreement,
      grants: agreement.grants.map((grant) => ({
        ...grant, outcome: OUTCOME[grant.outcome],
        conditions: grant.conditions.map((condition) => ({ condition: condition.condition, outcome: OUTCOME[condition.outcome] })),
      })),
    })),
  };
}

function factsInWords(explanation: AccessExplanation, withheld: string): ExplainedFacts {
  const { facts } = explanation;
  const unshown = (trace: FactTrace<unknown>): string => {
    switch (trace.state) {
      case 'evaluated': return '';
      case 'not-evaluated': return 'not evaluated';
      case 'withheld': return withheld;
      case 'not-recorded': return 'not recorded';
    }
  };
  const yesNo = (label: string, trace: FactTrace<boolean | null>, none = 'unknown'): ExplainedFact => ({
    state: STATE[trace.state],
    value: trace.state === 'evaluated' ? trace.value : null,
    text: `${label}: ${trace.state === 'evaluated' ? (trace.value === null ? none : trace.value ? 'yes' : 'no') : unshown(trace)}`,
  });
  const { referrals } = facts;
  const referralsInWords: ExplainedReferrals = referrals.state === 'evaluated'
    ? {
      state: 'EVALUATED', referrals: referrals.value.known.map(referralFact), complete: referrals.value.complete,
      text: `referrals: ${referrals.value.known.map(referralWords).join('; ') || 'none'}${referrals.value.complete ? '' : `; any in other organisations' records: ${withheld}`}`,
    }
    : { state: STATE[referrals.state], referrals: null, complete: null, text: `referrals: ${unshown(referrals)}` };
  const { childRoles } = facts;
  const childRolesInWords: ExplainedChildRoles = childRoles.state === 'evaluated'
    ? {
      state: 'EVALUATED', roles: [...childRoles.value.known], complete: childRoles.value.complete,
      text: `children involved as: ${childRoles.value.known.map((role) => ROLE_WORDS[role]).join(', ') || 'none known'}${childRoles.value.complete ? '' : `; roles in other organisations' records: ${withheld}`}`,
    }
    : { state: STATE[childRoles.state], roles: null, complete: null, text: `children involved as: ${unshown(childRoles)}` };
  return {
    householdHasMinors: yesNo('minors in the household', facts.householdHasMinors),
    subjectIsMinor: yesNo('the person the record is about is a minor', facts.subjectIsMinor, 'the record is about no one person'),
    viewerInvolved: yesNo('the viewer agency holds a record in the household', facts.viewerInvolved),
    referrals: referralsInWords,
    childRoles: childRolesInWords,
  };
}

const ROLE_WORDS: Readonly<Record<ChildRole, string>> = { DIRECT_VICTIM: 'direct victim', WITNESS_OF_PARTNER_VIOLENCE: 'witness of partner violence' };

function referralFact(referral: ReferralFact): DecisionReferralFact {
  return { fromAgencyId: referral.fromAgencyId, toAgencyId: referral.toAgencyId, kind: referral.kind, status: referral.status };
}

function referralWords(referral: ReferralFact): string {
  return [`${referral.fromAgencyId ?? '?'} to ${referral.toAgencyId ?? '?'}`, referral.kind, referral.status].filter(Boolean).join(' ');
}
