/**
 * Whether the viewer may see an object at all. Lists keep only what is visible, and a root lookup of
 * something invisible answers exactly as for something that does not exist (no existence oracle).
 */
import type { EnforcementContext } from './context.ts';
import { firstAllowed, isPromise, type FirstAllowed, type MaybePromise } from './first-allowed.ts';
import { GUARDS, inPrecedence, type Guard } from './sources.ts';

export function isVisible(context: EnforcementContext, typeName: string, node: unknown): MaybePromise<boolean> {
  const guard = GUARDS[typeName] as Guard<unknown> | undefined;
  if (!guard) throw new Error(`no guard for ${typeName}`);
  const found = firstAllowed(context.enforcement, inPrecedence(guard.sources(node), (agencyId) => context.enforcement.controls(agencyId)), guard.visibility);
  const shown = ({ source }: FirstAllowed) => {
    if (!source) return false;
    context.enforcement.audit.shown(source);
    return true;
  };
  return isPromise(found) ? found.then(shown) : shown(found);
}

export async function visibleOnly<Node>(context: EnforcementContext, typeName: string, nodes: readonly Node[]): Promise<Node[]> {
  const verdicts = await Promise.all(nodes.map((node) => isVisible(context, typeName, node)));
  return nodes.filter((_node, index) => verdicts[index]);
}
