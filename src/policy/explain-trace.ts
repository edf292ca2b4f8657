/**
 * The shape of a decision's trace for privacy officers, and the part of it the request alone decides:
 * every agreement version loaded, whether it was in force, and per grant whether viewer, owner,
 * purpose and coordinate matched. What became of the conditions of the grants a decision could walk
 * is told by the caller: a live decision (explain.ts) or a recorded one (explain-recorded.ts).
 */
import type { ChildRole, OwnerTag } from '#domain/records.ts';
import type { CompiledGrant, CompiledPolicy } from './compile.ts';
import { describeCondition } from './conditions.ts';
import type { Covenant } from './covenant-types.ts';
import { agreementOf, ruleIdOf, type AccessRequest, type ExplainedDecision, type Viewer } from './decision.ts';
import type { PartialFacts, ReferralFact } from './facts.ts';
import { isParty } from './grant-match.ts';
import { renewalPeriodOn, validityOn, type ValidityStatus } from './validity.ts';
import { ownerOnDay } from './walk-grants.ts';

/**
 * holds / fails: as evaluated (for a grant: it applies / does not); not-evaluated: the decision never
 * checked it; withheld: it turns on another organisation's record; not-recorded: a replayed decision
 * checked it, and the audit trail does not say with what outcome.
 */
export type TraceOutcome = 'holds' | 'fails' | 'not-evaluated' | 'withheld' | 'not-recorded';

export interface ConditionTrace {
  readonly condition: string;
  readonly outcome: TraceOutcome;
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
  /** holds: in force, everything matched and every condition held; fails: one of them did not. */
  readonly outcome: TraceOutcome;
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

export type FactState = 'evaluated' | 'not-evaluated' | 'withheld' | 'not-recorded';
export type FactTrace<T> = { readonly state: 'evaluated'; readonly value: T } | { readonly state: Exclude<FactState, 'evaluated'> };

/** The facts a decision may look at, each as evaluated or marked; the municipality is left out (the region conditions show it). */
export interface FactsTrace {
  readonly householdHasMinors: FactTrace<boolean>;
  readonly subjectIsMinor: FactTrace<boolean | null>;
  readonly viewerInvolved: FactTrace<boolean>;
  /** The referrals known; `complete` false when other records' referrals were withheld. */
  readonly referrals: FactTrace<{ readonly known: readonly ReferralFact[]; readonly complete: boolean }>;
  /** The children's roles known; `complete` false when other records' were withheld. */
  readonly childRoles: FactTrace<{ readonly known: readonly ChildRole[]; readonly complete: boolean }>;
}

export interface AccessExplanation {
  readonly at: Date;
  /** The Europe/Amsterdam day validity was judged on. */
  readonly day: string;
  readonly viewer: Viewer;
  readonly purpose: string;
  readonly owner: OwnerTag;
  readonly coordinate: string;
  readonly facts: FactsTrace;
  readonly decision: ExplainedDecision;
  readonly agreements: readonly AgreementTrace[];
}

/** A question to explain: an AccessRequest whose facts may withhold some (PartialFacts). */
export type ExplainRequest = Omit<AccessRequest, 'facts'> & { readonly facts: PartialFacts };

/** What a grant the decision walked (it fits, is in force and is for the purpose) came to. */
export type WalkedGrant = (compiled: CompiledGrant) => { readonly conditions: readonly TraceOutcome[]; readonly outcome: TraceOutcome };

/**
 * Every agreement version and grant, with what matched (data-independent: the request alone says) and,
 * for the grants the decision could walk, what `walked` says became of them. A grant that does not
 * fit, is not in force or is for another purpose does not apply, and none of its conditions was checked.
 */
export function traceAgreements(policy: CompiledPolicy, request: Omit<AccessRequest, 'facts'>, day: string, decision: ExplainedDecision, walked: WalkedGrant): AgreementTrace[] {
  // Public, owner and owner-only decisions are made before any grant is looked at.
  const grantsWalked = decision.reason !== 'PUBLIC' && decision.reason !== 'OWNER' && decision.reason !== 'OWNER_ONLY';
  const decisive = decision.effect === 'undetermined' ? null : agreementOf(decision);
  const decisiveRule = decision.effect === 'undetermined' ? null : ruleIdOf(decision);
  return policy.covenants.map((covenant): AgreementTrace => {
    const validity = validityOn(covenant, day);
    const inForce = validity === 'IN_FORCE' || validity === 'TACITLY_RENEWED';
    const grants = policy.grants.filter((compiled) => compiled.covenant === covenant).map((compiled): GrantTrace => {
      const owner = ownerOnDay(policy, request.owner, day);
      const matched = {
        grantId: compiled.grant.id,
        article: compiled.grant.article,
        viewerKindMatched: compiled.viewerKinds.has(request.viewer.kind),
        viewerIsParty: isParty(compiled, request.viewer.kind, request.viewer.agencyId),
        // Judged with the record's controller on the day, as the walk judged it.
        ownerKindMatched: compiled.ownerKinds.has(owner.kind),
        ownerIsParty: isParty(compiled, owner.kind, owner.agencyId),
        purposeMatched: compiled.purposes.has(request.purpose),
        coordinateMatched: compiled.coordinates.has(request.coordinate),
      };
      const fits = inForce && matched.viewerKindMatched && matched.viewerIsParty && matched.ownerKindMatched && matched.ownerIsParty
        && matched.purposeMatched && matched.coordinateMatched;
      const { conditions, outcome } = fits && grantsWalked
        ? walked(compiled)
        : { conditions: compiled.grant.conditions.map((): TraceOutcome => 'not-evaluated'), outcome: fits ? 'not-evaluated' as const : 'fails' as const };
      return {
        ...matched,
        conditions: compiled.grant.conditions.map((condition, i) => ({ condition: describeCondition(condition), outcome: conditions[i] ?? 'not-evaluated' })),
        outcome,
        decisive: decisive?.key === covenant.key && decisiveRule === compiled.grant.id,
      };
    });
    return { id: covenant.id, version: covenant.version, key: covenant.key, inForce, validity, validityText: validityText(covenant, validity, day), grants };
  });
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
