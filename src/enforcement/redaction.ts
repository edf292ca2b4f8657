/** What the caller learns about a withheld field: a coarse reason that says nothing about the record. */
import type { Decided, Deny, RedactionReasonCode } from '#src/policy/index.ts';

export type RedactionReason = RedactionReasonCode;

export interface RedactionEntry {
  readonly path: readonly string[];
  readonly coordinate: string;
  readonly reason: RedactionReason;
  readonly decisionId: string;
}

/** The redaction a denied field becomes in `extensions.redactions`. */
export function redactionOf(path: readonly (string | number)[], decision: Decided & Deny): RedactionEntry {
  return { path: path.map(String), coordinate: decision.coordinate, reason: decision.reason, decisionId: decision.id };
}
