/**
 * The facts a policy decision looks at, computed from the assembled household. Referrals are loaded
 * through the loaders (batched with every other household of the request); an agency that cannot
 * answer contributes no referrals, so a condition that needs them fails: deny, never allow, on doubt.
 */
import type { AgencyLoaders } from '#kit/contract.ts';
import { WITHHELD, type PartialFacts, type RecordFacts, type ReferralFact } from '#src/policy/index.ts';
import { isMinorAt } from '#domain/age.ts';
import type { HouseholdNode, Source } from '../households/nodes.ts';

export function householdHasMinors(node: HouseholdNode, at: Date): boolean {
  return node.records.some((record) => record.members.some((member) => isMinorAt(member.birthDate, at) === true));
}

export async function loadReferralFacts(node: HouseholdNode, loaders: (agencyId: string) => AgencyLoaders | null,
  onUpstreamError: (agencyId: string, error: unknown) => void): Promise<ReferralFact[]> {
  const lists = await Promise.all(node.records.map(async (record) => {
    const agencyLoaders = loaders(record.owner.agencyId);
    if (!agencyLoaders) return [];
    try {
      return await agencyLoaders.referralsByHousehold.load(record.localId);
    } catch (error) {
      onUpstreamError(record.owner.agencyId, error);
      return [];
    }
  }));
  return lists.flat().map((referral) => ({
    fromAgencyId: referral.fromAgencyId, toAgencyId: referral.toAgencyId, kind: referral.kind, status: referral.status,
  }));
}

/**
 * `controllerOf` (controllersAt): the viewer is involved where it controls a record of the household on
 * the day, its own or one a predecessor created (covenants/organisations.yaml).
 */
export function factsFor(source: Source, referrals: readonly ReferralFact[], viewerAgencyId: string, at: Date,
  controllerOf: (agencyId: string) => string = (agencyId) => agencyId): RecordFacts {
  const household = source.household;
  return {
    municipality: source.municipality ?? household.records.find((record) => record.municipality)?.municipality ?? null,
    householdHasMinors: householdHasMinors(household, at),
    subjectIsMinor: source.subjectBirthDate ? isMinorAt(source.subjectBirthDate, at) : null,
    referrals,
    viewerInvolved: household.records.some((record) => controllerOf(record.owner.agencyId) === viewerAgencyId),
  };
}

/**
 * The facts of a record of the caller's own organisation as its officer's explanation may hold them
 * (Query.explainAccess): what that organisation's own records say, from a source whose household was
 * cut down to them. Whatever another organisation's record could change is withheld, whether or not
 * such a record exists, so the explanation reads the same either way: minors its records show are
 * minors, none shown is unknown; its own referrals, with any others withheld; the municipality and the
 * subject's age from its own record; the viewer's involvement (another organisation's records) unknown.
 */
export function ownRecordFacts(source: Source, ownReferrals: readonly ReferralFact[], viewerAgencyId: string, at: Date,
  controllerOf?: (agencyId: string) => string): PartialFacts {
  const own = factsFor(source, ownReferrals, viewerAgencyId, at, controllerOf);
  return {
    municipality: source.municipality ?? WITHHELD,
    householdHasMinors: own.householdHasMinors || WITHHELD,
    subjectIsMinor: source.aboutHousehold ? null : own.subjectIsMinor ?? WITHHELD,
    referrals: own.referrals,
    referralsComplete: false,
    viewerInvolved: own.viewerInvolved || WITHHELD,
  };
}
