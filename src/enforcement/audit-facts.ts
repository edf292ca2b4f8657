/**
 * The facts an audit entry recorded, back into the facts a decision evaluates (replays decide from
 * them). The trail stores referral kinds and statuses as text; one the schema no longer knows becomes
 * null, so a condition on it fails: deny on doubt, as for a referral no agency could report.
 */
import type { AuditFacts } from '#src/audit/entry.ts';
import type { ReferralKind, ReferralStatus } from '#domain/records.ts';
import { CHILD_ROLES, NO_FACTS, type RecordFacts, type ReferralFact } from '#src/policy/index.ts';

// Records, not lists, so the compiler holds them to the schema's enums in both directions.
const KINDS: Readonly<Record<ReferralKind, true>> = {
  HANDOVER_ASHG_TO_AMK: true, POLICE_TO_AMK: true, POLICE_TO_BJZ: true, TO_WIJKTEAM: true, VOLUNTARY_CARE: true, POLICE_TO_VEILIG_THUIS: true, REQUEST_TO_RAAD: true, HANDOVER_TO_CERTIFIED_INSTITUTION: true,
};
const STATUSES: Readonly<Record<ReferralStatus, true>> = {
  ACCEPTED: true, COMPLETED: true, DRAFT: true, OFFERED: true, REFUSED: true, RETURNED_UNSAFE: true, RUNNING: true,
};

function isOneOf<T extends string>(values: Readonly<Record<T, true>>, value: string): value is T {
  return Object.hasOwn(values, value);
}

function known<T extends string>(values: Readonly<Record<T, true>>, value: string | null): T | null {
  return value !== null && isOneOf(values, value) ? value : null;
}

/**
 * The recorded facts as the policy takes them; NO_FACTS when the entry recorded none (no decision looked).
 * No child roles recorded (none held, or an entry from before the fact existed): none, so a condition on
 * them fails.
 */
export function fromAuditFacts(facts: AuditFacts | null): RecordFacts {
  if (facts === null) return NO_FACTS;
  return {
    municipality: facts.municipality, householdHasMinors: facts.householdHasMinors, subjectIsMinor: facts.subjectIsMinor,
    viewerInvolved: facts.viewerInvolved,
    childRoles: CHILD_ROLES.filter((role) => facts.childRoles?.includes(role) === true),
    referrals: facts.referrals.map((referral): ReferralFact => ({
      fromAgencyId: referral.fromAgencyId, toAgencyId: referral.toAgencyId,
      kind: known(KINDS, referral.kind), status: known(STATUSES, referral.status),
    })),
  };
}
