/**
 * The facts about a record a decision may look at. The gateway computes them from the assembled
 * household; the engine never sees the record itself, so it cannot leak what it does not hold.
 */
import type { ReferralKind, ReferralStatus } from '#domain/records.ts';

export interface ReferralFact {
  readonly fromAgencyId: string | null;
  readonly toAgencyId: string | null;
  readonly kind: ReferralKind | null;
  readonly status: ReferralStatus | null;
}

export interface RecordFacts {
  /** Municipality of the record's household; decides its region (DOMAIN rule 9). */
  readonly municipality: string | null;
  readonly householdHasMinors: boolean;
  /** Whether the person the record is about is a minor; null where the record is not about one person. */
  readonly subjectIsMinor: boolean | null;
  /** Referrals between agencies in the record's household, whoever owns them. */
  readonly referrals: readonly ReferralFact[];
  /** Whether the viewer agency holds a record of its own in the same household. */
  readonly viewerInvolved: boolean;
}

/** Facts that make every data-dependent condition fail; for callers that know nothing of the record. */
export const NO_FACTS: RecordFacts = Object.freeze({
  municipality: null,
  householdHasMinors: false,
  subjectIsMinor: null,
  referrals: Object.freeze([]),
  viewerInvolved: false,
});
