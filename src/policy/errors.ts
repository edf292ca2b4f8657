/**
 * Configuration errors of the policy. Both fail start-up (Pothos-style: bad configuration fails when
 * the schema is built, not at the first request) and list every problem at once, one per line.
 * Messages name files, lines and coordinates only; there is no record data in configuration.
 */

/** A covenant file is unreadable, invalid against covenant.schema.json, or refers to something unknown. */
export class CovenantLoadError extends Error {
  /** Each as `file:line: message`. */
  readonly errors: readonly string[];

  constructor(errors: readonly string[]) {
    super(`covenants failed to load (${errors.length} error${errors.length === 1 ? '' : 's'}):\n  ${errors.join('\n  ')}`);
    this.name = 'CovenantLoadError';
    this.errors = errors;
  }
}

/** The covenants do not fit the schema: a grant names an unknown field, or a field is governed by nothing. */
export class PolicyConfigError extends Error {
  readonly errors: readonly string[];

  constructor(errors: readonly string[]) {
    super(`policy does not fit the schema (${errors.length} error${errors.length === 1 ? '' : 's'}):\n  ${errors.join('\n  ')}`);
    this.name = 'PolicyConfigError';
    this.errors = errors;
  }
}

/**
 * The register of processing activities (covenants/processing-activities.yaml) is invalid, names an
 * unknown organisation or purpose, maps a purpose twice, or leaves a declarable purpose unmapped.
 */
export class ProcessingRegisterError extends Error {
  /** Each as `file:line: message`. */
  readonly errors: readonly string[];

  constructor(errors: readonly string[]) {
    super(`the register of processing activities failed to load (${errors.length} error${errors.length === 1 ? '' : 's'}):\n  ${errors.join('\n  ')}`);
    this.name = 'ProcessingRegisterError';
    this.errors = errors;
  }
}
