/**
 * What a decision is asked and what it answers. A decision is a value carrying the agreement,
 * version, article and rule that produced it; the gateway turns a deny into a redaction at the edge.
 */
import type { AgencyKind, OwnerTag } from '#domain/records.ts';
import type { RecordFacts } from './facts.ts';

export interface Viewer {
  readonly agencyId: string;
  readonly kind: AgencyKind;
  /** Region id of the viewer's agency. */
  readonly region: string;
}

export interface AccessRequest {
  readonly viewer: Viewer;
  /** The purpose the request declared (DOMAIN rule 8). */
  readonly purpose: string;
  readonly owner: OwnerTag;
  readonly facts: RecordFacts;
  /** Schema coordinate of a concrete object type's field, e.g. `Report.narrative`. */
  readonly coordinate: string;
  /** The instant the request is judged at; validity is decided on its Europe/Amsterdam calendar day. */
  readonly at: Date;
}

export type DecisionReason =
  | 'PUBLIC' | 'OWNER' | 'GRANT' | 'NO_GRANT' | 'PURPOSE_NOT_COVERED' | 'CONDITIONS_NOT_MET' | 'OWNER_ONLY';

export const DECISION_REASONS: readonly DecisionReason[] = Object.freeze([
  'PUBLIC', 'OWNER', 'GRANT', 'NO_GRANT', 'PURPOSE_NOT_COVERED', 'CONDITIONS_NOT_MET', 'OWNER_ONLY',
]);

export interface AgreementRef {
  readonly id: string;
  readonly version: number;
  /** `id@version`. */
  readonly key: string;
  readonly article: string;
}

/** Engine rule ids of the decisions no covenant makes. */
export const ENGINE_RULES = Object.freeze({
  public: 'public-field',
  /** DOMAIN rule 10. */
  owner: 'owner-access',
  /** DOMAIN rule 7. */
  ownerOnly: 'owner-only',
} as const);

/** A field declared public: no personal data, no covenant needed. */
export interface PublicAllow {
  readonly effect: 'allow';
  readonly reason: 'PUBLIC';
  readonly coordinate: string;
  readonly ruleId: typeof ENGINE_RULES.public;
}

/** The owner reads its own record in full (DOMAIN rule 10). */
export interface OwnerAllow {
  readonly effect: 'allow';
  readonly reason: 'OWNER';
  readonly coordinate: string;
  readonly ruleId: typeof ENGINE_RULES.owner;
}

/** A grant of an agreement in force released the field: its agreement, article and grant id always come with it. */
export interface GrantAllow {
  readonly effect: 'allow';
  readonly reason: 'GRANT';
  readonly coordinate: string;
  readonly agreement: AgreementRef;
  /** The grant's id in its covenant. */
  readonly ruleId: string;
}

/** A reporter's identity or restricted information: it never leaves the owner (DOMAIN rule 7). */
export interface OwnerOnlyDeny {
  readonly effect: 'deny';
  readonly reason: 'OWNER_ONLY';
  readonly coordinate: string;
  readonly ruleId: typeof ENGINE_RULES.ownerOnly;
}

/** A grant fitted viewer, owner, validity and purpose, but a condition did not hold. */
export interface ConditionsDeny {
  readonly effect: 'deny';
  readonly reason: 'CONDITIONS_NOT_MET';
  readonly coordinate: string;
  /** The first grant that was tried. */
  readonly agreement: AgreementRef;
  readonly ruleId: string;
  /** The first condition that did not hold, in words. For privacy officers only: never show it to the caller. */
  readonly failedCondition: string;
}

/** No grant in force fits (NO_GRANT), or none for the declared purpose (PURPOSE_NOT_COVERED): deny by default. */
export interface DefaultDeny {
  readonly effect: 'deny';
  readonly reason: 'NO_GRANT' | 'PURPOSE_NOT_COVERED';
  readonly coordinate: string;
}

export type Allow = PublicAllow | OwnerAllow | GrantAllow;
export type Deny = OwnerOnlyDeny | ConditionsDeny | DefaultDeny;

/**
 * What the policy decides about one field of one record: a value that says why. An ALLOW by a grant
 * cannot exist without its agreement (id@version, article) and grant; a DENY always names its reason.
 */
export type Decision = Allow | Deny;

/**
 * An explanation's answer when the decision turns on a fact it may not show (one that is, or may be,
 * derived from another organisation's record). The enforcement sees every fact and never makes it.
 */
export interface Undetermined {
  readonly effect: 'undetermined';
  readonly reason: 'FACTS_NOT_SHOWN';
  readonly coordinate: string;
}

/** What an explanation says was, or would be, decided. */
export type ExplainedDecision = Decision | Undetermined;

/** A decision as one request made it: the id a redaction, the audit trail and an explanation cite. */
export type Decided = Decision & { readonly id: string };


/**
 * The reason a caller sees for a withheld field (schema RedactionReason): the reason code only, since
 * which condition failed would tell the caller something about the record.
 */
export type RedactionReasonCode = Deny['reason'];

/** The reason a caller sees for a withheld field, or null when the decision released it. */
export function redactionReasonOf(decision: Decision): RedactionReasonCode | null {
  return decision.effect === 'deny' ? decision.reason : null;
}

/** The agreement a decision cites: the releasing grant's, or for CONDITIONS_NOT_MET the grant tried first. */
export function agreementOf(decision: Decision): AgreementRef | null {
  return decision.reason === 'GRANT' || decision.reason === 'CONDITIONS_NOT_MET' ? decision.agreement : null;
}

/** The grant id, or the engine rule (`public-field`, `owner-access`, `owner-only`); null for a default deny. */
export function ruleIdOf(decision: Decision): string | null {
  return 'ruleId' in decision ? decision.ruleId : null;
}

/** The condition that failed, in words (privacy officers only). */
export function failedConditionOf(decision: Decision): string | null {
  return decision.reason === 'CONDITIONS_NOT_MET' ? decision.failedCondition : null;
}
