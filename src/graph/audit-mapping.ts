/**
 * What the auditEntries resolver needs from this module: the GraphQL filter turned into a store
 * filter (always scoped to the caller's agency, a BSN pseudonymised before anything sees it), a page
 * of entries turned into the connection, and the search terms under which the audit query itself is
 * logged (kind 'audit-query').
 */
import type {
  AuditEntry as GqlAuditEntry, AuditEntryConnection, AuditEntryFilter as GqlAuditEntryFilter, AuditEntryKind as GqlKind,
} from '#generated/graphql.ts';
import { encodeCursor } from '../audit/cursor.ts';
import type { AuditEntry, AuditEntryKind } from '../audit/entry.ts';
import { AuditStoreError } from '../audit/errors.ts';
import { isPseudonym, type Pseudonymizer } from '../audit/pseudonymize.ts';
import type { AuditFilter, AuditPage } from '../audit/store.ts';

const KIND_FROM_GQL: Record<GqlKind, AuditEntryKind> = { ACCESS: 'access', SEARCH: 'search', AUDIT_QUERY: 'audit-query', EXPLAIN: 'explain' };

function date(value: string | null | undefined, field: string): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new AuditStoreError('AUDIT_INVALID_ARGUMENT', `auditEntries: ${field} is not a DateTime`);
  return parsed;
}

/** The pseudonym a filter asks about, if any; a BSN is pseudonymised here and goes no further. */
function subjectOf(filter: GqlAuditEntryFilter, pseudonymize: Pseudonymizer): string | undefined {
  let fromBsn: string | undefined;
  if (filter.subjectBsn != null) {
    try {
      fromBsn = pseudonymize(filter.subjectBsn);
    } catch {
      throw new AuditStoreError('AUDIT_INVALID_ARGUMENT', 'auditEntries: subjectBsn is not a BSN');
    }
  }
  const given = filter.subjectPseudonym ?? undefined;
  if (given !== undefined && !isPseudonym(given)) throw new AuditStoreError('AUDIT_INVALID_ARGUMENT', 'auditEntries: subjectPseudonym is not a pseudonym');
  if (fromBsn !== undefined && given !== undefined && fromBsn !== given) {
    throw new AuditStoreError('AUDIT_INVALID_ARGUMENT', 'auditEntries: subjectBsn and subjectPseudonym name different subjects');
  }
  return fromBsn ?? given;
}

/** The store filter for one caller: the scope is set from the caller's agency and cannot be widened. */
export function toAuditFilter(filter: GqlAuditEntryFilter | null | undefined, callerAgencyId: string, pseudonymize: Pseudonymizer): AuditFilter {
  const input = filter ?? {};
  const result: AuditFilter = { scopeAgencyId: callerAgencyId };
  const subject = subjectOf(input, pseudonymize);
  if (subject !== undefined) result.subject = subject;
  if (input.viewerAgencyId != null) result.viewerAgencyId = input.viewerAgencyId;
  if (input.ownerAgencyId != null) result.ownerAgencyId = input.ownerAgencyId;
  if (input.agreementKey != null) result.agreementKey = input.agreementKey;
  const from = date(input.from, 'from');
  const to = date(input.to, 'to');
  if (from) result.from = from;
  if (to) result.to = to;
  if (input.kind != null) result.kind = KIND_FROM_GQL[input.kind];
  return result;
}

/** How the audit query itself is logged: the filter's terms, with the subject only as pseudonym. */
export function auditQuerySearchTerms(filter: AuditFilter): Record<string, string> {
  const terms: Record<string, string> = {};
  for (const [name, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    terms[name] = value instanceof Date ? value.toISOString() : String(value);
  }
  return terms;
}

const upper = <T extends string>(value: string): T => value.toUpperCase().replaceAll('-', '_') as T;

export function toGqlAuditEntry(entry: AuditEntry): GqlAuditEntry {
  return {
    seq: String(entry.seq),
    prevHash: entry.prevHash,
    hash: entry.hash,
    traceId: entry.traceId,
    operationId: entry.operationId,
    operationName: entry.operationName,
    time: entry.time.toISOString(),
    kind: upper(entry.kind),
    viewer: { ...entry.viewer },
    purpose: entry.purpose,
    processingActivity: entry.processingActivity,
    ownerAgencyId: entry.owner,
    entityType: entry.entityType,
    entityId: entry.entityId,
    subject: entry.subject,
    relatedSubjects: [...entry.relatedSubjects],
    fieldsReleased: [...entry.fieldsReleased],
    fieldsWithheld: [...entry.fieldsWithheld],
    decisions: entry.decisions.map((decision) => ({ ...decision, effect: upper(decision.effect) })),
    searchTerms: entry.searchTerms === null ? null : Object.entries(entry.searchTerms).map(([name, value]) => ({ name, value })),
    outcome: upper(entry.outcome),
  };
}

export function toAuditEntryConnection(page: AuditPage): AuditEntryConnection {
  return {
    edges: page.entries.map((entry) => ({
      cursor: encodeCursor(entry.seq),
      node: toGqlAuditEntry(entry),
    })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
  };
}
