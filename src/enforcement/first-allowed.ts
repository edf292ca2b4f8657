/**
 * The first source (in precedence order) the policy lets the viewer read a coordinate from. The first
 * source is decided alone: it is usually the viewer's own record, allowed without facts, and then the
 * other agencies' records need no decision (nor the upstream calls their facts would cost).
 * Synchronous whenever no decision has to wait for facts to load; a promise only then.
 */
import type { Decided } from '#src/policy/index.ts';
import type { Source } from '#src/households/nodes.ts';
import type { RequestEnforcement } from './context.ts';

export interface FirstAllowed {
  /** The releasing source, or null when every source denies. */
  readonly source: Source | null;
  /** The decisions made, in source order; the first is the one a redaction cites. */
  readonly decisions: readonly Decided[];
}

export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

const NONE: FirstAllowed = Object.freeze({ source: null, decisions: [] });

export function firstAllowed(enforcement: RequestEnforcement, sources: readonly Source[], coordinate: string): MaybePromise<FirstAllowed> {
  const [first, ...rest] = sources;
  if (!first) return NONE;
  const head = enforcement.decide(first, coordinate);
  return isPromise(head) ? head.then((decided) => afterHead(enforcement, first, decided, rest, coordinate)) : afterHead(enforcement, first, head, rest, coordinate);
}

function afterHead(enforcement: RequestEnforcement, first: Source, head: Decided, rest: readonly Source[], coordinate: string): MaybePromise<FirstAllowed> {
  if (head.effect === 'allow') return { source: first, decisions: [head] };
  const others = rest.map((source) => enforcement.decide(source, coordinate));
  const pick = (decided: readonly Decided[]): FirstAllowed => {
    const index = decided.findIndex((decision) => decision.effect === 'allow');
    return { source: index >= 0 ? rest[index] ?? null : null, decisions: [head, ...decided] };
  };
  return others.some(isPromise) ? Promise.all(others).then(pick) : pick(others as Decided[]);
}
