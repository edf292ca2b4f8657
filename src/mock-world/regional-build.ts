/**
 * Builders for the regional households (scenarios-today.ts): one call per case, report, referral or
 * police zorgmelding, with the defaults the Veilig Thuis era shares, so each household reads as its
 * story and every record keeps the shape the first wave's records have.
 */
import type {
  CasePhase, ChildRole, MemberRole, ReferralKind, ReferralStatus, ReportChannel, ReportKind, ReporterType,
  SafetyOutcome, Urgency, ViolenceType,
} from '../domain/records.ts';
import { CONTACTS, amsterdamDateTime, fiveWorkingDaysAfter, person, phaseCategoryOf } from './build.ts';
import type { WorldCase, WorldChild, WorldPerson, WorldReferral, WorldReport } from './model.ts';

/**
 * The regional households' people get serials 990_001..990_999. The first-wave scenarios use 1..99 and
 * the generator 1000 + index * 8 (321_007 at 40,000 households), so they meet only past 123,000
 * generated households; createWorld refuses that many. Not 90_000_000 and up: bsnFromSerial takes
 * serial * 10 modulo 9,999,999, which would fold such serials back onto the scenarios' BSNs.
 */
export const REGIONAL_SERIAL_BASE = 990_000;

export function regionalPerson(serial: number, name: string, birthDate: string, role: MemberRole): WorldPerson {
  if (!Number.isInteger(serial) || serial < 1 || serial > 999) throw new RangeError(`regional serial ${serial} outside 1..999`);
  return person(REGIONAL_SERIAL_BASE + serial, name, birthDate, role);
}

/** A day and a time of day in Europe/Amsterdam, e.g. `['2022-03-07', '09:40']`. */
export type When = readonly [date: string, time: string];

const at = ([date, time]: When): string => amsterdamDateTime(date, `${time}:00`);

/** A child as one agency registered it; `role` is what that agency knows (victim or witness). */
export type ChildFact = WorldChild & { readonly role: ChildRole };

export function child(member: WorldPerson, role: ChildRole, school: string | null = null, situation: string | null = null): ChildFact {
  return { bsn: member.bsn, school, situation, role };
}

export interface CaseSpec {
  readonly agency: string;
  /** The agency's own identifier of the household. */
  readonly id: string;
  readonly phase: CasePhase;
  readonly since: string;
  /** The members the agency registered. */
  readonly members: readonly WorldPerson[];
  readonly children?: readonly WorldChild[];
  readonly careProvider?: string;
  readonly reports?: readonly WorldReport[];
  readonly referrals?: readonly WorldReferral[];
}

export function worldCase(spec: CaseSpec): WorldCase {
  const contact = CONTACTS[spec.agency];
  if (!contact) throw new Error(`world: no contact desk for ${spec.agency}`);
  return {
    householdLocalId: spec.id, phase: spec.phase, phaseCategory: phaseCategoryOf(spec.phase), since: spec.since,
    careProvider: spec.careProvider ?? null, contact, memberBsns: spec.members.map((member) => member.bsn),
    children: spec.children ?? [], reports: spec.reports ?? [], referrals: spec.referrals ?? [],
  };
}

export interface ReportSpec {
  readonly id: string;
  readonly received: When;
  readonly channel: ReportChannel;
  readonly kind: ReportKind;
  readonly reporter: {
    readonly name: string | null;
    readonly type: ReporterType;
    readonly anonymityPromised?: boolean;
    readonly phone?: string;
  };
  readonly violence: readonly ViolenceType[];
  /** The children the report is about, with the role the report gives them. */
  readonly children: readonly ChildFact[];
  readonly narrative: string;
  readonly restricted?: string;
  readonly urgency: Urgency;
  /**
   * Veilig Thuis's safety assessment, due five working days after receipt (2019 protocol): its decision,
   * `'pending'` while none is taken, absent where no assessment applies (the police, the ASHG before 2019).
   */
  readonly assessment?: { readonly decided: When; readonly outcome: SafetyOutcome } | 'pending';
  readonly phase: CasePhase;
  readonly careProvider?: string;
}

