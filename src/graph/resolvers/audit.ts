/**
 * The audit trail through GraphQL, for privacy officers: an agency only ever gets the entries of its
 * own requests and of accesses to its own records. Reading the trail is itself entered in it.
 */
import type { AuditEntry } from '#src/audit/entry.ts';
import type { AuditFilter } from '#src/audit/store.ts';
import { MAX_AUDIT_PAGE } from '#src/audit/store.ts';
import type { GatewayContext } from '#src/graph/context.ts';
import { gatewayError } from '#domain/errors.ts';
import { isValidBsn } from '#domain/bsn.ts';
import { officerOnly } from './require-role.ts';

interface AuditEntriesArgs {
  readonly filter?: {
    subjectBsn?: string | null; subjectPseudonym?: string | null; viewerAgencyId?: string | null; ownerAgencyId?: string | null;
    agreementKey?: string | null; from?: string | null; to?: string | null; kind?: string | null;
  } | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

const KIND_IN = { ACCESS: 'access', SEARCH: 'search', AUDIT_QUERY: 'audit-query', EXPLAIN: 'explain' } as const;

export const auditResolvers = {
  Query: {
    auditEntries: officerOnly(async (_root: unknown, args: AuditEntriesArgs, context: GatewayContext) => {
      const input = args.filter ?? {};
      if (input.subjectBsn && !isValidBsn(input.subjectBsn)) throw gatewayError('BAD_USER_INPUT', 'subjectBsn must be a nine-digit number that passes the eleven-test.');
      const subject = input.subjectBsn ? context.services.pseudonymize(input.subjectBsn) : input.subjectPseudonym ?? undefined;
      const filter: AuditFilter = {
        scopeAgencyId: context.caller.agencyId,
        ...(subject ? { subject } : {}),
        ...(input.viewerAgencyId ? { viewerAgencyId: input.viewerAgencyId } : {}),
        ...(input.ownerAgencyId ? { ownerAgencyId: input.ownerAgencyId } : {}),
        ...(input.agreementKey ? { agreementKey: input.agreementKey } : {}),
        ...(input.from ? { from: new Date(input.from) } : {}),
        ...(input.to ? { to: new Date(input.to) } : {}),
        ...(input.kind ? { kind: KIND_IN[input.kind as keyof typeof KIND_IN] } : {}),
      };
      const first = args.first ?? 50;
      if (!(first >= 1 && first <= MAX_AUDIT_PAGE)) throw gatewayError('BAD_USER_INPUT', `first must be between 1 and ${MAX_AUDIT_PAGE}.`);
      const page = await context.services.audit.query(filter, { first, ...(args.after ? { after: args.after } : {}) });
      const terms: Record<string, string> = { scope: context.caller.agencyId };
      for (const [name, value] of Object.entries({ ...input, subjectBsn: undefined })) if (value) terms[name] = String(value);
      if (subject) terms.subject = subject;
      context.enforcement.audit.search(terms, page.entries.length > 0 ? 'released' : 'not-found', 'audit-query');
      return {
        edges: page.entries.map((entry) => ({ cursor: String(entry.seq), node: entry })),
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
    facts: (entry: AuditEntry, _args: unknown, context: GatewayContext) => (entry.owner === context.caller.agencyId ? entry.facts : null),
    kind: (entry: AuditEntry) => entry.kind.toUpperCase().replace('-', '_'),
    ownerAgencyId: (entry: AuditEntry) => entry.owner,
    outcome: (entry: AuditEntry) => entry.outcome.toUpperCase().replace('-', '_'),
    // Which condition failed tells what another organisation's record holds (minors, referrals, region):
    // that organisation's officer's to know, not the viewer's (DOMAIN rule 1). The decision, agreement and
    // grant stay: they are what the viewer's own request was answered with.
    decisions: (entry: AuditEntry, _args: unknown, context: GatewayContext) => (entry.owner === context.caller.agencyId
      ? entry.decisions : entry.decisions.map((decision) => ({ ...decision, failedCondition: null }))),
    searchTerms: (entry: AuditEntry) => (entry.searchTerms ? Object.entries(entry.searchTerms).map(([name, value]) => ({ name, value })) : null),
  },
  AuditDecision: {
    effect: (decision: { effect: string }) => decision.effect.toUpperCase(),
  },
};
