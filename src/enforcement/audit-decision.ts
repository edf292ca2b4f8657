/**
 * A decision between the request and the audit trail. The trail stores decisions as plain columns
 * (AuditDecision); these two functions are the only places the shape changes, in each direction.
 */
import type { AuditDecision } from '#src/audit/entry.ts';
import {
  DECISION_REASONS, ENGINE_RULES, agreementOf, failedConditionOf, ruleIdOf, type AgreementRef, type Decided,
} from '#src/policy/index.ts';

export function toAuditDecision(decision: Decided): AuditDecision {
  const agreement = agreementOf(decision);
  return {
    id: decision.id, coordinate: decision.coordinate, effect: decision.effect, reason: decision.reason,
    agreementKey: agreement?.key ?? null, article: agreement?.article ?? null,
    ruleId: ruleIdOf(decision), failedCondition: failedConditionOf(decision),
  };
}

function agreementRef(key: string | null, article: string | null): AgreementRef | null {
  if (!key) return null;
  const at = key.lastIndexOf('@');
  const version = Number(key.slice(at + 1));
  if (at <= 0 || !Number.isSafeInteger(version)) return null;
  return { id: key.slice(0, at), version, key, article: article ?? '' };
}

/** The decision an audit row records, or null when the row does not hold a decision this engine makes. */
export function fromAuditDecision(row: AuditDecision): Decided | null {
  const { id, coordinate } = row;
  const reason = DECISION_REASONS.find((known) => known === row.reason);
  const agreement = agreementRef(row.agreementKey, row.article);
  switch (reason) {
    case 'PUBLIC': return { id, coordinate, effect: 'allow', reason, ruleId: ENGINE_RULES.public };
    case 'OWNER': return { id, coordinate, effect: 'allow', reason, ruleId: ENGINE_RULES.owner };
    case 'OWNER_ONLY': return { id, coordinate, effect: 'deny', reason, ruleId: ENGINE_RULES.ownerOnly };
    case 'NO_GRANT': case 'PURPOSE_NOT_COVERED': return { id, coordinate, effect: 'deny', reason };
    case 'GRANT': return agreement && row.ruleId ? { id, coordinate, effect: 'allow', reason, agreement, ruleId: row.ruleId } : null;
    case 'CONDITIONS_NOT_MET':
      return agreement && row.ruleId ? { id, coordinate, effect: 'deny', reason, agreement, ruleId: row.ruleId, failedCondition: row.failedCondition ?? '' } : null;
    default: return null;
  }
}