export function report(spec: ReportSpec): WorldReport {
  const receivedAt = at(spec.received);
  const assessment = spec.assessment;
  return {
    localId: spec.id, receivedAt, channel: spec.channel, kind: spec.kind,
    reporter: {
      name: spec.reporter.name, type: spec.reporter.type,
      anonymityPromised: spec.reporter.anonymityPromised ?? false, phone: spec.reporter.phone ?? null,
    },
    violenceTypes: spec.violence,
    childInvolvement: spec.children.map((fact) => ({ bsn: fact.bsn, role: fact.role })),
    narrative: spec.narrative, restrictedInformation: spec.restricted ?? null, urgency: spec.urgency,
    safetyAssessment: assessment === undefined ? null : {
      dueBy: fiveWorkingDaysAfter(receivedAt),
      decidedAt: assessment === 'pending' ? null : at(assessment.decided),
      outcome: assessment === 'pending' ? null : assessment.outcome,
    },
    phase: spec.phase, phaseCategory: phaseCategoryOf(spec.phase), receivingCareProvider: spec.careProvider ?? null,
  };
}

export interface ReferralSpec {
  readonly id: string;
  readonly from: string;
  /** The receiving agency of the chain, or null for a care provider (then `careProvider` names it). */
  readonly to: string | null;
  readonly careProvider?: string;
  readonly kind: ReferralKind;
  readonly reason: string;
  readonly conditions?: readonly string[];
  readonly warm?: boolean;
  readonly status: ReferralStatus;
  readonly created: When;
  readonly updated: When;
  readonly report: string | null;
}

export function referral(spec: ReferralSpec): WorldReferral {
  return {
    localId: spec.id, fromAgencyId: spec.from, toAgencyId: spec.to, toCareProvider: spec.careProvider ?? null,
    kind: spec.kind, reason: spec.reason, safetyConditions: spec.conditions ?? [], warmHandover: spec.warm ?? false,
    status: spec.status, createdAt: at(spec.created), updatedAt: at(spec.updated), reportLocalId: spec.report,
  };
}

export interface ZorgmeldingSpec {
  /** The police unit's agency id. */
  readonly police: string;
  /** The registratienummer: the case's and its one report's id. */
  readonly id: string;
  readonly registered: When;
  readonly officer: string;
  readonly members: readonly WorldPerson[];
  readonly children: readonly ChildFact[];
  readonly violence: readonly ViolenceType[];
  readonly narrative: string;
  readonly urgency: Urgency;
  /**
   * Where the zorgmelding went: since 2015 to Veilig Thuis (DOMAIN section 8). Always an agency: the
   * police system writes the kind of a referral as its receiver's code, so one to a care provider by
   * name would come back without its kind.
   */
  readonly referredTo: {
    readonly agency: string;
    readonly reason: string;
    readonly status: ReferralStatus;
    readonly created: When;
    readonly updated: When;
  };
}

/** A police case as the police system holds one: a single zorgmelding, REFERRED, with one referral to Veilig Thuis. */
export function zorgmelding(spec: ZorgmeldingSpec): WorldCase {
  const to = spec.referredTo;
  return worldCase({
    agency: spec.police, id: spec.id, phase: 'REFERRED', since: spec.registered[0], members: spec.members,
    children: spec.children.map((fact) => ({ ...fact, school: null, situation: null })),
    reports: [report({
      id: spec.id, received: spec.registered, channel: 'POLICE_EXPORT', kind: 'POLICE_CARE_REPORT',
      reporter: { name: spec.officer, type: 'POLICE' }, violence: spec.violence, children: spec.children,
      narrative: spec.narrative, urgency: spec.urgency, phase: 'REFERRED',
    })],
    referrals: [referral({
      id: `${spec.id}-V1`, from: spec.police, to: to.agency,
      kind: 'POLICE_TO_VEILIG_THUIS', reason: to.reason, status: to.status, created: to.created, updated: to.updated, report: spec.id,
    })],
  });
}
