/**
 * Where every personal value of the world lives: for each string (names, BSNs, birth dates,
 * narratives, schools, reasons, reporters, addresses, contacts, the instants of reports and
 * referrals...) the agency records that hold it and the schema
 * coordinate it sits under there. Built from the world's raw data only, never through the gateway,
 * so the security tests' oracle cannot inherit a gateway bug. A value may have many holders (a
 * child's name in every agency's record of the household); the oracle releases it if any may.
 */
import type { MemberRole } from '#domain/records.ts';
import type { World, WorldCase, WorldHousehold } from '#mock-world/index.ts';

/** One place a value lives: an agency's record of a household, under a coordinate. */
export interface Holder {
  readonly agencyId: string;
  readonly coordinate: string;
  readonly household: WorldHousehold;
  /** Birth date of the one person the record is about (for `subjectIsMinor`), or null. */
  readonly subjectBirthDate: string | null;
  /**
   * Set for a household member's entry shown as a Child: it holds the value only while the person is
   * one (DOMAIN: a household member under 18; a member registered in the role CHILD counts too).
   */
  readonly asChild?: { readonly role: MemberRole | null; readonly birthDate: string };
}

/** `text` values are searched as substrings; `date` values (yyyy-mm-dd) only as whole values. */
export type ValueKind = 'text' | 'date';

export interface WorldValue {
  readonly value: string;
  readonly kind: ValueKind;
  readonly holders: Holder[];
}

/** Shorter strings (house numbers, enum-like codes) say nothing on their own and collide by chance. */
export const MIN_NEEDLE_LENGTH = 5;

export function worldValues(world: World): Map<string, WorldValue> {
  const values = new Map<string, WorldValue>();
  const add = (value: string | null | undefined, kind: ValueKind, holder: Holder) => {
    if (!value || value.length < MIN_NEEDLE_LENGTH) return;
    const key = `${kind}:${value}`;
    const found = values.get(key) ?? { value, kind, holders: [] };
    found.holders.push(holder);
    values.set(key, found);
  };
  for (const household of world.households) {
    for (const [agencyId, found] of Object.entries(household.cases)) addCase(household, agencyId, found, add);
  }
  return values;
}

type Add = (value: string | null | undefined, kind: ValueKind, holder: Holder) => void;

function addCase(household: WorldHousehold, agencyId: string, record: WorldCase, add: Add): void {
  const at = (coordinate: string, subjectBirthDate: string | null = null): Holder => ({ agencyId, coordinate, household, subjectBirthDate });
  // The agency's household record: the members it registered, and the address.
  for (const bsn of record.memberBsns) {
    const person = household.members.find((member) => member.bsn === bsn);
    if (!person) continue;
    add(person.name, 'text', at('HouseholdMember.name', person.birthDate));
    add(person.bsn, 'text', at('HouseholdMember.bsn', person.birthDate));
    add(person.birthDate, 'date', at('HouseholdMember.birthDate', person.birthDate));
    const asChild = { role: person.role, birthDate: person.birthDate };
    add(person.name, 'text', { ...at('Child.name', person.birthDate), asChild });
    add(person.bsn, 'text', { ...at('Child.bsn', person.birthDate), asChild });
    add(person.birthDate, 'date', { ...at('Child.birthDate', person.birthDate), asChild });
  }
  add(household.address.street, 'text', at('Address.street'));
  add(household.address.postalCode, 'text', at('Address.postalCode'));
  add(household.address.city, 'text', at('Address.city'));
  add(household.municipality, 'text', at('Household.municipality'));
  // The agency's child records.
  for (const child of record.children) {
    const person = household.members.find((member) => member.bsn === child.bsn);
    const birthDate = person?.birthDate ?? null;
    add(person?.name, 'text', at('Child.name', birthDate));
    add(child.bsn, 'text', at('Child.bsn', birthDate));
    add(birthDate, 'date', at('Child.birthDate', birthDate));
    add(child.school, 'text', at('Child.school', birthDate));
    add(child.situation, 'text', at('Child.situation', birthDate));
  }
  for (const report of record.reports) {
    add(report.narrative, 'text', at('Report.narrative'));
    add(report.restrictedInformation, 'text', at('Report.restrictedInformation'));
    add(report.reporter.name, 'text', at('Reporter.name'));
    add(report.reporter.phone, 'text', at('Reporter.phone'));
    add(report.receivingCareProvider, 'text', at('Report.receivingCareProvider'));
    add(report.safetyAssessment?.dueBy, 'date', at('SafetyAssessment.dueBy'));
    // Instants are unique enough to trace, and whole strings in a response, so they scan as text.
    add(report.receivedAt, 'text', at('Report.receivedAt'));
    add(report.safetyAssessment?.decidedAt, 'text', at('SafetyAssessment.decidedAt'));
  }
  for (const referral of record.referrals) {
    add(referral.reason, 'text', at('Referral.reason'));
    add(referral.toCareProvider, 'text', at('Referral.toCareProvider'));
    for (const condition of referral.safetyConditions) add(condition, 'text', at('Referral.safetyConditions'));
    add(referral.createdAt, 'text', at('Referral.createdAt'));
    add(referral.updatedAt, 'text', at('Referral.updatedAt'));
  }
  // The involvement (Verwijsindex projection) every agency keeps of its case.
  add(record.careProvider, 'text', at('Involvement.careProvider'));
  add(record.since, 'date', at('Involvement.since'));
  add(record.contact.name, 'text', at('Contact.name'));
  add(record.contact.phone, 'text', at('Contact.phone'));
  add(record.contact.email, 'text', at('Contact.email'));
}
