/**
 * What the AMK adapter must answer for a world household, written straight from the world's values
 * (schema vocabulary, ISO dates) without the adapter's code tables, so a wrong table shows up.
 */
import type { ChildRecord, HouseholdRecord, InvolvementRecord, ReportRecord } from '#domain/records.ts';
import type { WorldCase, WorldHousehold } from '#mock-world/index.ts';
import { OWNER } from './context.ts';

const metaOf = (household: WorldHousehold, zaak: WorldCase) => ({
  owner: OWNER, householdLocalId: zaak.householdLocalId, municipality: household.municipality,
});

export function expectedHousehold(household: WorldHousehold, zaak: WorldCase): HouseholdRecord {
  return {
    type: 'Household', ...metaOf(household, zaak), localId: zaak.householdLocalId,
    members: household.members.filter((member) => zaak.memberBsns.includes(member.bsn))
      .map((member) => ({ bsn: member.bsn, name: member.name, birthDate: member.birthDate, role: member.role })),
    address: {
      street: household.address.street, houseNumber: household.address.houseNumber,
      postalCode: household.address.postalCode, city: household.address.city,
    },
  };
}

/** Children in the AMK's order; their localIds are the AMK's own kindnummers, checked apart. */
export function expectedChildren(household: WorldHousehold, zaak: WorldCase): Omit<ChildRecord, 'localId'>[] {
  return zaak.children.map((child) => {
    const member = household.members.find((candidate) => candidate.bsn === child.bsn)!;
    return {
      type: 'Child', ...metaOf(household, zaak), bsn: child.bsn, name: member.name, birthDate: member.birthDate,
      school: child.school, situation: child.situation, role: child.role,
    };
  });
}

export function expectedInvolvement(household: WorldHousehold, zaak: WorldCase): InvolvementRecord {
  return {
    type: 'Involvement', ...metaOf(household, zaak), localId: zaak.householdLocalId,
    phase: zaak.phase, phaseCategory: zaak.phaseCategory, since: zaak.since,
    contact: { ...zaak.contact }, careProvider: zaak.careProvider,
  };
}

export function expectedReports(household: WorldHousehold, zaak: WorldCase): ReportRecord[] {
  return zaak.reports.map((report) => ({
    type: 'Report', ...metaOf(household, zaak), localId: report.localId,
    receivedAt: report.receivedAt, channel: report.channel, kind: report.kind,
    reporter: { ...report.reporter },
    violenceTypes: [...report.violenceTypes],
    childInvolvement: report.childInvolvement.map((child) => ({ childBsn: child.bsn, role: child.role })),
    narrative: report.narrative, restrictedInformation: report.restrictedInformation, urgency: report.urgency,
    safetyAssessment: report.safetyAssessment && { ...report.safetyAssessment },
    phase: report.phase, phaseCategory: report.phaseCategory, receivingCareProvider: report.receivingCareProvider,
  }));
}

/** The same instant, whatever offset it is written with (the AMK keeps Amsterdam wall-clock time). */
export function asInstants<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, field: unknown) =>
    typeof field === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(field) ? new Date(field).toISOString() : field) as T;
}
