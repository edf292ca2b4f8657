/**
 * The audit trail through GraphQL, for privacy officers: an agency only ever gets the entries of its
 * own requests and of accesses to its own records. Reading the trail is itself entered in it.
 */
import { answersFor } from '#src/graph/controlled-owners.ts';
import type { AuditEntry, AuditFacts } from '#src/audit/entry.ts';
import { decodeCursor, encodeCursor } from '#src/audit/cursor.ts';
import type { AuditPage } from '#src/audit/store.ts';
import { MAX_AUDIT_PAGE } from '#src/audit/store.ts';
import type { GatewayContext } from '#src/graph/context.ts';
import type { QueryAuditEntriesArgs } from '#generated/graphql.ts';
import { gatewayError } from '#domain/errors.ts';
import { asUserInputError, scopedAuditFilter } from './audit-filter.ts';
import { officerOnly } from './require-role.ts';

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

export const auditResolvers = {
  Query: {
    auditEntries: officerOnly(async (_root: unknown, args: QueryAuditEntriesArgs, context: GatewayContext) => {
      const first = args.first ?? 50;
      if (!(first >= 1 && first <= MAX_AUDIT_PAGE)) throw gatewayError('BAD_USER_INPUT', `first must be between 1 and ${MAX_AUDIT_PAGE}.`);
      const after = cursorAfter(args.after);
      const { filter, terms } = scopedAuditFilter(context, args.filter ?? {});
      const page = filter === null ? EMPTY_PAGE : await asUserInputError(() => context.services.audit.query(filter, { first, ...(after ? { after } : {}) }));
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
