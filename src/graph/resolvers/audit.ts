/**
 * The audit trail through GraphQL, for privacy officers: an agency only ever gets the entries of its
 * own requests and of accesses to its own records. Reading the trail is itself entered in it.
 */
import { answersFor, controlledOwners } from '#src/graph/controlled-owners.ts';
import type { AuditEntry, AuditFacts } from '#src/audit/entry.ts';
import { decodeCursor, encodeCursor } from '#src/audit/cursor.ts';
import { isAuditStoreError } from '#src/audit/errors.ts';
import { isEntityPseudonym, isPseudonym } from '#src/audit/pseudonymize.ts';
import type { AuditFilter, AuditPage } from '#src/audit/store.ts';
import { MAX_AUDIT_PAGE } from '#src/audit/store.ts';
import { kindOfId } from '#src/households/ids.ts';
import type { GatewayContext } from '#src/graph/context.ts';
import type { QueryAuditEntriesArgs } from '#generated/graphql.ts';
import { gatewayError } from '#domain/errors.ts';
import { isValidBsn } from '#domain/bsn.ts';
import { takenId } from '../caller-ids.ts';
import { officerOnly } from './require-role.ts';

const KIND_IN = { ACCESS: 'access', SEARCH: 'search', AUDIT_QUERY: 'audit-query', EXPLAIN: 'explain', ACT: 'act', NOTIFICATION: 'notification' } as const;
const TRACE_ID = /^[0-9a-f]{32}$/;
/** The gateway's request ids (fastify genReqId: randomUUID). */
const OPERATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EMPTY_PAGE: AuditPage = { entries: [], endCursor: null, hasNextPage: false };

/**
 * The cursor to continue after, exactly as the trail handed it out (an edge's cursor or endCursor). A
 * cursor the store cannot read is the caller's mistake, said as BAD_USER_INPUT, never an internal error.
 * Decoding base64url skips what it cannot read, so only the canonical form is taken: "c2VxOjE3!!" would
 * otherwise be seq 17.
 */
function cursorAfter(after: string | null | undefined): string | undefined {
  if (after === null || after === undefined) return undefined;
  let seq: number | null;
  try {
    seq = decodeCursor(after);
  } catch {
    seq = null;
  }
  if (seq === null || encodeCursor(seq) !== after) {
    throw gatewayError('BAD_USER_INPUT', 'after is not a cursor of the audit trail: give an edge cursor or pageInfo.endCursor as it was returned.');
  }
  return after;
}

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

async function readPage(context: GatewayContext, filter: AuditFilter, first: number, after: string | undefined): Promise<AuditPage> {
  try {
    return await context.services.audit.query(filter, { first, ...(after ? { after } : {}) });
  } catch (error) {
    // What the store refuses as an argument (a date out of its range) is the caller's to correct.
    if (isAuditStoreError(error) && error.code === 'AUDIT_INVALID_ARGUMENT') throw gatewayError('BAD_USER_INPUT', 'The audit filter or page is out of range.');
    throw error;
  }
}

export const auditResolvers = {
  Query: {
    auditEntries: officerOnly(async (_root: unknown, args: QueryAuditEntriesArgs, context: GatewayContext) => {
      const input = args.filter ?? {};
      if (input.subjectBsn && !isValidBsn(input.subjectBsn)) throw gatewayError('BAD_USER_INPUT', 'subjectBsn must be a nine-digit number that passes the eleven-test.');
      const first = args.first ?? 50;
      if (!(first >= 1 && first <= MAX_AUDIT_PAGE)) throw gatewayError('BAD_USER_INPUT', `first must be between 1 and ${MAX_AUDIT_PAGE}.`);
      const after = cursorAfter(args.after);
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
      const page = entityId === null ? EMPTY_PAGE : await readPage(context, filter, first, after);
      // What was searched, as the trail may hold it: a subject and a record by pseudonym only (the id an
      // officer is shown is one the gateway's key opens; the trail holds nothing reversible).
      const terms: Record<string, string> = { scope: context.caller.agencyId };
      for (const [name, value] of Object.entries({ ...input, subjectBsn: undefined, entityId: undefined })) if (value) terms[name] = String(value);
      if (subject) terms.subject = subject;
      if (input.entityId) terms.entityId = entityId ?? 'no record of this organisation';
      if (filter.traceId) terms.traceId = filter.traceId;
      if (filter.operationId) terms.operationId = filter.operationId;
      context.enforcement.audit.search(terms, page.entries.length > 0 ? 'released' : 'not-found', 'audit-query');
      return {
        edges: page.entries.map((entry) => ({ cursor: encodeCursor(entry.seq), node: entry })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      };
    }),
  },
  AuditEntry: {
    seq: (entry: AuditEntry) => String(entry.seq),
    requestSeq: (entry: AuditEntry) => String(entry.requestSeq),
    hash: (entry: AuditEntry) => entry.leafHash,
    time: (entry: AuditEntry) => entry.time.toISOString(),
    endTime: (entry: AuditEntry) => entry.endTime.toISOString(),
    subjectType: (entry: AuditEntry) => entry.subjectType?.toUpperCase() ?? null,
    // The facts a decision evaluated are the record's (minors, referrals): its owner's officer sees them,
    // the viewer's officer does not (DOMAIN rule 1), as in explanations and replays.
    facts: (entry: AuditEntry, _args: unknown, context: GatewayContext) => (answersFor(context, entry.owner) ? entry.facts : null),
    kind: (entry: AuditEntry) => entry.kind.toUpperCase().replace('-', '_'),
    ownerAgencyId: (entry: AuditEntry) => entry.owner,
    outcome: (entry: AuditEntry) => entry.outcome.toUpperCase().replace('-', '_'),
    // Which condition failed tells what another organisation's record holds (minors, referrals, region):
    // that organisation's officer's to know, not the viewer's (DOMAIN rule 1). The decision, agreement and
    // grant stay: they are what the viewer's own request was answered with.
    decisions: (entry: AuditEntry, _args: unknown, context: GatewayContext) => (answersFor(context, entry.owner)
      ? entry.decisions : entry.decisions.map((decision) => ({ ...decision, failedCondition: null }))),
    searchTerms: (entry: AuditEntry) => (entry.searchTerms ? Object.entries(entry.searchTerms).map(([name, value]) => ({ name, value })) : null),
  },
  AuditDecision: {
    effect: (decision: { effect: string }) => decision.effect.toUpperCase(),
  },
  AuditFacts: {
    // Recorded only when there were any (entries from before the fact existed hash as they did).
    childRoles: (facts: AuditFacts) => facts.childRoles ?? [],
  },
};
