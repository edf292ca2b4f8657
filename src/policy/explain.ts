/**
 * The trace behind a decision, for privacy officers (Query.explainAccess / explainDecision): every
 * agreement version loaded, whether it was in force, and per grant whether viewer, owner, purpose and
 * coordinate matched and which conditions held. The decision itself comes from `evaluate`, so the
 * trace can never tell a different story from the one enforced.
 */
import type { OwnerTag } from '#domain/records.ts';
import type { CompiledPolicy } from './compile.ts';
import { conditionHolds, describeCondition } from './conditions.ts';
import type { Covenant } from './covenant-types.ts';
import { agreementOf, ruleIdOf, type AccessRequest, type Decision, type Viewer } from './decision.ts';
import { evaluate } from './evaluate.ts';
import type { RecordFacts } from './facts.ts';
import { conditionScope, isParty } from './grant-match.ts';
import { amsterdamDay, renewalPeriodOn, validityOn, type ValidityStatus } from './validity.ts';

export interface ConditionTrace {
  readonly condition: string;
  readonly holds: boolean;
}

export interface GrantTrace {
  readonly grantId: string;
  readonly article: string;
  readonly viewerKindMatched: boolean;
  readonly viewerIsParty: boolean;
  readonly ownerKindMatched: boolean;
  readonly ownerIsParty: boolean;
  readonly purposeMatched: boolean;
  readonly coordinateMatched: boolean;
  readonly conditions: readonly ConditionTrace[];
  /** In force, everything matched and every condition held. */
  readonly applies: boolean;
  /** The grant the decision names (the one that allowed, or the first whose conditions failed). */
  readonly decisive: boolean;
}

export interface AgreementTrace {
  readonly id: string;
  readonly version: number;
  readonly key: string;
  readonly inForce: boolean;
  readonly validity: ValidityStatus;
  /** The validity in words, e.g. `tacitly renewed for 2027-01-01..2027-12-31`. */
  readonly validityText: string;
  readonly grants: readonly GrantTrace[];
}

export interface AccessExplanation {
  readonly at: Date;
  /** The Europe/Amsterdam day validity was judged on. */
  readonly day: string;
  readonly viewer: Viewer;
  readonly purpose: string;
  readonly owner: OwnerTag;
  readonly coordinate: string;
  readonly facts: RecordFacts;
  readonly decision: Decision;
  readonly agreements: readonly AgreementTrace[];
}

export function explainAccess(policy: CompiledPolicy, request: AccessRequest): AccessExplanation {
  const decision = evaluate(policy, request);
  const day = amsterdamDay(request.at);
  const agreements = policy.covenants.map((covenant): AgreementTrace => {
    const validity = validityOn(covenant, day);
    const inForce = validity === 'IN_FORCE' || validity === 'TACITLY_RENEWED';
    const grants = policy.grants.filter((compiled) => compiled.covenant === covenant).map((compiled): GrantTrace => {
      const scope = conditionScope(policy, compiled, request, request.facts);
      const conditions = compiled.grant.conditions.map((condition) => ({ condition: describeCondition(condition), holds: conditionHolds(condition, scope) }));
      const trace = {
        grantId: compiled.grant.id,
        article: compiled.grant.article,
        viewerKindMatched: compiled.viewerKinds.has(request.viewer.kind),
        viewerIsParty: isParty(compiled, request.viewer.kind, request.viewer.agencyId),
        ownerKindMatched: compiled.ownerKinds.has(request.owner.kind),
        ownerIsParty: isParty(compiled, request.owner.kind, request.owner.agencyId),
        purposeMatched: compiled.purposes.has(request.purpose),
        coordinateMatched: compiled.coordinates.has(request.coordinate),
        conditions,
      };
      const applies = inForce && trace.viewerKindMatched && trace.viewerIsParty && trace.ownerKindMatched && trace.ownerIsParty
        && trace.purposeMatched && trace.coordinateMatched && conditions.every((c) => c.holds);
      const decisive = agreementOf(decision)?.key === covenant.key && ruleIdOf(decision) === compiled.grant.id;
      return { ...trace, applies, decisive };
    });
    return { id: covenant.id, version: covenant.version, key: covenant.key, inForce, validity, validityText: validityText(covenant, validity, day), grants };
  });
  return { ...request, day, decision, agreements };
}

function validityText(covenant: Covenant, validity: ValidityStatus, day: string): string {
  const window = `${covenant.validFrom}..${covenant.validTo ?? ''}`;
  switch (validity) {
    case 'NOT_YET_VALID': return `not yet in force: valid from ${covenant.validFrom}`;
    case 'IN_FORCE': return `in force: ${window}`;
    case 'EXPIRED': return `expired: ${window}, no tacit renewal`;
    case 'SUPERSEDED': return `superseded by ${covenant.supersededBy ?? '?'} from ${covenant.supersededFrom ?? '?'}`;
    case 'TACITLY_RENEWED': {
      const period = renewalPeriodOn(covenant, day);
      return `tacitly renewed${period ? ` for ${period.from}..${period.to}` : ''} (${window}, renewed by ${covenant.renewalPeriodMonths ?? '?'} months)`;
    }
  }
}
