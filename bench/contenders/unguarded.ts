/**
 * The unguarded contender's enforcement: every field released, nothing decided, nothing recorded. It
 * prices the guards (the policy and the durable audit trail) against the same gateway otherwise; it is
 * assembled here, in the benchmark, and injected, so production types carry no switch to turn them off.
 * Tests use it too, to show the security property test can fail when enforcement is gone.
 */
import type { Enforcement, RequestEnforcement } from '#src/enforcement/context.ts';
import type { AuditBuffer } from '#src/enforcement/audit-buffer.ts';

const NOTHING_RECORDED: AuditBuffer = {
  decided: () => {}, evaluated: () => {}, shown: () => {}, wasShown: () => false, released: () => {}, withheld: () => {}, search: () => {}, entries: () => [],
  recorded: () => [],
};

const OPEN: RequestEnforcement = {
  decide: (_source, coordinate) => ({ id: 'unguarded', effect: 'allow', reason: 'PUBLIC', coordinate, ruleId: 'public-field' }),
  mayEverRead: () => true,
  // No organisation's records come first: without a policy there is no controller to ask.
  controls: () => false,
  audit: NOTHING_RECORDED,
  redact: () => {},
  redactions: [],
};

export function createUnguardedEnforcement(): Enforcement {
  return { isPublic: () => true, forRequest: () => OPEN };
}
