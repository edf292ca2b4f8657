/** Reports and their parts, referrals, and the CaseRecord interface / CaseEvent union. */
import type { GatewayContext } from '#src/graph/context.ts';
import type { GuardedView } from '#src/enforcement/enforce-policy.ts';
import { isVisible } from '#src/enforcement/visibility.ts';
import { childNode, membersOf, reportNode } from '#src/graph/build-nodes.ts';
import type {
  ChildInvolvementNode, ReferralNode, ReporterNode, ReportNode, SafetyAssessmentNode,
} from '#src/households/nodes.ts';
import type { ChildInvolvementResolvers, ReferralResolvers, ReportResolvers, ReporterResolvers, SafetyAssessmentResolvers } from '#generated/resolvers.ts';
import type { GuardedResolvers } from './guarded-resolvers.ts';

type View<Node> = GuardedView<Node>;

const recordTypeOf = (value: ReportNode | ReferralNode): 'Report' | 'Referral' => value.record.type;

export const reportResolvers = {
  CaseRecord: { __resolveType: recordTypeOf },
  CaseEvent: { __resolveType: recordTypeOf },
  Report: {
    id: (view: View<ReportNode>) => view.node.id,
    owner: (view: View<ReportNode>, _args: unknown, context: GatewayContext) => context.services.agencyNode(view.node.record.owner.agencyId),
    receivedAt: (view: View<ReportNode>) => view.node.record.receivedAt,
    channel: (view: View<ReportNode>) => view.node.record.channel,
    kind: (view: View<ReportNode>) => view.node.record.kind,
    reporter: (view: View<ReportNode>): ReporterNode | null => (view.node.record.reporter ? { report: view.node, value: view.node.record.reporter } : null),
    violenceTypes: (view: View<ReportNode>) => view.node.record.violenceTypes,
    childInvolvement: (view: View<ReportNode>): ChildInvolvementNode[] | null =>
      view.node.record.childInvolvement?.map((value) => ({ report: view.node, value })) ?? null,
    narrative: (view: View<ReportNode>) => view.node.record.narrative,
    restrictedInformation: (view: View<ReportNode>) => view.node.record.restrictedInformation,
    urgency: (view: View<ReportNode>) => view.node.record.urgency,
    safetyAssessment: (view: View<ReportNode>): SafetyAssessmentNode | null =>
      view.node.record.safetyAssessment ? { report: view.node, value: view.node.record.safetyAssessment } : null,
    phase: (view: View<ReportNode>) => view.node.record.phase,
    phaseCategory: (view: View<ReportNode>) => view.node.record.phaseCategory,
    receivingCareProvider: (view: View<ReportNode>) => view.node.record.receivingCareProvider,
    household: async (view: View<ReportNode>, _args: unknown, context: GatewayContext) =>
      (await isVisible(context, 'Household', view.node.household)) ? view.node.household : null,
  } satisfies GuardedResolvers<ReportResolvers, ReportNode>,
  Reporter: {
    name: (view: View<ReporterNode>) => view.node.value.name,
    type: (view: View<ReporterNode>) => view.node.value.type,
    anonymityPromised: (view: View<ReporterNode>) => view.node.value.anonymityPromised,
    phone: (view: View<ReporterNode>) => view.node.value.phone,
  } satisfies GuardedResolvers<ReporterResolvers, ReporterNode>,
  SafetyAssessment: {
    dueBy: (view: View<SafetyAssessmentNode>) => view.node.value.dueBy,
    decidedAt: (view: View<SafetyAssessmentNode>) => view.node.value.decidedAt,
    outcome: (view: View<SafetyAssessmentNode>) => view.node.value.outcome,
  } satisfies GuardedResolvers<SafetyAssessmentResolvers, SafetyAssessmentNode>,
  ChildInvolvement: {
    role: (view: View<ChildInvolvementNode>) => view.node.value.role,
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
    id: (view: View<ReferralNode>) => view.node.id,
    owner: (view: View<ReferralNode>, _args: unknown, context: GatewayContext) => context.services.agencyNode(view.node.record.owner.agencyId),
    from: (view: View<ReferralNode>, _args: unknown, context: GatewayContext) => context.services.agencyNode(view.node.record.fromAgencyId),
    to: (view: View<ReferralNode>, _args: unknown, context: GatewayContext) => context.services.agencyNode(view.node.record.toAgencyId),
    toCareProvider: (view: View<ReferralNode>) => view.node.record.toCareProvider,
    kind: (view: View<ReferralNode>) => view.node.record.kind,
    reason: (view: View<ReferralNode>) => view.node.record.reason,
    safetyConditions: (view: View<ReferralNode>) => view.node.record.safetyConditions,
    warmHandover: (view: View<ReferralNode>) => view.node.record.warmHandover,
    status: (view: View<ReferralNode>) => view.node.record.status,
    createdAt: (view: View<ReferralNode>) => view.node.record.createdAt,
    updatedAt: (view: View<ReferralNode>) => view.node.record.updatedAt,
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
