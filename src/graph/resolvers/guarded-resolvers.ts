/**
 * The generated resolver types of a guarded object type, as its field resolvers actually receive their
 * parent: the enforcement wrapper (src/enforcement/enforce-policy.ts) hands each one a GuardedView
 * of the mapped node (the node, and the record the policy released the field from) instead of the node.
 * Result, argument and context types stay exactly as codegen generated them from schema/.
 */
import type { ResolverFn } from '#generated/resolvers.ts';
import type { GuardedView } from '#src/enforcement/enforce-policy.ts';

export type GuardedResolvers<Generated, Node> = {
  [Field in keyof Generated]?: Extract<NonNullable<Generated[Field]>, (...args: never[]) => unknown> extends ResolverFn<infer Result, never, infer Context, infer Args>
    ? ResolverFn<Result, GuardedView<Node>, Context, Args>
    : never;
};
