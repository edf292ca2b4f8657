/** The access matrix's shapes (matrix.ts and matrix-acts.ts build them; the formatters and GraphQL read them). */
import type { ActKind } from '#domain/acts.ts';
import type { AgencyKind, ReferralKind } from '#domain/records.ts';
import type { Condition, Covenant, SourceRef } from '#src/policy/index.ts';
import type { AgreementRef, PolicyDataCategory } from '#src/policy/index.ts';
import type { ValidityStatus } from '#src/policy/index.ts';

/** The agencies of one kind a grant binds: named ones, or null for every agency of the kind. */
export interface MatrixParty {
  readonly kind: AgencyKind;
  readonly agencyIds: readonly string[] | null;
}

/** One grant in force, as a cell cites it. */
export interface MatrixGrant {
  /** `id@version#grantId`, unique in the policy. */
  readonly id: string;
  readonly agreement: AgreementRef;
  readonly title: string;
  readonly ruleId: string;
  readonly purposes: readonly string[];
  /** Region ids of the agreement. */
  readonly regions: readonly string[];
  readonly conditions: readonly Condition[];
  /** The conditions in words (describeCondition), as the engine evaluates them; all must hold. */
  readonly conditionTexts: readonly string[];
  readonly parties: readonly MatrixParty[];
  readonly validity: ValidityStatus;
  readonly source: SourceRef;
}

/** A field one kind may read of another's records: the grants that may release it, in the engine's order. */
export interface MatrixCell {
  readonly viewerKind: AgencyKind;
  readonly ownerKind: AgencyKind;
  readonly grants: readonly MatrixGrant[];
}

export interface MatrixRow {
  readonly coordinate: string;
  /** Never leaves its owner (DOMAIN rule 7): no cell, whatever a covenant says. */
  readonly ownerOnly: boolean;
  /** Only the allowed cells; every other viewer/owner pair is denied. */
  readonly cells: readonly MatrixCell[];
}

export interface AccessMatrix {
  readonly day: string;
  readonly region: string | null;
  readonly purpose: string | null;
  readonly kinds: readonly AgencyKind[];
  /** Viewer/owner kind pairs with at least one allowed cell, in kind order: the grid's columns. */
  readonly columns: readonly { readonly viewerKind: AgencyKind; readonly ownerKind: AgencyKind }[];
  /** Every coordinate that is not public, owner-only ones included. */
  readonly rows: readonly MatrixRow[];
  /** Every grant some cell cites, in policy order. */
  readonly grants: readonly MatrixGrant[];
  /** The agreement versions those grants belong to (with their worked examples). */
  readonly agreements: readonly Covenant[];
  readonly publicCoordinates: readonly string[];
  readonly ownerOnlyCoordinates: readonly string[];
  /**
   * The organisations of the registry on the day (covenants/organisations.yaml): which exist, and who
   * controls the records of each (itself, or the successor it handed them to). Empty without a registry.
   */
  readonly organisations: readonly MatrixOrganisation[];
  /**
   * The acts (issue 13) some act grant in force allows between organisations that exist on the day,
   * under the region and purpose filters: one per act, sender, receiver, referral kind and purpose.
   */
  readonly acts: readonly MatrixAct[];
  /** The data categories (covenants/data-categories.yaml), in written order: what the console groups rows by. */
  readonly dataCategories: readonly PolicyDataCategory[];
  /**
   * Who may see what of whom on the day, organisation by organisation (matrix-sharing.ts): one per
   * viewer and owner organisation with some field allowed, under the same filters as the cells.
   */
  readonly sharing: readonly MatrixSharing[];
}

/** What one organisation may read of another's records on the matrix's day: the cells, by organisation. */
export interface MatrixSharing {
  readonly viewerId: string;
  readonly viewerKind: AgencyKind;
  readonly ownerId: string;
  readonly ownerKind: AgencyKind;
  /** The purposes (of the filter) some grant allows it for. */
  readonly purposes: readonly string[];
  /** The fields it may read, in row order. */
  readonly coordinates: readonly string[];
  /** Data categories all of whose governed fields it may read, none inside another one listed. */
  readonly categories: readonly string[];
  /** The fields none of those categories holds. */
  readonly otherCoordinates: readonly string[];
  /** The grants that may allow it, in policy order; each only when its conditions hold. */
  readonly grants: readonly MatrixGrant[];
}

/** An act grant in force, as an act row cites it. */
export interface MatrixActGrant {
  /** `id@version#grantId`, unique in the policy. */
  readonly id: string;
  readonly agreement: AgreementRef;
  readonly title: string;
  readonly ruleId: string;
  /** Region ids of the agreement. */
  readonly regions: readonly string[];
  /** What this grant lets travel. */
  readonly coordinates: readonly string[];
  readonly conditions: readonly Condition[];
  /** The conditions in words, the sender and receiver named as such; all must hold. */
  readonly conditionTexts: readonly string[];
  readonly validity: ValidityStatus;
  readonly source: SourceRef;
}

/** What one organisation may deliver into another's system on the day, and under which grants. */
export interface MatrixAct {
  readonly act: ActKind;
  readonly senderId: string;
  readonly senderKind: AgencyKind;
  readonly receiverId: string;
  readonly receiverKind: AgencyKind;
  /** The referral kind a handover or referral carries out; null for answers and feedback. */
  readonly referralKind: ReferralKind | null;
  readonly purpose: string;
  /** What may travel: the union over the grants, as decideAct makes it when all of them allow. Empty: the act carries only itself. */
  readonly coordinates: readonly string[];
  /** The grants that may allow it, in the order decideAct tries them; each only when its conditions hold. */
  readonly grants: readonly MatrixActGrant[];
}

/** One organisation on the matrix's day. */
export interface MatrixOrganisation {
  readonly id: string;
  readonly name: string;
  readonly kind: AgencyKind;
  readonly homeRegion: string;
  /** Whether it exists on the day: only organisations that exist read anything. */
  readonly exists: boolean;
  /** The controller of the records it created, on the day: itself, or its successor. */
  readonly controller: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  /** Whether it serves some municipality of the region filter (any region kind); true without one. */
  readonly inRegion: boolean;
}
