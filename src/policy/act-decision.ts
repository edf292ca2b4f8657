/**
 * What the policy is asked about an act (issue 13: a handover, a referred zorgmelding, an answer, a
 * feedback) and what it answers. Like a read decision, an act decision is a value: it names the
 * grants (agreement, version, article, grant id) that allowed the act, and for each coordinate that
 * may travel with it, the grants that let it travel. The resolvers turn a refusal into an error.
 */
import type { ActKind } from '#domain/acts.ts';
import type { AgencyKind, ReferralKind } from '#domain/records.ts';
import type { AgreementRef } from './decision.ts';
import type { RecordFacts } from './facts.ts';

/**
 * Why an act was allowed or refused. Refusals in order of precedence: an organisation that does not
 * exist on the day; no act grant in force for this act from this sender at all; none to this receiver;
 * none for this referral kind; none for this purpose; the grants that fit all that have a condition
 * that fails.
 */
export type ActDecisionReason = 'ALLOWED' | 'ORGANISATION_NOT_IN_FORCE' | 'NO_ACT_GRANT' | 'RECEIVER_NOT_ALLOWED'
  | 'REFERRAL_KIND_NOT_COVERED' | 'PURPOSE_NOT_COVERED' | 'CONDITION_FAILED';

export const ACT_DECISION_REASONS: readonly ActDecisionReason[] = Object.freeze([
  'ALLOWED', 'ORGANISATION_NOT_IN_FORCE', 'NO_ACT_GRANT', 'RECEIVER_NOT_ALLOWED', 'REFERRAL_KIND_NOT_COVERED', 'PURPOSE_NOT_COVERED', 'CONDITION_FAILED',
]);

/** One side of an act: an organisation of organisations.yaml and its kind. */
export interface ActParty {
  readonly agencyId: string;
  readonly kind: AgencyKind;
}

export interface ActRequest {
  readonly act: ActKind;
  /** HAND_OVER_CASE / REFER_ZORGMELDING: the referral kind carried out; null for answers and feedback. */
  readonly referralKind: ReferralKind | null;
  /** The caller's agency; `region` as the caller carries it (the fallback for `inViewerRegion`). */
  readonly sender: ActParty & { readonly region: string };
  readonly receiver: ActParty;
  /** The purpose the request declared (DOMAIN rule 8). */
  readonly purpose: string;
  /**
   * Facts about the sender's record the act is about. Conditions read them as for a read, with the
   * sender in the viewer's place and the receiver in the owner's (docs/acts-policy.md).
   */
  readonly facts: RecordFacts;
  /** The instant the act is judged at; validity is decided on its Europe/Amsterdam calendar day. */
  readonly at: Date;
}

/** An agreement version's article and the act grant in it. */
export interface ActGrantRef extends AgreementRef {
  readonly grantId: string;
}

export interface ActDecision {
  readonly allowed: boolean;
  readonly reason: ActDecisionReason;
  /** Coordinates (e.g. 'Report.narrative', 'Child.firstName', 'Address.city') that may travel: union over the matching grants; empty when refused. */
  readonly coordinates: ReadonlySet<string>;
  /** For each coordinate, the grants that let it travel. */
  readonly basis: ReadonlyMap<string, readonly ActGrantRef[]>;
  /** The grants that allowed the act (empty when refused). */
  readonly grants: readonly ActGrantRef[];
  /** First condition that failed, in words: for privacy officers only, never shown to the caller. */
  readonly failedCondition: string | null;
}
