/**
 * What the police adapter must return for a world household, built straight from the world (not
 * through the fixtures or the mapping under test), so the mock test compares against the truth.
 */
import type { OwnerTag, ChildRecord, HouseholdRecord, InvolvementRecord, ReferralRecord, ReportRecord } from '#domain/records.ts';
import { WORLD_AGENCIES, type WorldCase, type WorldHousehold } from '#mock-world/index.ts';

export const owner: OwnerTag = { agencyId: 'politie-noord-nederland', kind: 'POLITIE', region: 'noord-nederland' };

export function politieCaseOf(household: WorldHousehold): WorldCase {
  const found = household.cases[WORLD_AGENCIES.politie];
  if (!found) throw new Error(`${household.key} has no police case`);
  return found;
}

function meta(household: WorldHousehold, localId: string) {
  return { owner, localId, householdLocalId: politieCaseOf(household).householdLocalId, municipality: household.municipality };
}

export function expectedHousehold(household: WorldHousehold): HouseholdRecord {
  const c = politieCaseOf(household);
  return {
    ...meta(household, c.householdLocalId), type: 'Household', address: { ...household.address },
    members: c.memberBsns.map((bsn) => {
      const member = household.members.find((m) => m.bsn === bsn)!;
      return { bsn, name: member.name, birthDate: member.birthDate, role: member.role };
    }),
  };
}

export function expectedReports(household: WorldHousehold): ReportRecord[] {
  return politieCaseOf(household).reports.map((r) => ({
    ...meta(household, r.localId), type: 'Report', receivedAt: r.receivedAt, channel: r.channel, kind: r.kind,
    reporter: { ...r.reporter }, violenceTypes: [...r.violenceTypes],
    childInvolvement: r.childInvolvement.map((ci) => ({ childBsn: ci.bsn, role: ci.role })),
    narrative: r.narrative, restrictedInformation: r.restrictedInformation, urgency: r.urgency,
    safetyAssessment: r.safetyAssessment, phase: r.phase, phaseCategory: r.phaseCategory,
    receivingCareProvider: r.receivingCareProvider,
  }));
}

export function expectedReferrals(household: WorldHousehold): ReferralRecord[] {
  return politieCaseOf(household).referrals.map((r) => ({
    ...meta(household, r.localId), type: 'Referral', fromAgencyId: r.fromAgencyId, toAgencyId: r.toAgencyId,
    toCareProvider: r.toCareProvider, kind: r.kind, reason: r.reason, safetyConditions: [...r.safetyConditions],
    warmHandover: r.warmHandover, status: r.status, createdAt: r.createdAt, updatedAt: r.updatedAt, reportLocalId: r.reportLocalId,
  }));
}

export function expectedInvolvement(household: WorldHousehold): InvolvementRecord {
  const c = politieCaseOf(household);
  return {
    ...meta(household, c.householdLocalId), type: 'Involvement', phase: c.phase, phaseCategory: c.phaseCategory,
    since: c.since, contact: { ...c.contact }, careProvider: c.careProvider,
  };
}

export function expectedChildren(household: WorldHousehold): ChildRecord[] {
  const c = politieCaseOf(household);
  return c.children.map((child) => {
    const member = household.members.find((m) => m.bsn === child.bsn)!;
    return {
      // The police know a child by persoonssleutel within the zorgmelding.
      ...meta(household, `${c.householdLocalId}/${member.politieKey}`), type: 'Child', bsn: child.bsn,
      name: member.name, birthDate: member.birthDate, school: child.school, situation: child.situation, role: child.role,
    };
  });
}
