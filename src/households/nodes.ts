/**
 * The values resolvers pass between each other (codegen mappers). Each carries the agency records it
 * was built from, tagged with their owners, so every field can be decided against its owner.
 */
import type {
  AddressRecord, AgencyKind, ChildRecord, HouseholdRecord, InvolvementRecord, MemberRecord, OwnerTag,
  ReferralRecord, ReportRecord,
} from '#domain/records.ts';

/**
 * A household as assembled across agencies (matched on members' BSN). The `id` of every node here is
 * the gateway's record id (src/households/ids.ts): never shown; a caller gets its own organisation's
 * pseudonym of it (src/graph/caller-ids.ts).
 */
export interface HouseholdNode {
  readonly id: string;
  /** `b:<bsn>` (lowest member BSN) or `r:<agency>:<localId>` for a record without BSNs. Never shown. */
  readonly anchor: string;
  readonly records: readonly HouseholdRecord[];
}

export interface MemberEntry {
  readonly record: HouseholdRecord;
  readonly member: MemberRecord;
}

export interface MemberNode {
  readonly id: string;
  readonly bsn: string;
  readonly household: HouseholdNode;
  readonly entries: readonly MemberEntry[];
}

export interface ChildNode {
  readonly id: string;
  readonly bsn: string;
  readonly household: HouseholdNode;
  readonly childRecords: readonly ChildRecord[];
  readonly memberEntries: readonly MemberEntry[];
}

export interface AddressNode {
  readonly record: HouseholdRecord;
  readonly household: HouseholdNode;
  readonly value: AddressRecord;
}

export interface ReportNode {
  readonly id: string;
  readonly record: ReportRecord;
  readonly household: HouseholdNode;
}

export interface ReportPartNode<T> {
  readonly report: ReportNode;
  readonly value: T;
}
export type ReporterNode = ReportPartNode<NonNullable<ReportRecord['reporter']>>;
export type ChildInvolvementNode = ReportPartNode<NonNullable<ReportRecord['childInvolvement']>[number]>;
export type SafetyAssessmentNode = ReportPartNode<NonNullable<ReportRecord['safetyAssessment']>>;

export interface ReferralNode {
  readonly id: string;
  readonly record: ReferralRecord;
  readonly household: HouseholdNode;
}

export interface CaseStatusNode {
  readonly household: HouseholdNode;
}

export interface InvolvementNode {
  readonly record: InvolvementRecord;
  readonly household: HouseholdNode;
}

export interface ContactNode {
  readonly involvement: InvolvementNode;
  readonly value: NonNullable<InvolvementRecord['contact']>;
}

export interface AgencyNode {
  readonly id: string;
  readonly kind: AgencyKind;
  readonly name: string;
  /** Home region id. */
  readonly region: string;
  /** Every region it serves, one per kind (covenants/organisations.yaml). */
  readonly regions: readonly string[];
  readonly validFrom: string | null;
  readonly validTo: string | null;
  /** The successor's agency id. */
  readonly successor: string | null;
}

export interface RegionNode {
  readonly id: string;
  readonly name: string;
  /** As regions.yaml writes it: veilig-thuis, regiovisie, police-unit, municipality, national. */
  readonly kind: string;
  readonly municipalities: readonly string[];
}

/**
 * One agency record a field's value may come from: whose it is, and what the policy and the audit
 * trail need to know about it.
 */
export interface Source {
  readonly owner: OwnerTag;
  /** `agency:Type:localId` of the owning record; decisions are memoised and audited per record. */
  readonly recordKey: string;
  readonly entityType: string;
  /** The gateway's record id of the entity (what the audit trail stores; callers see their own pseudonym of it). */
  readonly entityId: string;
  readonly municipality: string | null;
  readonly household: HouseholdNode;
  /** The person the record is about, where it is about one (for the pseudonymised audit subject). */
  readonly subjectBsn: string | null;
  /**
   * Whether the record is about the household as a whole (household, report, referral, involvement):
   * its audit entry then names every member as a subject, not only `subjectBsn` (the lowest BSN).
   */
  readonly aboutHousehold: boolean;
  readonly subjectBirthDate: string | null;
}
