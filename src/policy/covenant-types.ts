/**
 * The shapes covenants take once loaded from `covenants/*.yaml`. The gateway maps the GraphQL types
 * `Agreement` and `Grant` onto `Covenant` and `CovenantGrant` (codegen mappers), so field names follow
 * `schema/agreement.graphql`; what GraphQL shows as an object (regions, party agency, conditions in
 * words) is kept here as ids or parsed values and resolved by the gateway.
 */
import type { ActKind } from '#domain/acts.ts';
import type { AgencyKind, ChildRole, ReferralKind, ReferralStatus } from '#domain/records.ts';
import type { ActDecisionReason } from './act-decision.ts';
import type { DecisionReason } from './decision.ts';
import type { RecordFacts } from './facts.ts';

/** Where a piece of configuration was written, for `file:line` messages. */
export interface SourceRef {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
}

export interface CovenantParty {
  readonly agencyKind: AgencyKind;
  /** A named agency, or null when every agency of the kind is a party (national covenants). */
  readonly agencyId: string | null;
  readonly role: string;
}

export interface PurposeDef {
  readonly code: string;
  readonly description: string;
}

export interface LegalBasis {
  readonly article: string;
  readonly text: string;
}

/** A named set of schema coordinates (`Type.field`), as in `covenants/data-categories.yaml`. */
export interface DataCategoryDef {
  readonly name: string;
  readonly description: string;
  readonly coordinates: readonly string[];
  readonly source: SourceRef;
  /** Source of each coordinate, same order as `coordinates`. */
  readonly coordinateSources: readonly SourceRef[];
}

/** The kinds of region (regions.yaml): they need not coincide, so a covenant says which it means. */
export type RegionKind = 'veilig-thuis' | 'regiovisie' | 'police-unit' | 'municipality' | 'national';

export const REGION_KINDS: readonly RegionKind[] = Object.freeze(['veilig-thuis', 'regiovisie', 'police-unit', 'municipality', 'national']);

/** A region with its municipalities expanded (a region may be written as other regions plus extras). */
export interface RegionDef {
  readonly id: string;
  readonly kind: RegionKind;
  readonly name: string;
  readonly municipalities: readonly string[];
}

/** Which side of a decision a referral condition names: the record's owner or the viewer. */
export type Party = 'owner' | 'viewer';

/**
 * The closed condition language (covenant.schema.json `$defs/condition`), parsed. A grant's
 * conditions are an AND; `anyOf` is the only way to say OR. Nothing is evaluated as code.
 */
export type Condition =
  | { readonly kind: 'householdHasMinors'; readonly value: boolean }
  | { readonly kind: 'subjectIsMinor' }
  | {
    readonly kind: 'referral';
    readonly from: Party;
    readonly to: Party;
    /** Null: any kind. */
    readonly kinds: readonly ReferralKind[] | null;
    /** Null: any status. */
    readonly statuses: readonly ReferralStatus[] | null;
  }
  | { readonly kind: 'inCovenantRegion' }
  | { readonly kind: 'inViewerRegion' }
  /** The household lies in the owner agency's region of the covenant's kind; for an act, the receiver's. */
  | { readonly kind: 'inOwnerRegion' }
  | { readonly kind: 'viewerInvolved' }
  /**
   * The child the record is about has one of the roles; for a record about the household as a whole,
   * some child of the household has one (RecordFacts.childRoles).
   */
  | { readonly kind: 'childInvolvement'; readonly roles: readonly ChildRole[] }
  | { readonly kind: 'anyOf'; readonly conditions: readonly Condition[] };

export interface CovenantGrant {
  /** Unique within its covenant version; versions of one covenant reuse ids for the same rule. */
  readonly id: string;
  /** The covenant article the grant carries out, e.g. `art. 4.1`. */
  readonly article: string;
  readonly viewerKinds: readonly AgencyKind[];
  readonly ownerKinds: readonly AgencyKind[];
  readonly purposes: readonly string[];
  /** Schema coordinates, categories expanded, deduplicated, in written order. */
  readonly coordinates: readonly string[];
  readonly conditions: readonly Condition[];
  readonly source: SourceRef;
  /** Where each coordinate was written (the grant line, or the data category's line), same order. */
  readonly coordinateSources: readonly SourceRef[];
}

