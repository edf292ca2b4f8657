/**
 * A decision as the schema's DecisionBasis (replays, the shadow report). Which condition failed says
 * something about the record (no minors, no handover), so only the officer of the owning agency gets it.
 */
import { agreementOf, failedConditionOf, ruleIdOf, type Decision } from '#src/policy/index.ts';

export function decisionBasis(decision: Decision, ownedByCaller: boolean) {
  return {
    effect: decision.effect === 'allow' ? 'ALLOW' as const : 'DENY' as const,
    reason: decision.reason,
    agreement: agreementOf(decision),
    ruleId: ruleIdOf(decision),
    failedCondition: ownedByCaller ? failedConditionOf(decision) : null,
  };
}
