/**
 * What the ASHG adapter must return for a world household, built straight from the world's values
 * (schema vocabulary) — not through the adapter's code tables, so a mistake there cannot cancel out.
 */
import type {
  ChildRecord, HouseholdRecord, InvolvementRecord, OwnerTag, ReferralRecord, ReportRecord,
} from '#domain/records.ts';
import type { WorldCase, WorldHousehold } from '#mock-world/index.ts';
import { OWNER } from './wire-samples.ts';

export interface AshgExpectations {
  readonly ashgCase: WorldCase;
  readonly household: HouseholdRecord;
  readonly children: ChildRecord[];
  readonly involvement: InvolvementRecord;
  readonly reports: ReportRecord[];
  readonly referrals: ReferralRecord[];
}

/** What the system of `owner` (default the ASHG Groningen) must answer for its case on `household`. */
export function expectationsFor(household: WorldHousehold, owner: OwnerTag = OWNER): AshgExpectations {
  const ashgCase = household.cases[owner.agencyId];
  if (!ashgCase) throw new Error(`${household.key} has no case of ${owner.agencyId}`);
  const dossierId = ashgCase.householdLocalId;
  const meta = (localId: string) => ({ owner, localId, householdLocalId: dossierId, municipality: household.municipality });
  const member = (bsn: string) => {
    const found = household.members.find((candidate) => candidate.bsn === bsn);
    if (!found) throw new Error('member not found');
    return found;
  };
  return {
    ashgCase,
    household: {
      ...meta(dossierId), type: 'Household',
      members: ashgCase.memberBsns.map((bsn) => {
        const { name, birthDate, role } = member(bsn);
        return { bsn, name, birthDate, role };
      }),
      address: { ...household.address },
    },
    children: ashgCase.children.map((child, index) => ({
      ...meta(`${dossierId}-K${index + 1}`), type: 'Child', bsn: child.bsn, name: member(child.bsn).name,
      birthDate: member(child.bsn).birthDate, school: child.school, situation: child.situation, role: child.role,
    })),
    involvement: {
      ...meta(dossierId), type: 'Involvement', phase: ashgCase.phase, phaseCategory: ashgCase.phaseCategory,
      since: ashgCase.since, contact: { ...ashgCase.contact }, careProvider: ashgCase.careProvider,
    },
    reports: ashgCase.reports.map((report) => ({
      ...meta(report.localId), type: 'Report', receivedAt: report.receivedAt, channel: report.channel, kind: report.kind,
      reporter: { ...report.reporter }, violenceTypes: [...report.violenceTypes],
      childInvolvement: report.childInvolvement.map((child) => ({ childBsn: child.bsn, role: child.role })),
      narrative: report.narrative, restrictedInformation: report.restrictedInformation, urgency: report.urgency,
      safetyAssessment: report.safetyAssessment && { ...report.safetyAssessment },
      phase: report.phase, phaseCategory: report.phaseCategory, receivingCareProvider: report.receivingCareProvider,
    })),
    referrals: ashgCase.referrals.map((referral) => ({
      ...meta(referral.localId), type: 'Referral', fromAgencyId: referral.fromAgencyId, toAgencyId: referral.toAgencyId,
      toCareProvider: referral.toCareProvider, kind: referral.kind, reason: referral.reason,
      safetyConditions: [...referral.safetyConditions], warmHandover: referral.warmHandover, status: referral.status,
      createdAt: referral.createdAt, updatedAt: referral.updatedAt, reportLocalId: referral.reportLocalId,
    })),
  };
}