/**
 * A grant to act (issue 13): the sender may perform one of `acts` towards the receiver, for one of
 * the purposes, when the conditions hold, and what may travel with the act are `coordinates`.
 * Conditions read "viewer" as the sender and "owner" as the receiver (docs/acts-policy.md).
 */
export interface CovenantActGrant {
  /** Unique within its covenant version, read grants included. */
  readonly id: string;
  readonly article: string;
  readonly acts: readonly ActKind[];
  readonly senderKinds: readonly AgencyKind[];
  readonly receiverKinds: readonly AgencyKind[];
  /** The referral kinds a handover or referral may carry out; null for answers and feedback, which carry none. */
  readonly referralKinds: readonly ReferralKind[] | null;
  readonly purposes: readonly string[];
  /** Schema coordinates that may travel, categories expanded, deduplicated, in written order; may be empty. */
  readonly coordinates: readonly string[];
  readonly conditions: readonly Condition[];
  readonly source: SourceRef;
  /** Where each coordinate was written, same order as `coordinates`. */
  readonly coordinateSources: readonly SourceRef[];
}

/** A worked example of an act; the test suite runs them all against the compiled policy with decideAct. */
export interface CovenantActExample {
  readonly name: string;
  readonly act: ActKind;
  readonly referralKind: ReferralKind | null;
  readonly sender: { readonly agencyId: string; readonly kind: AgencyKind; readonly region: string };
  readonly receiver: { readonly agencyId: string; readonly kind: AgencyKind };
  readonly purpose: string;
  /** ISO date the act is judged at. */
  readonly date: string;
  readonly facts: RecordFacts;
  readonly expected: 'allow' | 'deny';
  /** The decision reason, when the example pins it. */
  readonly reason: ActDecisionReason | null;
  /** Coordinates that must travel with the act. */
  readonly travels: readonly string[];
  /** Coordinates that must not. */
  readonly staysBehind: readonly string[];
  readonly source: SourceRef;
}

/** One worked example a covenant carries; the test suite runs them all against the compiled policy. */
export interface CovenantExample {
  readonly name: string;
  readonly viewer: { readonly agencyId: string; readonly kind: AgencyKind; readonly region: string };
  readonly owner: { readonly agencyId: string; readonly kind: AgencyKind; readonly region: string };
  readonly purpose: string;
  /** ISO date the request is judged at. */
  readonly date: string;
  readonly facts: RecordFacts;
  readonly coordinate: string;
  readonly expected: 'allow' | 'deny';
  /** The decision reason, when the example pins it. */
  readonly reason: DecisionReason | null;
  readonly source: SourceRef;
}

/**
 * One version of a covenant or protocol. Validity: in force from `validFrom` through `validTo`
 * (inclusive, Europe/Amsterdam calendar days). With tacit renewal it stays in force after `validTo`,
 * period by period, until a version that supersedes it takes effect; without termination notices
 * (which these covenants do not model) that means: until `supersededFrom`.
 */
export interface Covenant {
  readonly id: string;
  readonly version: number;
  /** `id@version`. */
  readonly key: string;
  readonly title: string;
  readonly parties: readonly CovenantParty[];
  readonly purposes: readonly PurposeDef[];
  readonly legalBasis: readonly LegalBasis[];
  /** Region ids. */
  readonly regions: readonly string[];
  /** The kind of its regions (all one kind): `inViewerRegion` asks for the viewer's region of this kind. */
  readonly regionKind: RegionKind;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly tacitRenewal: boolean;
  /** Length of a renewal period; null without tacit renewal. */
  readonly renewalPeriodMonths: number | null;
  /** Key of the version this one replaces. */
  readonly supersedes: string | null;
  /** Key of the version that replaces this one (computed from the others' `supersedes`). */
  readonly supersededBy: string | null;
  /** The day `supersededBy` takes effect: from then on this version grants nothing. */
  readonly supersededFrom: string | null;
  /** The data categories the grants name, with their coordinates. */
  readonly dataCategories: readonly { readonly name: string; readonly coordinates: readonly string[] }[];
  readonly grants: readonly CovenantGrant[];
  /** Grants to act (issue 13); empty for a covenant that only lets parties read. */
  readonly acts: readonly CovenantActGrant[];
  readonly examples: readonly CovenantExample[];
  readonly actExamples: readonly CovenantActExample[];
  readonly source: SourceRef;
}
