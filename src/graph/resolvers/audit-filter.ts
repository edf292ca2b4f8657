/**
 * Internal: an AuditEntryFilter as the store takes it, for auditEntries and auditSummary alike, so the
 * two cannot disagree on what an officer may count: the scope (the caller's agency as viewer, or the
 * owners it answers for) is set here and nowhere else, and what was searched is entered in the trail
 * in the form the trail may hold (pseudonyms only).
 */
import { controlledOwners } from '#src/graph/controlled-owners.ts';
import { isAuditStoreError } from '#src/audit/errors.ts';
import { isEntityPseudonym, isPseudonym } from '#src/audit/pseudonymize.ts';
import type { AuditFilter } from '#src/audit/store.ts';
import { kindOfId } from '#src/households/ids.ts';
import type { GatewayContext } from '#src/graph/context.ts';
import type { AuditEntryFilter } from '#generated/graphql.ts';
import { gatewayError } from '#domain/errors.ts';
import { isValidBsn } from '#domain/bsn.ts';
import { takenId } from '../caller-ids.ts';

const KIND_IN = { ACCESS: 'access', SEARCH: 'search', AUDIT_QUERY: 'audit-query', EXPLAIN: 'explain', ACT: 'act', NOTIFICATION: 'notification' } as const;
const TRACE_ID = /^[0-9a-f]{32}$/;
/** The gateway's request ids (fastify genReqId: src/gateway/request-id.ts, a random UUID). */
const OPERATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The trail's pseudonym of the record an officer names: a pe_ pseudonym as the trail shows it, or one
 * of the officer's own organisation's ids, opened to the record id the trail's pseudonym is made from.
 * Null for anything else (another organisation's id, forged, a case reference): an empty page, exactly
 * as for a record never entered, so the filter says nothing about ids the officer was not given.
 */
function entityPseudonymOf(context: GatewayContext, id: string): string | null {
  if (isEntityPseudonym(id)) return id;
  const kind = kindOfId(id);
  const recordId = kind && kind !== 'caseReference' ? takenId(context, kind, id) : null;
  return recordId === null ? null : context.services.entityPseudonym(recordId);
}

function requestIds(input: { traceId?: string | null; operationId?: string | null }): { traceId?: string; operationId?: string } {
  const traceId = input.traceId?.toLowerCase();
  const operationId = input.operationId?.toLowerCase();
  if (traceId !== undefined && !TRACE_ID.test(traceId)) throw gatewayError('BAD_USER_INPUT', 'traceId must be a W3C trace id: 32 hex digits.');
  if (operationId !== undefined && !OPERATION_ID.test(operationId)) throw gatewayError('BAD_USER_INPUT', 'operationId must be an operation id as the trail shows it (a UUID).');
  return { ...(traceId ? { traceId } : {}), ...(operationId ? { operationId } : {}) };
}

/**
 * The filter's free-text values, checked against what the trail can hold: they go into the entry of the
 * officer's own read, and the trail refuses any value that looks like a BSN (fail closed), which turned a
 * mistyped filter into 503 AUDIT_UNAVAILABLE. An agency or agreement the gateway does not know, or a
 * subject that is not a pseudonym, is the caller's to correct.
 */
function checkNames(context: GatewayContext, input: { viewerAgencyId?: string | null; ownerAgencyId?: string | null; agreementKey?: string | null; subjectPseudonym?: string | null }): void {
  for (const name of ['viewerAgencyId', 'ownerAgencyId'] as const) {
    const agencyId = input[name];
    if (agencyId && !context.services.agencyNode(agencyId)) throw gatewayError('BAD_USER_INPUT', `${name} names no agency of the gateway.`);
  }
  if (input.agreementKey && !context.services.covenants.some((covenant) => covenant.key === input.agreementKey)) {
    throw gatewayError('BAD_USER_INPUT', 'agreementKey names no agreement version (id@version) of the gateway.');
  }
  if (input.subjectPseudonym && !isPseudonym(input.subjectPseudonym)) throw gatewayError('BAD_USER_INPUT', 'subjectPseudonym must be a pseudonym as the trail shows it (ps_...).');
}

/**
 * The store's filter for the officer's search, or null when it names a record the officer's organisation
 * was never given (an empty answer, as for a record never entered). `terms`: what the trail enters of it.
 */
export function scopedAuditFilter(context: GatewayContext, input: AuditEntryFilter): { filter: AuditFilter | null; terms: Record<string, string> } {
  if (input.subjectBsn && !isValidBsn(input.subjectBsn)) throw gatewayError('BAD_USER_INPUT', 'subjectBsn must be a nine-digit number that passes the eleven-test.');
  checkNames(context, input);
  const subject = input.subjectBsn ? context.services.pseudonymize(input.subjectBsn) : input.subjectPseudonym ?? undefined;
  const entityId = input.entityId ? entityPseudonymOf(context, input.entityId) : undefined;
  const filter: AuditFilter = {
    scopeAgencyId: context.caller.agencyId,
    scopeOwners: controlledOwners(context),
    ...(subject ? { subject } : {}),
    ...(input.viewerAgencyId ? { viewerAgencyId: input.viewerAgencyId } : {}),
    ...(input.ownerAgencyId ? { ownerAgencyId: input.ownerAgencyId } : {}),
    ...(input.agreementKey ? { agreementKey: input.agreementKey } : {}),
    ...(input.from ? { from: new Date(input.from) } : {}),
    ...(input.to ? { to: new Date(input.to) } : {}),
    ...(input.kind ? { kind: KIND_IN[input.kind] } : {}),
    ...requestIds(input),
    ...(entityId ? { entityId } : {}),
  };
  // What was searched, as the trail may hold it: a subject and a record by pseudonym only (the id an
  // officer is shown is one the gateway's key opens; the trail holds nothing reversible).
  const terms: Record<string, string> = { scope: context.caller.agencyId };
  for (const [name, value] of Object.entries({ ...input, subjectBsn: undefined, entityId: undefined })) if (value) terms[name] = String(value);
  if (subject) terms.subject = subject;
  if (input.entityId) terms.entityId = entityId ?? 'no record of this organisation';
  if (filter.traceId) terms.traceId = filter.traceId;
  if (filter.operationId) terms.operationId = filter.operationId;
  return { filter: entityId === null ? null : filter, terms };
}

/** What the store refuses as an argument (a date out of its range) is the caller's to correct. */
export async function asUserInputError<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isAuditStoreError(error) && error.code === 'AUDIT_INVALID_ARGUMENT') throw gatewayError('BAD_USER_INPUT', 'The audit filter or page is out of range.');
    throw error;
  }
}
