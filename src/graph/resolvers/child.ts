/**
 * A child: fields come from the first source the policy releases them from (the viewer's own first);
 * those without a resolver here are read from that record (its guard's `read`, src/enforcement/sources.ts).
 */
import type { GatewayContext } from '#src/graph/context.ts';
import type { GuardedView } from '#src/enforcement/enforce-policy.ts';
import { isVisible } from '#src/enforcement/visibility.ts';
import type { ChildNode } from '#src/households/nodes.ts';
import type { ChildResolvers } from '#generated/resolvers.ts';
import type { GuardedResolvers } from './guarded-resolvers.ts';
import { shownId } from '../caller-ids.ts';

type View = GuardedView<ChildNode>;

export const childResolvers = {
  Person: { __resolveType: () => 'Child' },
  Child: {
    id: (view: View, _args: unknown, context: GatewayContext) => shownId(context, view.node.id),
    household: async (view: View, _args: unknown, context: GatewayContext) =>
      (await isVisible(context, 'Household', view.node.household)) ? view.node.household : null,
  } satisfies GuardedResolvers<ChildResolvers, ChildNode>,
};
