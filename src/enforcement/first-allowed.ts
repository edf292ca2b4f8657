/**
 * The first source (in precedence order) the policy lets the viewer read a coordinate from. The first
 * source is decided alone: it is usually the viewer's own record, allowed without facts, and then the
 * other agencies' records need no decision (nor the upstream calls their facts would cost).
 */
import type { GatewayDecision } from './audit-buffer.ts';
import type { GatewayContext } from '../graph/context.ts';
import type { Source } from '../households/nodes.ts';

export interface FirstAllowed {
  /** The releasing source, or null when every source denies. */
  readonly source: Source | null;
  /** The decisions made, in source order; the first is the one a redaction cites. */
  readonly decisions: readonly GatewayDecision[];
}

export async function firstAllowed(context: GatewayContext, sources: readonly Source[], coordinate: string): Promise<FirstAllowed> {
  const [first, ...rest] = sources;
  if (!first) return { source: null, decisions: [] };
  const head = await context.request.decide(first, coordinate);
  if (head.effect === 'allow') return { source: first, decisions: [head] };
  const others = await Promise.all(rest.map((source) => context.request.decide(source, coordinate)));
  const index = others.findIndex((decision) => decision.effect === 'allow');
  return { source: index >= 0 ? rest[index] ?? null : null, decisions: [head, ...others] };
}
