/** Reports and their parts, referrals, and the CaseRecord interface / CaseEvent union. */
import type { GatewayContext } from '#src/graph/context.ts';
import type { GuardedView } from '#src/enforcement/enforce-policy.ts';
import { isVisible } from '#src/enforcement/visibility.ts';
import { childNode, membersOf, reportNode } from '#src/graph/build-nodes.ts';
import type {
  ChildInvolvementNode, ReferralNode, ReporterNode, ReportNode, SafetyAssessmentNode,
} from '#src/households/nodes.ts';
import type { ChildInvolvementResolvers, ReferralResolvers, ReportResolvers } from '#generated/resolvers.ts';
import type { GuardedResolvers } from './guarded-resolvers.ts';
import { shownId } from '../caller-ids.ts';

type View<Node> = GuardedView<Node>;

const recordTypeOf = (value: ReportNode | ReferralNode): 'Report' | 'Referral' => value.record.type;

export const reportResolvers = {
  CaseRecord: { __resolveType: recordTypeOf },
  CaseEvent: { __resolveType: recordTypeOf },
  Report: {
    id: (view: View<ReportNode>, _args: unknown, context: GatewayContext) => shownId(context, view.node.id),
    owner: (view: View<ReportNode>, _args: unknown, context: GatewayContext) => context.services.agencyNode(view.node.record.owner.agencyId),
    reporter: (view: View<ReportNode>): ReporterNode | null => (view.node.record.reporter ? { report: view.node, value: view.node.record.reporter } : null),
    childInvolvement: (view: View<ReportNode>): ChildInvolvementNode[] | null =>
      view.node.record.childInvolvement?.map((value) => ({ report: view.node, value })) ?? null,
    safetyAssessment: (view: View<ReportNode>): SafetyAssessmentNode | null =>
      view.node.record.safetyAssessment ? { report: view.node, value: view.node.record.safetyAssessment } : null,
    household: async (view: View<ReportNode>, _args: unknown, context: GatewayContext) =>
      (await isVisible(context, 'Household', view.node.household)) ? view.node.household : null,
  } satisfies GuardedResolvers<ReportResolvers, ReportNode>,
  ChildInvolvement: {
    child: async (view: View<ChildInvolvementNode>, _args: unknown, context: GatewayContext) => {
      const bsn = view.node.value.childBsn;
      if (!bsn) return null;
      const household = view.node.report.household;
      const entries = membersOf(context, household).find((member) => member.bsn === bsn)?.entries ?? [];
      const node = childNode(context, household, bsn, [], entries);
      return (await isVisible(context, 'Child', node)) ? node : null;
    },
  } satisfies GuardedResolvers<ChildInvolvementResolvers, ChildInvolvementNode>,
  Referral: {
    id: (view: View<ReferralNode>, _args: unknown, context: GatewayContext) => shownId(context, view.node.id),
    owner: (view: View<ReferralNode>, _args: unknown, context: GatewayContext) => context.services.agencyNode(view.node.record.owner.agencyId),
    from: (view: View<ReferralNode>, _args: unknown, context: GatewayContext) => context.services.agencyNode(view.node.record.fromAgencyId),
    to: (view: View<ReferralNode>, _args: unknown, context: GatewayContext) => context.services.agencyNode(view.node.record.toAgencyId),
    report: async (view: View<ReferralNode>, _args: unknown, context: GatewayContext) => {
      const { record, household } = view.node;
      if (!record.reportLocalId) return null;
      const loaders = context.request.loaders(record.owner.agencyId);
      const found = loaders ? await loaders.report.load(record.reportLocalId) : null;
      if (!found) return null;
      const node = reportNode(context, household, found);
      return (await isVisible(context, 'Report', node)) ? node : null;
    },
    household: async (view: View<ReferralNode>, _args: unknown, context: GatewayContext) =>
      (await isVisible(context, 'Household', view.node.household)) ? view.node.household : null,
  } satisfies GuardedResolvers<ReferralResolvers, ReferralNode>,
};
