/** Household, its members and address, and the shared case status (involvements). */
import type { GatewayContext } from '#src/graph/context.ts';
import type { GuardedView } from '#src/enforcement/enforce-policy.ts';
import { memberEntryOf } from '#src/enforcement/sources.ts';
import { visibleOnly } from '#src/enforcement/visibility.ts';
import { childrenOf, involvementsOf, membersOf, referralsOf, reportsOf } from '#src/graph/build-nodes.ts';
import { isMinorAt } from '#domain/age.ts';
import type {
  AddressNode, CaseStatusNode, ContactNode, HouseholdNode, InvolvementNode, MemberNode,
} from '#src/households/nodes.ts';
import { eventTime, orderedReports, type ReportArgs } from './report-ordering.ts';
import type { Household, HouseholdMember } from '#generated/graphql.ts';
import type {
  CaseStatusResolvers, HouseholdMemberResolvers, HouseholdResolvers, InvolvementResolvers,
} from '#generated/resolvers.ts';
import type { GuardedResolvers } from './guarded-resolvers.ts';
import { shownId } from '../caller-ids.ts';
import { caseReferenceOf } from './case-reference.ts';

type View<Node> = GuardedView<Node>;

function householdRecordOf(view: View<HouseholdNode>) {
  return view.node.records.find((record) => record.owner.agencyId === view.source?.owner.agencyId) ?? null;
}

export const householdResolvers = {
  Household: {
    id: (view: View<HouseholdNode>, _args: unknown, context: GatewayContext): Household['id'] => shownId(context, view.node.id),
    municipality: (view: View<HouseholdNode>) => householdRecordOf(view)?.municipality ?? null,
    region: (view: View<HouseholdNode>, _args: unknown, context: GatewayContext) => {
      const municipality = householdRecordOf(view)?.municipality;
      return municipality ? context.services.regionOf(municipality) : null;
    },
    address: (view: View<HouseholdNode>): AddressNode | null => {
      const record = householdRecordOf(view);
      return record?.address ? { record, household: view.node, value: record.address } : null;
    },
    members: (view: View<HouseholdNode>, _args: unknown, context: GatewayContext) =>
      visibleOnly(context, 'HouseholdMember', membersOf(context, view.node)),
    // From the releasing agency's own record only: the cluster may hold members another agency registered.
    hasMinors: (view: View<HouseholdNode>, _args: unknown, context: GatewayContext) => {
      const record = householdRecordOf(view);
      return record ? record.members.some((member) => isMinorAt(member.birthDate, context.now) === true) : null;
    },
    children: async (view: View<HouseholdNode>, _args: unknown, context: GatewayContext) =>
      visibleOnly(context, 'Child', await childrenOf(context, view.node)),
    reports: async (view: View<HouseholdNode>, args: ReportArgs, context: GatewayContext) =>
      orderedReports(context, await visibleOnly(context, 'Report', await reportsOf(context, view.node)), args),
    referrals: async (view: View<HouseholdNode>, _args: unknown, context: GatewayContext) =>
      visibleOnly(context, 'Referral', await referralsOf(context, view.node)),
    timeline: async (view: View<HouseholdNode>, _args: unknown, context: GatewayContext) => {
      const [reports, referrals] = await Promise.all([
        reportsOf(context, view.node).then((nodes) => visibleOnly(context, 'Report', nodes)),
        referralsOf(context, view.node).then((nodes) => visibleOnly(context, 'Referral', nodes)),
      ]);
      const events = [...reports.map((node) => ({ node, type: 'Report' as const })), ...referrals.map((node) => ({ node, type: 'Referral' as const }))];
      const times = await Promise.all(events.map((event) => eventTime(context, event)));
      // Events whose time the viewer may not read go last, in the order of the caller's own ids: their place
      // would betray the time, and an order shared by all callers would let two organisations align them.
      return events
        .map((event, index) => ({ event, time: times[index] ?? null }))
        .sort((a, b) => (a.time && b.time ? a.time.localeCompare(b.time) : a.time ? -1 : b.time ? 1 : shownId(context, a.event.node.id).localeCompare(shownId(context, b.event.node.id))))
        .map(({ event }) => event.node);
    },
    caseStatus: (view: View<HouseholdNode>): CaseStatusNode => ({ household: view.node }),
    caseReference: (view: View<HouseholdNode>, _args: unknown, context: GatewayContext) => caseReferenceOf(context, view.node),
  } satisfies GuardedResolvers<HouseholdResolvers, HouseholdNode>,
  HouseholdMember: {
    id: (view: View<MemberNode>, _args: unknown, context: GatewayContext): HouseholdMember['id'] => shownId(context, view.node.id),
    isMinor: (view: View<MemberNode>, _args: unknown, context: GatewayContext) => {
      return isMinorAt(memberEntryOf(view.node, view.source)?.member.birthDate ?? null, context.now);
    },
  } satisfies GuardedResolvers<HouseholdMemberResolvers, MemberNode>,
  CaseStatus: {
    household: (view: View<CaseStatusNode>) => view.node.household,
    involvements: async (view: View<CaseStatusNode>, _args: unknown, context: GatewayContext) =>
      visibleOnly(context, 'Involvement', await involvementsOf(context, view.node.household)),
  } satisfies GuardedResolvers<CaseStatusResolvers, CaseStatusNode>,
  Involvement: {
    agency: (view: View<InvolvementNode>, _args: unknown, context: GatewayContext) => context.services.agencyNode(view.node.record.owner.agencyId),
    contact: (view: View<InvolvementNode>): ContactNode | null =>
      view.node.record.contact ? { involvement: view.node, value: view.node.record.contact } : null,
  } satisfies GuardedResolvers<InvolvementResolvers, InvolvementNode>,
};
