/**
 * What a decision is asked and what it answers. A decision is a value carrying the agreement,
 * version, article and rule that produced it; the gateway turns a deny into a redaction at the edge.
 */
import type { AgencyKind, OwnerTag } from '#domain/records.ts';
import type { RecordFacts } from './facts.ts';

export interface Viewer {
  readonly agencyId: string;
  readonly kind: AgencyKind;
  /** Region id of the viewer's agency. */
  readonly region: string;
}

export interface AccessRequest {
  readonly viewer: Viewer;
  /** The purpose the request declared (DOMAIN rule 8). */
  readonly purpose: string;
  readonly owner: OwnerTag;
  readonly facts: RecordFacts;
  /** Schema coordinate of a concrete object type's field, e.g. `Report.narrative`. */
  readonly coordinate: string;
  /** The instant the request is judged at; validity is decided on its Europe/Amsterdam calendar day. */
  readonly at: Date;
}

export type DecisionReason =
  | 'PUBLIC' | 'OWNER' | 'GRANT' | 'NO_GRANT' | 'PURPOSE_NOT_COVERED' | 'CONDITIONS_NOT_MET' | 'OWNER_ONLY';

export const DECISION_REASONS: readonly DecisionReason[] = Object.freeze([
  'PUBLIC', 'OWNER', 'GRANT', 'NO_GRANT', 'PURPOSE_NOT_COVERED', 'CONDITIONS_NOT_MET', 'OWNER_ONLY',
]);

export interface AgreementRef {
  readonly id: string;
  readonly version: number;
  /** `id@version`. */
  readonly key: string;
  readonly article: string;
}

export interface Decision {
  readonly effect: 'allow' | 'deny';
  readonly reason: DecisionReason;
  readonly coordinate: string;
  /** The grant's agreement for GRANT, and for CONDITIONS_NOT_MET the first grant that was tried. */
  readonly agreement?: AgreementRef;
  /** Grant id, or the engine rule (`public-field`, `owner-access`, `owner-only`) for the others. */
  readonly ruleId?: string;
  /** The first condition that did not hold, in words. For privacy officers only: never show it to the caller. */
  readonly failedCondition?: string;
}

/** Engine rule ids of the decisions no covenant makes. */
export const ENGINE_RULES = Object.freeze({
  public: 'public-field',
  /** DOMAIN rule 10. */
  owner: 'owner-access',
  /** DOMAIN rule 7. */
  ownerOnly: 'owner-only',
});

export type RedactionReasonCode = 'NO_GRANT' | 'PURPOSE_NOT_COVERED' | 'CONDITIONS_NOT_MET' | 'OWNER_ONLY';

/**
 * The reason a caller sees for a withheld field (schema RedactionReason), or null when released. It
 * carries the reason code only: which condition failed would tell the caller something about the record.
 */
export function redactionReasonOf(decision: Decision): RedactionReasonCode | null {
  switch (decision.reason) {
    case 'PUBLIC': case 'OWNER': case 'GRANT': return null;
    default: return decision.reason;
  }
}
