/**
 * The facts about a record a decision may look at. The gateway computes them from the assembled
 * household; the engine never sees the record itself, so it cannot leak what it does not hold.
 */
import type { ChildRole, ReferralKind, ReferralStatus } from '#domain/records.ts';

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
  /**
   * How children are involved (DOMAIN section 2: direct victim, or witness of partner violence), as the
   * household's child records give it: for a record about one person, the roles given to that person
   * (none for an adult); for a record about the household as a whole (household, report, referral,
   * involvement), the roles given to any child of the household. Each role once, in CHILD_ROLES order.
   */
  readonly childRoles: readonly ChildRole[];
}

/** The child roles in schema order, the order `childRoles` lists them in. */
export const CHILD_ROLES: readonly ChildRole[] = Object.freeze(['DIRECT_VICTIM', 'WITNESS_OF_PARTNER_VIOLENCE']);

/**
 * A fact an explanation does not know: it is, or may be, derived from another organisation's record,
 * which the officer asking may not see. A condition that reads it neither holds nor fails.
 */
export const WITHHELD: unique symbol = Symbol('withheld');
export type Withheld<T> = T | typeof WITHHELD;

/**
 * Facts as an explanation knows them: each the record's value or WITHHELD. RecordFacts is one (nothing
 * withheld, referrals complete), so the one condition evaluator serves the enforcement and explanations.
 */
export interface PartialFacts {
  readonly municipality: Withheld<string | null>;
  readonly householdHasMinors: Withheld<boolean>;
  readonly subjectIsMinor: Withheld<boolean | null>;
  /** The referrals known. */
  readonly referrals: readonly ReferralFact[];
  /**
   * False when other records' referrals are withheld: a referral condition none of `referrals` meets
   * is then unknown, not failed. Absent: true.
   */
  readonly referralsComplete?: boolean;
  readonly viewerInvolved: Withheld<boolean>;
  /** The child roles known. */
  readonly childRoles: readonly ChildRole[];
  /**
   * False when other records' child roles are withheld: a childInvolvement condition none of
   * `childRoles` meets is then unknown, not failed. Absent: true.
   */
  readonly childRolesComplete?: boolean;
}

/** The facts an explanation names (the municipality is left out: the region conditions show its effect). */
export type FactName = 'householdHasMinors' | 'subjectIsMinor' | 'viewerInvolved' | 'referrals' | 'childRoles' | 'municipality';

/** Facts that make every data-dependent condition fail; for covenant examples that leave a fact out. */
export const NO_FACTS: RecordFacts = Object.freeze({
  municipality: null,
  householdHasMinors: false,
  subjectIsMinor: null,
  referrals: Object.freeze([]),
  viewerInvolved: false,
  childRoles: Object.freeze([]),
});
