/**
 * The records every adapter hands to the gateway: legacy payloads already mapped into the schema's
 * vocabulary, each tagged with the agency that owns it, so the policy can decide per field.
 * Identifiers here are the owning agency's own; the gateway seals them before any caller sees them.
 */
import type {
  AgencyKind, CasePhase, ChildRole, MemberRole, PhaseCategory, ReferralKind, ReferralStatus,
  ReportChannel, ReportKind, ReporterType, SafetyOutcome, Urgency, ViolenceType,
} from '#generated/graphql.ts';

export type {
  AgencyKind, CasePhase, ChildRole, MemberRole, PhaseCategory, ReferralKind, ReferralStatus,
  ReportChannel, ReportKind, ReporterType, SafetyOutcome, Urgency, ViolenceType,
};

/** Who owns a record: the agency whose system it came from. */
export interface OwnerTag {
  readonly agencyId: string;
  readonly kind: AgencyKind;
  /** Region id of the owning agency. */
  readonly region: string;
}

/** Fields every record carries besides its content. */
export interface RecordMeta {
  readonly owner: OwnerTag;
  /** The owner's identifier of this record. */
  readonly localId: string;
  /** The owner's identifier of the household the record belongs to, if it knows one. */
  readonly householdLocalId: string | null;
  /** Municipality of the household as the owner registered it; decides the region. */
  readonly municipality: string | null;
}

export interface MemberRecord {
  readonly bsn: string | null;
  readonly name: string | null;
  /** ISO date. */
  readonly birthDate: string | null;
  readonly role: MemberRole | null;
}

export interface AddressRecord {
  readonly street: string | null;
  readonly houseNumber: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
}

export interface HouseholdRecord extends RecordMeta {
  readonly type: 'Household';
  readonly members: readonly MemberRecord[];
  readonly address: AddressRecord | null;
}

export interface ChildRecord extends RecordMeta {
  readonly type: 'Child';
  readonly bsn: string | null;
  readonly name: string | null;
  readonly birthDate: string | null;
  readonly school: string | null;
  readonly situation: string | null;
  readonly role: ChildRole | null;
}

export interface ReporterRecord {
  readonly name: string | null;
  readonly type: ReporterType | null;
  readonly anonymityPromised: boolean | null;
  readonly phone: string | null;
}

export interface ChildInvolvementRecord {
  /** BSN of the child; the gateway turns it into a Child. */
  readonly childBsn: string | null;
  readonly role: ChildRole | null;
}

export interface ReportRecord extends RecordMeta {
  readonly type: 'Report';
  /** ISO date-time. */
  readonly receivedAt: string | null;
  readonly channel: ReportChannel | null;
  readonly kind: ReportKind | null;
  readonly reporter: ReporterRecord | null;
  readonly violenceTypes: readonly ViolenceType[] | null;
  readonly childInvolvement: readonly ChildInvolvementRecord[] | null;
  readonly narrative: string | null;
  readonly restrictedInformation: string | null;
  readonly urgency: Urgency | null;
  readonly safetyAssessment: {
    readonly dueBy: string | null;
    readonly decidedAt: string | null;
    readonly outcome: SafetyOutcome | null;
  } | null;
  readonly phase: CasePhase | null;
  readonly phaseCategory: PhaseCategory | null;
  readonly receivingCareProvider: string | null;
}

export interface ReferralRecord extends RecordMeta {
  readonly type: 'Referral';
  /** Agency id, as configured in the gateway (adapters translate their own codes). */
  readonly fromAgencyId: string | null;
  readonly toAgencyId: string | null;
  readonly toCareProvider: string | null;
  readonly kind: ReferralKind | null;
  readonly reason: string | null;
  readonly safetyConditions: readonly string[] | null;
  readonly warmHandover: boolean | null;
  readonly status: ReferralStatus | null;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  /** The owner's id of the report this referral follows from. */
  readonly reportLocalId: string | null;
}

/** The owner's involvement with one of its households (the Verwijsindex projection). */
export interface InvolvementRecord extends RecordMeta {
  readonly type: 'Involvement';
  readonly phase: CasePhase | null;
  readonly phaseCategory: PhaseCategory | null;
  /** ISO date. */
  readonly since: string | null;
  readonly contact: { readonly name: string | null; readonly phone: string | null; readonly email: string | null } | null;
  readonly careProvider: string | null;
}

export type AgencyRecord =
  | HouseholdRecord | ChildRecord | ReportRecord | ReferralRecord | InvolvementRecord;
