/**
 * One line of the audit trail (DOMAIN section 5): modelled on Logboek Dataverwerkingen (one line per data
 * subject, W3C trace context, pseudonymised subject, link to the processing activity) and on NEN 7513
 * (event, time, client, user, access point). It names what was released and withheld, never a value.
 */

export const AUDIT_ENTRY_KINDS = ['access', 'search', 'audit-query', 'explain'] as const;
export type AuditEntryKind = (typeof AUDIT_ENTRY_KINDS)[number];

export const AUDIT_OUTCOMES = ['released', 'partially-released', 'withheld', 'not-found', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** One policy decision, as the policy engine made it: which agreement, article and rule produced it. */
export interface AuditDecision {
  id: string;
  /** Schema coordinate (`Type.field`) the decision is about. */
  coordinate: string;
  effect: 'allow' | 'deny';
  reason: string;
  /** `id@version` of the agreement that granted or would have granted; null for deny-by-default. */
  agreementKey: string | null;
  article: string | null;
  ruleId: string | null;
  /** Name of the grant condition that did not hold, for the privacy officer's explanation. */
  failedCondition: string | null;
}

export interface AuditViewer {
  agencyId: string;
  /** Pseudonymous user id (the token's `sub`). */
  userId: string;
  role: string;
}

export interface AuditEntryInput {
  /** W3C trace id of the request. */
  traceId: string;
  operationId: string;
  operationName: string | null;
  time: Date;
  kind: AuditEntryKind;
  viewer: AuditViewer;
  purpose: string;
  processingActivity: string;
  /** Owner agency id of the record (null for searches). */
  owner: string | null;
  /** 'Report', 'Child', ... */
  entityType: string | null;
  /** The gateway's opaque id, never an agency-internal id in clear. */
  entityId: string | null;
  /** Pseudonym of the data subject: keyed HMAC of the BSN (see pseudonymize.ts), never the BSN. */
  subject: string | null;
  /**
   * Pseudonyms of the other persons a household-level record (a household, report, referral or
   * involvement) is about: the household's members besides `subject`, sorted. Empty for a record about
   * one person and for searches. A subject filter matches these as well as `subject`, so a person's
   * access request finds every read of the reports about their household.
   */
  relatedSubjects: string[];
  /** Coordinate names only, never values. */
  fieldsReleased: string[];
  fieldsWithheld: string[];
  decisions: AuditDecision[];
  /** Search arguments, pseudonymised where personal (a BSN becomes its pseudonym). */
  searchTerms: Record<string, string> | null;
  outcome: AuditOutcome;
}

/** An entry as stored: its place in the hash chain. */
export interface AuditEntry extends AuditEntryInput {
  seq: number;
  /** Hash of the entry before this one (or of the genesis / a prune checkpoint). */
  prevHash: string;
  /** sha256(prevHash || canonical JSON of the entry including seq), lowercase hex. */
  hash: string;
}
