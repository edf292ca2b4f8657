/**
 * What the police adapter must return for a world household, built straight from the world (not
 * through the fixtures or the mapping under test), so the mock test compares against the truth.
 */
import type { OwnerTag, ChildRecord, HouseholdRecord, InvolvementRecord, ReferralRecord, ReportRecord } from '#domain/records.ts';
import { WORLD_AGENCIES, type WorldCase, type WorldHousehold } from '#mock-world/index.ts';

export const owner: OwnerTag = { agencyId: 'politie-noord-nederland', kind: 'POLITIE', region: 'noord-nederland' };

// Each expectation is of Politie Noord-Nederland's system unless `at` names another police unit.

export function politieCaseOf(household: WorldHousehold, agencyId: string = WORLD_AGENCIES.politie): WorldCase {
  const found = household.cases[agencyId];
  if (!found) throw new Error(`${household.key} has no case of ${agencyId}`);
  return found;
}

function meta(household: WorldHousehold, localId: string, at: OwnerTag) {
  return { owner: at, localId, householdLocalId: politieCaseOf(household, at.agencyId).householdLocalId, municipality: household.municipality };
}

export function expectedHousehold(household: WorldHousehold, at: OwnerTag = owner): HouseholdRecord {
  const c = politieCaseOf(household, at.agencyId);
  return {
    ...meta(household, c.householdLocalId, at), type: 'Household', address: { ...household.address },
    members: c.memberBsns.map((bsn) => {
      const member = household.members.find((m) => m.bsn === bsn)!;
      return { bsn, name: member.name, birthDate: member.birthDate, role: member.role };
    }),
  };
}

export function expectedReports(household: WorldHousehold, at: OwnerTag = owner): ReportRecord[] {
  return politieCaseOf(household, at.agencyId).reports.map((r) => ({
    ...meta(household, r.localId, at), type: 'Report', receivedAt: r.receivedAt, channel: r.channel, kind: r.kind,
    reporter: { ...r.reporter }, violenceTypes: [...r.violenceTypes],
    childInvolvement: r.childInvolvement.map((ci) => ({ childBsn: ci.bsn, role: ci.role })),
    narrative: r.narrative, restrictedInformation: r.restrictedInformation, urgency: r.urgency,
    safetyAssessment: r.safetyAssessment, phase: r.phase, phaseCategory: r.phaseCategory,
    receivingCareProvider: r.receivingCareProvider,
  }));
}

export function expectedReferrals(household: WorldHousehold, at: OwnerTag = owner): ReferralRecord[] {
  return politieCaseOf(household, at.agencyId).referrals.map((r) => ({
    ...meta(household, r.localId, at), type: 'Referral', fromAgencyId: r.fromAgencyId, toAgencyId: r.toAgencyId,
    toCareProvider: r.toCareProvider, kind: r.kind, reason: r.reason, safetyConditions: [...r.safetyConditions],
    warmHandover: r.warmHandover, status: r.status, createdAt: r.createdAt, updatedAt: r.updatedAt, reportLocalId: r.reportLocalId,
  }));
}

export function expectedInvolvement(household: WorldHousehold, at: OwnerTag = owner): InvolvementRecord {
  const c = politieCaseOf(household, at.agencyId);
  return {
    ...meta(household, c.householdLocalId, at), type: 'Involvement', phase: c.phase, phaseCategory: c.phaseCategory,
    since: c.since, contact: { ...c.contact }, careProvider: c.careProvider,
  };
}

export function expectedChildren(household: WorldHousehold, at: OwnerTag = owner): ChildRecord[] {
  const c = politieCaseOf(household, at.agencyId);
  return c.children.map((child) => {
    const member = household.members.find((m) => m.bsn === child.bsn)!;
    return {
      // The police know a child by persoonssleutel within the zorgmelding.
      ...meta(household, `${c.householdLocalId}/${member.politieKey}`, at), type: 'Child', bsn: child.bsn,
      name: member.name, birthDate: member.birthDate, school: child.school, situation: child.situation, role: child.role,
    };
  });
}
