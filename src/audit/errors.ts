/**
 * Errors the audit stores raise. The set of codes is closed so the gateway can map each one; messages
 * name fields and sequence numbers only, never an entry's values (they reach the application log).
 */
export const AUDIT_ERROR_CODES = [
  /** An entry failed validation (wrong shape, or it would put a personal data value in the trail). */
  'AUDIT_INVALID_ENTRY',
  /**
   * The transaction did not commit, and nothing of the batch was written; or (PostgreSQL) it did not finish
   * within the store's time bound, and a commit already sent may still land. The request must fail (fail closed).
   */
  'AUDIT_WRITE_FAILED',
  /** The store was closed. */
  'AUDIT_STORE_CLOSED',
  /** A query argument (cursor, page size, retention) is out of range. */
  'AUDIT_INVALID_ARGUMENT',
  /** Prune found the prefix it would remove does not verify; removing it would launder the tampering. */
  'AUDIT_CHAIN_BROKEN',
  /** The database could not be read (queries, verify, ping). */
  'AUDIT_UNAVAILABLE',
  // The act outbox's rules (act-outbox.ts): the transaction wrote nothing.
  /** An idempotency key the sender used before, with another input. */
  'ACT_IDEMPOTENCY_CONFLICT',
  /** No act with that id is addressed to the one answering it. */
  'ACT_NOT_FOUND',
  /** The act was answered before. */
  'ACT_ALREADY_ANSWERED',
  /** The act has not reached its receiver (still PENDING, or FAILED). */
  'ACT_NOT_ANSWERABLE',
] as const;

export type AuditErrorCode = (typeof AUDIT_ERROR_CODES)[number];

export class AuditStoreError extends Error {
  readonly code: AuditErrorCode;

  constructor(code: AuditErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuditStoreError';
    this.code = code;
  }
}

export function isAuditStoreError(value: unknown): value is AuditStoreError {
  return value instanceof AuditStoreError;
}

/** Wraps a driver error under a fixed message; an AuditStoreError passes through unchanged. */
export function wrapAuditError(code: AuditErrorCode, message: string, cause: unknown): AuditStoreError {
  return isAuditStoreError(cause) ? cause : new AuditStoreError(code, message, { cause });
}
