/**
 * Whether the viewer may see an object at all. Lists keep only what is visible, and a root lookup of
 * something invisible answers exactly as for something that does not exist (no existence oracle).
 */
import type { GatewayContext } from '../graph/context.ts';
import { firstAllowed } from './first-allowed.ts';
import { GUARDS, inPrecedence, type Guard } from './sources.ts';

export async function isVisible(context: GatewayContext, typeName: string, node: unknown): Promise<boolean> {
  const guard = GUARDS[typeName] as Guard<unknown> | undefined;
  if (!guard) throw new Error(`no guard for ${typeName}`);
  const { source } = await firstAllowed(context, inPrecedence(guard.sources(node), context.caller.agencyId), guard.visibility);
  if (!source) return false;
  context.request.audit.shown(source);
  return true;
}

export async function visibleOnly<Node>(context: GatewayContext, typeName: string, nodes: readonly Node[]): Promise<Node[]> {
  const verdicts = await Promise.all(nodes.map((node) => isVisible(context, typeName, node)));
  return nodes.filter((_node, index) => verdicts[index]);
}
