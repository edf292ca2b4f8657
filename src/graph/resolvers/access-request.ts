/**
 * Query.accessRequest: a person's access request (AVG article 15) for privacy officers, in the scope
 * Query.auditEntries keeps (entries where the caller's agency is viewer or owner). The BSN becomes its
 * pseudonym at once and goes nowhere else; the request is entered in the trail like any reading of it.
 */
import { controlledOwners } from '#src/graph/controlled-owners.ts';
import { isValidBsn } from '#domain/bsn.ts';
import { gatewayError } from '#domain/errors.ts';
import { countAccessRequest } from '#src/audit/access-request-counts.ts';
import { accessRequestPage, entryCursor, type AccessRequestQuery, type ReportAnchor, type ReportEntry } from '#src/audit/access-request.ts';
import type { GatewayContext } from '#src/graph/context.ts';
import { officerOnly } from './require-role.ts';

interface AccessRequestArgs {
  readonly bsn: string;
  readonly from: string;
  readonly to: string;
  readonly anchorSeq?: string | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

/** Entries per page at most: each carries its proof. */
export const MAX_ACCESS_REQUEST_PAGE = 100;
/** Header digests one answer carries at most (64 hex digits each: about 6.5 MB). */
export const MAX_CHAIN_DIGESTS = 100_000;

const enumOf = (value: string): string => value.toUpperCase().replaceAll('-', '_');
const anchorOut = (anchor: ReportAnchor) => ({ seq: String(anchor.seq), hash: anchor.hash });

function toGraphQLEntry({ entry, relation, proof }: ReportEntry, anchor: ReportAnchor | null) {
  return {
    cursor: entryCursor(anchor?.seq ?? null, entry.seq),
    node: {
      seq: String(entry.seq), requestSeq: String(entry.requestSeq), kind: enumOf(entry.kind), relation: enumOf(relation),
      time: entry.time.toISOString(), endTime: entry.endTime.toISOString(), viewer: entry.viewer, purpose: entry.purpose,
      processingActivity: entry.processingActivity, ownerAgencyId: entry.owner, entityType: entry.entityType, entityId: entry.entityId,
      subjectType: entry.subjectType ? enumOf(entry.subjectType) : null, fieldsReleased: entry.fieldsReleased, fieldsWithheld: entry.fieldsWithheld,
      decisions: entry.decisions, outcome: enumOf(entry.outcome),
      proof: proof && anchor ? { ...proof, entrySeq: String(proof.entrySeq), requestSeq: String(proof.requestSeq), anchor: anchorOut(anchor) } : null,
    },
  };
}

function readPeriod(args: AccessRequestArgs): { from: Date; to: Date } {
  const from = new Date(args.from);
  const to = new Date(args.to);
  if (!(from.getTime() < to.getTime())) throw gatewayError('BAD_USER_INPUT', 'from must lie before to.');
  return { from, to };
}

export const accessRequestResolvers = {
  Query: {
    accessRequest: officerOnly(async (_root: unknown, args: AccessRequestArgs, context: GatewayContext) => {
      // The eleven-test before anything else; the message never holds the value.
      if (!isValidBsn(args.bsn)) throw gatewayError('BAD_USER_INPUT', 'bsn must be a nine-digit number that passes the eleven-test.');
      const query: AccessRequestQuery = {
        subject: context.services.pseudonymize(args.bsn), scopeAgencyId: context.caller.agencyId, scopeOwners: controlledOwners(context), ...readPeriod(args),
      };
      const first = args.first ?? 50;
      if (!(Number.isInteger(first) && first >= 1 && first <= MAX_ACCESS_REQUEST_PAGE)) throw gatewayError('BAD_USER_INPUT', `first must be between 1 and ${MAX_ACCESS_REQUEST_PAGE}.`);
      if (args.anchorSeq != null && !/^[1-9]\d{0,14}$/.test(args.anchorSeq)) throw gatewayError('BAD_USER_INPUT', 'anchorSeq must be a request seq, in decimal.');
      const result = await accessRequestPage(context.services.audit, query, {
        first, after: args.after ?? undefined, anchorSeq: args.anchorSeq == null ? undefined : Number(args.anchorSeq), maxChainDigests: MAX_CHAIN_DIGESTS,
      });
      const terms: Record<string, string> = {
        scope: query.scopeAgencyId, subject: query.subject, from: query.from.toISOString(), to: query.to.toISOString(), report: 'access-request',
      };
      if (result.ok && result.page.anchor) terms.anchorSeq = String(result.page.anchor.seq);
      context.enforcement.audit.search(terms, !result.ok ? 'error' : result.page.entries.length > 0 ? 'released' : 'not-found', 'audit-query');
      if (!result.ok) throw gatewayError('BAD_USER_INPUT', result.message);
      const { page } = result;
      let counts: ReturnType<typeof countAccessRequest> | null = null;
      return {
        subject: query.subject, organisation: query.scopeAgencyId, from: query.from.toISOString(), to: query.to.toISOString(),
        anchor: page.anchor ? anchorOut(page.anchor) : null,
        // Only when asked for: a scan of the whole period, once per request.
        counts: () => (counts ??= countAccessRequest(context.services.audit, query)),
        edges: page.entries.map((entry) => toGraphQLEntry(entry, page.anchor)),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
        chain: page.chain ? { afterSeq: String(page.chain.afterSeq), headerDigests: page.chain.headerDigests } : null,
      };
    }),
  },
};
