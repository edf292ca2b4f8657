import type { AgreementRef, DecisionReason } from '#src/policy/index.ts';

/** What allowed a field: the reason, and for GRANT the agreement, article and grant. */
export interface AccessBasis {
  readonly reason: DecisionReason;
  readonly agreement: AgreementRef | null;
  readonly ruleId: string | null;
}
