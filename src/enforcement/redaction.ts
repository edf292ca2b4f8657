/** What the caller learns about a withheld field: a coarse reason that says nothing about the record. */
import { redactionReasonOf as engineReason, type Decision, type RedactionReasonCode } from '#src/policy/index.ts';

export type RedactionReason = RedactionReasonCode;

export interface RedactionEntry {
  readonly path: readonly string[];
  readonly coordinate: string;
  readonly reason: RedactionReason;
  readonly decisionId: string;
}

/** The reason code of a deny decision; a decision that allowed is never redacted. */
export function redactionReasonOf(reason: string): RedactionReason {
  const code = engineReason({ reason } as Decision);
  if (!code) throw new Error(`a ${reason} decision is not a redaction`);
  return code;
}
