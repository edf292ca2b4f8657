/** What the covenant lint reports: one finding, its rule and severity, and the file:line it is about. */
export type LintSeverity = 'error' | 'warning' | 'note';

export type LintRule =
  | 'owner-only-grant' | 'public-grant' | 'contradicting-grants' | 'overlapping-grants' | 'validity-gap' | 'unlinked-versions'
  | 'expired-unreplaced' | 'party-without-grant' | 'unused-purpose' | 'purpose-no-grant-uses' | 'unused-category'
  | 'party-outside-validity' | 'region-kind-fallback' | 'act-receiver-without-system' | 'load-error' | 'compile-error';

export interface LintFinding {
  readonly severity: LintSeverity;
  readonly rule: LintRule;
  /** `file:line` the finding is about. */
  readonly where: string;
  readonly message: string;
}
