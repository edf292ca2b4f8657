/**
 * All resolvers, merged. Each type's map `satisfies` its generated resolver type; guarded types' field
 * resolvers receive a GuardedView of the mapped node (guarded-resolvers.ts, enforce-policy.ts).
 */
import type { AgencyNode, RegionNode } from '#src/households/nodes.ts';
import type { GatewayContext } from '#src/graph/context.ts';
import { accessRequestResolvers } from './access-request.ts';
import { actResolvers } from './acts.ts';
import { agreementResolvers } from './agreement.ts';
import { auditResolvers } from './audit.ts';
import { auditSummaryResolvers } from './audit-summary.ts';
import { explainResolvers } from './explain.ts';
import { childResolvers } from './child.ts';
import { householdResolvers } from './household.ts';
import { notificationResolvers } from './notifications.ts';
import { queryResolvers } from './query.ts';
import { replayResolvers } from './replay.ts';
import { reportResolvers } from './report.ts';
import { scalarResolvers } from './scalars.ts';
import { shadowResolvers } from './shadow.ts';
import { workbenchResolvers } from './workbench.ts';

export function createResolvers() {
  return {
    ...scalarResolvers,
    ...householdResolvers,
    ...childResolvers,
    ...reportResolvers,
    Agreement: agreementResolvers.Agreement,
    AgreementParty: agreementResolvers.AgreementParty,
    Grant: agreementResolvers.Grant,
    Query: { ...queryResolvers.Query, ...agreementResolvers.Query, ...auditResolvers.Query, ...auditSummaryResolvers.Query, ...explainResolvers.Query,
      ...workbenchResolvers.Query, ...accessRequestResolvers.Query, ...replayResolvers.Query,
      ...shadowResolvers.Query, ...actResolvers.Query, ...notificationResolvers.Query },
    Mutation: actResolvers.Mutation,
    Act: actResolvers.Act,
    ActEvent: actResolvers.ActEvent,
    Subscription: { ...actResolvers.Subscription, ...notificationResolvers.Subscription },
    Notification: notificationResolvers.Notification,
    AuditEntry: auditResolvers.AuditEntry,
    AuditDecision: auditResolvers.AuditDecision,
    AuditSummary: auditSummaryResolvers.AuditSummary,
    AuditOutcomeCount: auditSummaryResolvers.AuditOutcomeCount,
    Caller: {},
    Agency: {
      region: (agency: AgencyNode, _args: unknown, context: GatewayContext) => context.services.regionNode(agency.region),
      regions: (agency: AgencyNode, _args: unknown, context: GatewayContext) => agency.regions.flatMap((id) => context.services.regionNode(id) ?? []),
      successor: (agency: AgencyNode, _args: unknown, context: GatewayContext) => context.services.agencyNode(agency.successor),
    },
    Region: {
      // regions.yaml writes kinds as the covenants do (veilig-thuis); the schema's enum as GraphQL does.
      kind: (region: RegionNode) => region.kind.toUpperCase().replaceAll('-', '_'),
    },
  };
}
