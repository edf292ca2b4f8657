/**
 * Filtering and ordering reports without leaking what the viewer may not read. A filter or order on a
 * field the viewer can never read is refused (FILTER_NOT_PERMITTED); a record whose field is withheld
 * by its data-dependent conditions never matches a filter and sorts last, in the order of the caller's own
 * ids (never the record ids: an order every organisation shares would let two of them align their lists).
 */
import type { ReportFilter, ReportOrder } from '#generated/graphql.ts';
import type { GatewayContext } from '#src/graph/context.ts';
import { gatewayError } from '#domain/errors.ts';
import type { ReferralNode, ReportNode, Source } from '#src/households/nodes.ts';
import { GUARDS, type Guard } from '#src/enforcement/sources.ts';
import { shownId } from '../caller-ids.ts';

export interface ReportArgs {
  readonly filter?: ReportFilter | null;
  readonly orderBy?: ReportOrder | null;
}

const URGENCY_RANK: Record<string, number> = { ACUTE: 0, HIGH: 1, NORMAL: 2, LOW: 3 };

async function readable(context: GatewayContext, typeName: 'Report' | 'Referral', node: ReportNode | ReferralNode, coordinate: string): Promise<boolean> {
  const [source] = (GUARDS[typeName] as Guard<ReportNode | ReferralNode>).sources(node) as Source[];
  if (!source) return false;
  return (await context.enforcement.decide(source, coordinate)).effect === 'allow';
}

export async function eventTime(context: GatewayContext, event: { node: ReportNode | ReferralNode; type: 'Report' | 'Referral' }): Promise<string | null> {
  if (event.type === 'Report') {
    const node = event.node as ReportNode;
    return (await readable(context, 'Report', node, 'Report.receivedAt')) ? node.record.receivedAt : null;
  }
  const node = event.node as ReferralNode;
  return (await readable(context, 'Referral', node, 'Referral.createdAt')) ? node.record.createdAt : null;
}

export async function orderedReports(context: GatewayContext, reports: ReportNode[], args: ReportArgs): Promise<ReportNode[]> {
  const filter = args.filter ?? {};
  const checks: { coordinate: string; matches: (node: ReportNode) => boolean }[] = [];
  if (filter.violenceType) checks.push({ coordinate: 'Report.violenceTypes', matches: (node) => node.record.violenceTypes?.includes(filter.violenceType!) ?? false });
  if (filter.phaseCategory) checks.push({ coordinate: 'Report.phaseCategory', matches: (node) => node.record.phaseCategory === filter.phaseCategory });
  if (filter.receivedAfter) {
    const after = Date.parse(filter.receivedAfter);
    if (Number.isNaN(after)) throw gatewayError('BAD_USER_INPUT', 'receivedAfter must be an ISO 8601 date-time.');
    checks.push({ coordinate: 'Report.receivedAt', matches: (node) => !!node.record.receivedAt && Date.parse(node.record.receivedAt) > after });
  }
  const sortCoordinate = args.orderBy === 'URGENCY_DESC' ? 'Report.urgency' : args.orderBy ? 'Report.receivedAt' : null;
  for (const coordinate of [...checks.map((check) => check.coordinate), ...(sortCoordinate ? [sortCoordinate] : [])]) {
    if (!context.enforcement.mayEverRead(coordinate)) {
      throw gatewayError('FILTER_NOT_PERMITTED', `Filtering or ordering on ${coordinate} is not permitted for this viewer and purpose.`);
    }
  }
  const kept: ReportNode[] = [];
  for (const node of reports) {
    let ok = true;
    for (const check of checks) {
      if (!(await readable(context, 'Report', node, check.coordinate)) || !check.matches(node)) ok = false;
    }
    if (ok) kept.push(node);
  }
  if (!sortCoordinate) return kept;
  const keys = await Promise.all(kept.map(async (node) => {
    if (!(await readable(context, 'Report', node, sortCoordinate))) return null;
    return sortCoordinate === 'Report.urgency' ? String(URGENCY_RANK[node.record.urgency ?? ''] ?? 9) : node.record.receivedAt;
  }));
  const descending = args.orderBy === 'RECEIVED_AT_DESC';
  return kept
    .map((node, index) => ({ node, key: keys[index] ?? null }))
    .sort((a, b) => {
      if (a.key && b.key && a.key !== b.key) return (a.key < b.key ? -1 : 1) * (descending ? -1 : 1);
      if (a.key && !b.key) return -1;
      if (!a.key && b.key) return 1;
      return shownId(context, a.node.id).localeCompare(shownId(context, b.node.id));
    })
    .map(({ node }) => node);
}
