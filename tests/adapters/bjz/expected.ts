/**
 * What the adapter must return for a world household, written straight from the world's own values
 * (schema vocabulary, ISO dates), without the adapter's fixtures or code tables.
 */
import type {
  ChildRecord, HouseholdRecord, InvolvementRecord, OwnerTag, ReferralRecord,
} from '#domain/records.ts';
import type { World, WorldCase, WorldHousehold } from '#mock-world/index.ts';
import { OWNER } from './test-context.ts';

export interface BjzHousehold {
  readonly household: WorldHousehold;
  readonly bjzCase: WorldCase;
  /** Whose system holds the case. Default BJZ Groningen. */
  readonly owner?: OwnerTag;
}

/** The households `owner` (default BJZ Groningen) has a case on, with that case. */
export function bjzHouseholds(world: World, owner: OwnerTag = OWNER): BjzHousehold[] {
  return world.households.flatMap((household) => {
    const bjzCase = household.cases[owner.agencyId];
    return bjzCase ? [{ household, bjzCase, owner }] : [];
  });
}

function meta({ household, bjzCase, owner = OWNER }: BjzHousehold) {
  return { owner, householdLocalId: bjzCase.householdLocalId, municipality: household.municipality };
}

function person({ household }: BjzHousehold, bsn: string) {
  const member = household.members.find((candidate) => candidate.bsn === bsn);
  if (!member) throw new Error('world member missing');
  return member;
}

export function expectedHousehold(entry: BjzHousehold): HouseholdRecord {
  return {
    type: 'Household', ...meta(entry), localId: entry.bjzCase.householdLocalId,
    members: entry.bjzCase.memberBsns.map((bsn) => {
      const member = person(entry, bsn);
      return { bsn, name: member.name, birthDate: member.birthDate, role: member.role };
    }),
    address: { ...entry.household.address },
  };
}

/** Children without their localId (BJZ's client number, which the world does not know). */
export function expectedChildren(entry: BjzHousehold): Omit<ChildRecord, 'localId'>[] {
  return entry.bjzCase.children.map((child) => {
    const member = person(entry, child.bsn);
    return {
      type: 'Child', ...meta(entry), bsn: child.bsn, name: member.name, birthDate: member.birthDate,
      school: child.school, situation: child.situation, role: child.role,
    };
  });
}

export function expectedInvolvement(entry: BjzHousehold): InvolvementRecord {
  const { bjzCase } = entry;
  return {
    type: 'Involvement', ...meta(entry), localId: bjzCase.householdLocalId,
    phase: bjzCase.phase, phaseCategory: bjzCase.phaseCategory, since: bjzCase.since,
    contact: { ...bjzCase.contact }, careProvider: bjzCase.careProvider,
  };
}

export function expectedReferrals(entry: BjzHousehold): ReferralRecord[] {
  return entry.bjzCase.referrals.map((referral) => ({
    type: 'Referral', ...meta(entry), localId: referral.localId,
    fromAgencyId: referral.fromAgencyId, toAgencyId: referral.toAgencyId, toCareProvider: referral.toCareProvider,
    kind: referral.kind, reason: referral.reason, safetyConditions: [...referral.safetyConditions],
    warmHandover: referral.warmHandover, status: referral.status, createdAt: referral.createdAt,
    updatedAt: referral.updatedAt, reportLocalId: referral.reportLocalId,
  }));
}

export function withoutLocalId<T extends { localId: string }>(records: readonly T[]): Omit<T, 'localId'>[] {
  return records.map(({ localId: _localId, ...rest }) => rest);
}
