/** A child: fields come from the first source the policy releases them from (the viewer's own first). */
import type { ChildRecord, MemberRecord } from '#domain/records.ts';
import type { GatewayContext } from '#src/graph/context.ts';
import type { GuardedView } from '#src/enforcement/enforce-policy.ts';
import { isVisible } from '#src/enforcement/visibility.ts';
import type { ChildNode } from '#src/households/nodes.ts';
import type { ChildResolvers } from '#generated/resolvers.ts';
import type { GuardedResolvers } from './guarded-resolvers.ts';

type View = GuardedView<ChildNode>;

/** The record behind the released source: a child record, or the member entry of a household record. */
function from(view: View): { child: ChildRecord | null; member: MemberRecord | null } {
  const key = view.source?.recordKey;
  const child = view.node.childRecords.find((record) => `${record.owner.agencyId}:Child:${record.localId}` === key) ?? null;
  if (child) return { child, member: null };
  const entry = view.node.memberEntries.find((candidate) => `${candidate.record.owner.agencyId}:Household:${candidate.record.localId}` === key);
  return { child: null, member: entry?.member ?? null };
}

export const childResolvers = {
  Person: { __resolveType: () => 'Child' },
  Child: {
    id: (view: View) => view.node.id,
    name: (view: View) => { const { child, member } = from(view); return child?.name ?? member?.name ?? null; },
    birthDate: (view: View) => { const { child, member } = from(view); return child?.birthDate ?? member?.birthDate ?? null; },
    bsn: (view: View) => { const { child, member } = from(view); return child?.bsn ?? member?.bsn ?? null; },
    school: (view: View) => from(view).child?.school ?? null,
    situation: (view: View) => from(view).child?.situation ?? null,
    role: (view: View) => from(view).child?.role ?? null,
    household: async (view: View, _args: unknown, context: GatewayContext) =>
      (await isVisible(context, 'Household', view.node.household)) ? view.node.household : null,
  } satisfies GuardedResolvers<ChildResolvers, ChildNode>,
};
