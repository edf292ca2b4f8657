/**
 * The facts a policy decision looks at, computed from the assembled household. Referrals and the
 * children's records are loaded through the loaders (batched with every other household of the
 * request); an agency that cannot answer contributes none, so a condition that needs them fails: deny,
 * never allow, on doubt (every condition on them asks for one to exist).
 */
import type { AgencyLoaders } from '#kit/contract.ts';
import { CHILD_ROLES, WITHHELD, type PartialFacts, type RecordFacts, type ReferralFact } from '#src/policy/index.ts';
import { isMinorAt } from '#domain/age.ts';
import type { ChildRole } from '#domain/records.ts';
import { recordKey } from '../households/cluster.ts';
import type { HouseholdNode, Source } from '../households/nodes.ts';

/** A child record of the household, as far as the facts need it: which record, about whom, which role. */
export interface HouseholdChild {
  /** The record's key (`agency:Child:localId`): a Child field's source names it, BSN or not. */
  readonly recordKey: string;
  readonly bsn: string | null;
  readonly role: ChildRole | null;
}

/** What the facts of a record are computed from besides the household: loaded only where a condition can look. */
export interface LoadedFacts {
  readonly referrals: readonly ReferralFact[];
  readonly children: readonly HouseholdChild[];
}

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

/** The child records every agency holding a record of the household keeps about its children. */
export async function loadHouseholdChildren(node: HouseholdNode, loaders: (agencyId: string) => AgencyLoaders | null,
  onUpstreamError: (agencyId: string, error: unknown) => void): Promise<HouseholdChild[]> {
  const lists = await Promise.all(node.records.map(async (record) => {
    const agencyLoaders = loaders(record.owner.agencyId);
    if (!agencyLoaders) return [];
    try {
      return await agencyLoaders.childrenByHousehold.load(record.localId);
    } catch (error) {
      onUpstreamError(record.owner.agencyId, error);
      return [];
    }
  }));
  return lists.flat().map((child) => ({ recordKey: recordKey(child, 'Child'), bsn: child.bsn, role: child.role }));
}

/**
 * RecordFacts.childRoles: for a record about one person, the roles the child records about that person
 * give (matched on BSN, or the record itself for a child record without one); for a record about the
 * household as a whole, the roles any of the household's child records gives. Agencies may disagree (the
 * police see a witness, Veilig Thuis a direct victim): every role some record gives counts.
 */
export function childRolesOf(source: Source, children: readonly HouseholdChild[]): ChildRole[] {
  const about = source.aboutHousehold ? children : children.filter((child) =>
    child.recordKey === source.recordKey || (!!source.subjectBsn && child.bsn === source.subjectBsn));
  return CHILD_ROLES.filter((role) => about.some((child) => child.role === role));
}

/**
 * `controllerOf` (controllersAt): the viewer is involved where it controls a record of the household on
 * the day, its own or one a predecessor created (covenants/organisations.yaml).
 */
export function factsFor(source: Source, loaded: LoadedFacts, viewerAgencyId: string, at: Date,
  controllerOf: (agencyId: string) => string = (agencyId) => agencyId): RecordFacts {
  const household = source.household;
  return {
    municipality: source.municipality ?? household.records.find((record) => record.municipality)?.municipality ?? null,
    householdHasMinors: householdHasMinors(household, at),
    subjectIsMinor: source.subjectBirthDate ? isMinorAt(source.subjectBirthDate, at) : null,
    referrals: loaded.referrals,
    viewerInvolved: household.records.some((record) => controllerOf(record.owner.agencyId) === viewerAgencyId),
    childRoles: childRolesOf(source, loaded.children),
  };
}

/**
 * The facts of a record of the caller's own organisation as its officer's explanation may hold them
 * (Query.explainAccess): what that organisation's own records say, from a source whose household was
 * cut down to them. Whatever another organisation's record could change is withheld, whether or not
 * such a record exists, so the explanation reads the same either way: minors its records show are
 * minors, none shown is unknown; its own referrals and the roles its own child records give, with any
 * others withheld; the municipality and the subject's age from its own record; the viewer's involvement
 * (another organisation's records) unknown.
 */
export function ownRecordFacts(source: Source, own: LoadedFacts, viewerAgencyId: string, at: Date,
  controllerOf?: (agencyId: string) => string): PartialFacts {
  const ownFacts = factsFor(source, own, viewerAgencyId, at, controllerOf);
  return {
    municipality: source.municipality ?? WITHHELD,
    householdHasMinors: ownFacts.householdHasMinors || WITHHELD,
    subjectIsMinor: source.aboutHousehold ? null : ownFacts.subjectIsMinor ?? WITHHELD,
    referrals: ownFacts.referrals,
    referralsComplete: false,
    viewerInvolved: ownFacts.viewerInvolved || WITHHELD,
    childRoles: ownFacts.childRoles,
    childRolesComplete: false,
  };
}
