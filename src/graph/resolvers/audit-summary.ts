/**
 * Query.auditSummary, for privacy officers: what an audit search adds up to (src/audit/audit-summary.ts),
 * over the same scoped filter as auditEntries, so an officer counts only what it could list. Reading it
 * is entered in the trail like any audit query.
 */
import { summarizeAudit, summarizeEntries, type AuditSummary } from '#src/audit/audit-summary.ts';
import type { GatewayContext } from '#src/graph/context.ts';
import type { AuditSummaryGroup, QueryAuditSummaryArgs } from '#generated/graphql.ts';
import { amsterdamDay } from '#domain/calendar.ts';
import { asUserInputError, scopedAuditFilter } from './audit-filter.ts';
import { officerOnly } from './require-role.ts';

const EMPTY = summarizeEntries([], amsterdamDay);

export const auditSummaryResolvers = {
  Query: {
    auditSummary: officerOnly(async (_root: unknown, args: QueryAuditSummaryArgs, context: GatewayContext): Promise<AuditSummary> => {
      const { filter, terms } = scopedAuditFilter(context, args.filter ?? {});
      const summary = filter === null ? EMPTY : await asUserInputError(() => summarizeAudit(context.services.audit, filter, { dayOf: amsterdamDay }));
      context.enforcement.audit.search({ ...terms, summary: 'true' }, summary.entries > 0 ? 'released' : 'not-found', 'audit-query');
      return summary;
    }),
  },
  AuditSummary: {
    perDay: (summary: AuditSummary, args: { groupBy: AuditSummaryGroup }) => (args.groupBy === 'VIEWER' ? summary.perDayByViewer
      : args.groupBy === 'AGREEMENT' ? summary.perDayByAgreement : summary.perDayByPurpose),
  },
  AuditOutcomeCount: {
    outcome: (count: { outcome: string }) => count.outcome.toUpperCase().replace('-', '_'),
  },
};
