/**
 * What the AMK adapter must answer for a world household, written straight from the world's values
 * (schema vocabulary, ISO dates) without the adapter's code tables, so a wrong table shows up.
 */
import type { ChildRecord, HouseholdRecord, InvolvementRecord, OwnerTag, ReferralRecord, ReportRecord } from '#domain/records.ts';
import type { WorldCase, WorldHousehold } from '#mock-world/index.ts';
import { OWNER } from './context.ts';

// Each expectation is of the AMK Groningen's system unless `owner` names another organisation of the dialect.
const metaOf = (household: WorldHousehold, zaak: WorldCase, owner: OwnerTag) => ({
  owner, householdLocalId: zaak.householdLocalId, municipality: household.municipality,
});

export function expectedHousehold(household: WorldHousehold, zaak: WorldCase, owner: OwnerTag = OWNER): HouseholdRecord {
  return {
    type: 'Household', ...metaOf(household, zaak, owner), localId: zaak.householdLocalId,
    members: household.members.filter((member) => zaak.memberBsns.includes(member.bsn))
      .map((member) => ({ bsn: member.bsn, name: member.name, birthDate: member.birthDate, role: member.role })),
    address: {
      street: household.address.street, houseNumber: household.address.houseNumber,
      postalCode: household.address.postalCode, city: household.address.city,
    },
  };
}

/** Children in the AMK's order; their localIds are the AMK's own kindnummers, checked apart. */
export function expectedChildren(household: WorldHousehold, zaak: WorldCase, owner: OwnerTag = OWNER): Omit<ChildRecord, 'localId'>[] {
  return zaak.children.map((child) => {
    const member = household.members.find((candidate) => candidate.bsn === child.bsn)!;
    return {
      type: 'Child', ...metaOf(household, zaak, owner), bsn: child.bsn, name: member.name, birthDate: member.birthDate,
      school: child.school, situation: child.situation, role: child.role,
    };
  });
}

export function expectedInvolvement(household: WorldHousehold, zaak: WorldCase, owner: OwnerTag = OWNER): InvolvementRecord {
  return {
    type: 'Involvement', ...metaOf(household, zaak, owner), localId: zaak.householdLocalId,
    phase: zaak.phase, phaseCategory: zaak.phaseCategory, since: zaak.since,
    contact: { ...zaak.contact }, careProvider: zaak.careProvider,
  };
}

export function expectedReports(household: WorldHousehold, zaak: WorldCase, owner: OwnerTag = OWNER): ReportRecord[] {
  return zaak.reports.map((report) => ({
    type: 'Report', ...metaOf(household, zaak, owner), localId: report.localId,
    receivedAt: report.receivedAt, channel: report.channel, kind: report.kind,
    reporter: { ...report.reporter },
    violenceTypes: [...report.violenceTypes],
    childInvolvement: report.childInvolvement.map((child) => ({ childBsn: child.bsn, role: child.role })),
    narrative: report.narrative, restrictedInformation: report.restrictedInformation, urgency: report.urgency,
    safetyAssessment: report.safetyAssessment && { ...report.safetyAssessment },
    phase: report.phase, phaseCategory: report.phaseCategory, receivingCareProvider: report.receivingCareProvider,
  }));
}

export function expectedReferrals(household: WorldHousehold, zaak: WorldCase, owner: OwnerTag = OWNER): ReferralRecord[] {
  return zaak.referrals.map((referral) => ({
    type: 'Referral', ...metaOf(household, zaak, owner), localId: referral.localId,
    fromAgencyId: referral.fromAgencyId, toAgencyId: referral.toAgencyId, toCareProvider: referral.toCareProvider,
    kind: referral.kind, reason: referral.reason, safetyConditions: [...referral.safetyConditions],
    warmHandover: referral.warmHandover, status: referral.status, createdAt: referral.createdAt,
    updatedAt: referral.updatedAt, reportLocalId: referral.reportLocalId,
  }));
}

/** The same instant, whatever offset it is written with (the AMK keeps Amsterdam wall-clock time). */
export function asInstants<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, field: unknown) =>
    typeof field === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(field) ? new Date(field).toISOString() : field) as T;
}
