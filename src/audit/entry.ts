/**
 * One line of the audit trail (DOMAIN section 5): modelled on Logboek Dataverwerkingen (one line per data
 * subject, W3C trace context, pseudonymised subject, link to the processing activity) and on NEN 7513
 * (event, time, client, user, access point). It names what was released and withheld, never a value.
 */

export const AUDIT_ENTRY_KINDS = ['access', 'search', 'audit-query', 'explain', 'act', 'notification'] as const;
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
  /**
   * NEN 7513 "verantwoordelijke gebruiker": the user on whose behalf the access was made, when the token
   * says so (RFC 8693 `act`: the acting party is then `userId`'s delegate); null when the user acted for
   * themselves.
   */
  responsibleUserId: string | null;
  /** NEN 7513 access point: the client system the token was issued to (`azp` or `client_id`), null if none. */
  accessPoint: string | null;
}

/**
 * Whether a record is about one person or about a household as a whole (ketenpoort's own: Logboek
 * Dataverwerkingen's `dpl.core.data_subject_id_type` is the kind of identifier, see docs/audit-ldv.md).
 */
export const SUBJECT_TYPES = ['person', 'household'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** A referral as a policy condition saw it: agencies and categories, never content. */
export interface AuditReferralFact {
  fromAgencyId: string | null;
  toAgencyId: string | null;
  kind: string | null;
  status: string | null;
}

/**
 * The facts the policy evaluated for the record's decisions, as it evaluated them, kept (and hashed) with
 * the entry so a decision can be replayed later under another covenant version. Null when no decision
 * about the record looked at facts (the viewer's own record, data-independent coordinates).
 */
export interface AuditFacts {
  municipality: string | null;
  householdHasMinors: boolean;
  subjectIsMinor: boolean | null;
  viewerInvolved: boolean;
  referrals: AuditReferralFact[];
  /**
   * The children's roles (DIRECT_VICTIM, WITNESS_OF_PARTNER_VIOLENCE) the facts held, as text like the
   * referrals' kinds. Absent when none: so entries without child roles, and every entry recorded before
   * the fact existed, hash exactly as they did.
   */
  childRoles?: string[];
}

export interface AuditEntryInput {
  /** W3C trace id of the request. */
  traceId: string;
  /** W3C span id of the gateway's span for the request (LDV `spanId`); null outside a trace. */
  spanId: string | null;
  /** The caller's span the request continued (the `traceparent` parent id), null when it started the trace. */
  parentSpanId: string | null;
  operationId: string;
  operationName: string | null;
  /** When processing started (LDV `startTime`). */
  time: Date;
  /** When processing ended, i.e. when the entry was handed to the trail (LDV `endTime`). */
  endTime: Date;
  kind: AuditEntryKind;
  viewer: AuditViewer;
  purpose: string;
  /** Id of the processing activity in the register (covenants/processing-activities.yaml) the purpose maps to. */
  processingActivity: string;
  /** Owner agency id of the record (null for searches). */
  owner: string | null;
  /** 'Report', 'Child', ... */
  entityType: string | null;
  /**
   * Keyed pseudonym of the record (`pe_`, see pseudonymize.ts): never the sealed id callers' ids are
   * derived from, which the gateway's id key could open.
   */
  entityId: string | null;
  /** Pseudonym of the data subject: keyed HMAC of the BSN (see pseudonymize.ts), never the BSN. */
  subject: string | null;
  /** Whether the record is about one person or about a household as a whole; null for searches. */
  subjectType: SubjectType | null;
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
  facts: AuditFacts | null;
  /** Search arguments, pseudonymised where personal (a BSN becomes its pseudonym). */
  searchTerms: Record<string, string> | null;
  outcome: AuditOutcome;
}

/**
 * An entry as stored: its place in the trail. The chain links requests, not entries (unit.ts): each
 * request's entries are the leaves of a hash tree whose root its chained header carries.
 */
export interface AuditEntry extends AuditEntryInput {
  /** The entry's number, across the whole trail, in commit order. */
  seq: number;
  /** The number of the request (chained unit) the entry belongs to. */
  requestSeq: number;
  /** RFC 6962 leaf hash of the entry's document (unit.ts entryDocument), hex. */
  leafHash: string;
  /** The request's chained hash: sha256(prevHash || sha256(header)), hex. */
  requestHash: string;
  /** The hash of the request before (or of genesis / a prune checkpoint). */
  prevHash: string;
}
