/**
 * The values resolvers pass between each other (codegen mappers). Each carries the records it was
 * built from, tagged with their owners, so every field can be decided against its owner and facts.
 */
import type {
  AddressRecord, ChildRecord, HouseholdRecord, InvolvementRecord, MemberRecord, OwnerTag, ReferralRecord,
  ReportRecord,
} from '#kit/records.ts';

/** A household as assembled across agencies (matched on members' BSN). */
export interface HouseholdNode {
  readonly id: string;
  /** The agencies' household records in this cluster. */
  readonly records: readonly HouseholdRecord[];
}

export interface Sourced<T> {
  readonly owner: OwnerTag;
  readonly value: T;
  /** Key of the record the value came from (agency:localId), for memoised decisions and audit. */
  readonly recordKey: string;
  readonly household: HouseholdNode;
}

export type AddressNode = Sourced<AddressRecord>;
export interface MemberNode { readonly id: string; readonly household: HouseholdNode; readonly sources: readonly Sourced<MemberRecord>[] }
export interface ChildNode { readonly id: string; readonly household: HouseholdNode; readonly sources: readonly Sourced<ChildRecord | MemberRecord>[] }
export interface ReportNode { readonly id: string; readonly record: ReportRecord; readonly household: HouseholdNode }
export type ReporterNode = Sourced<NonNullable<ReportRecord['reporter']>>;
export type ChildInvolvementNode = Sourced<NonNullable<ReportRecord['childInvolvement']>[number]>;
export type SafetyAssessmentNode = Sourced<NonNullable<ReportRecord['safetyAssessment']>>;
export interface ReferralNode { readonly id: string; readonly record: ReferralRecord; readonly household: HouseholdNode }
export interface CaseStatusNode { readonly household: HouseholdNode }
export interface InvolvementNode { readonly record: InvolvementRecord; readonly household: HouseholdNode }
export type ContactNode = Sourced<NonNullable<InvolvementRecord['contact']>>;
export interface AgencyNode { readonly id: string; readonly kind: import('#kit/records.ts').AgencyKind; readonly name: string; readonly region: string }
export interface RegionNode { readonly id: string; readonly name: string; readonly municipalities: readonly string[] }
