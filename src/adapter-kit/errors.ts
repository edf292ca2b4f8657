import { ADAPTER_ERROR_CODES, type AdapterErrorCode } from '#domain/errors.ts';

export { ADAPTER_ERROR_CODES, type AdapterErrorCode };

export interface AdapterErrorOptions {
  readonly agency: string;
  readonly status?: number | undefined;
  readonly cause?: unknown;
  /** Seconds the upstream asked us to wait (from Retry-After). */
  readonly retryAfterSeconds?: number | undefined;
  /**
   * The agency refused the request as invalid and would refuse it again (a 4xx on an inbound
   * operation): not worth another attempt.
   */
  readonly permanent?: boolean | undefined;
  /** The agency's circuit breaker refused the call: nothing reached the agency. */
  readonly circuitOpen?: boolean | undefined;
}

/**
 * A failure talking to one agency. The message must never carry upstream payload text: it reaches the
 * application log, and upstream bodies may hold personal data.
 */
export class AdapterError extends Error {
  readonly code: AdapterErrorCode;
  readonly agency: string;
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly permanent: boolean;
  readonly circuitOpen: boolean;

  constructor(code: AdapterErrorCode, message: string, options: AdapterErrorOptions) {
    super(message, { cause: options.cause });
    this.name = 'AdapterError';
    this.code = code;
    this.agency = options.agency;
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.permanent = options.permanent ?? false;
    this.circuitOpen = options.circuitOpen ?? false;
  }
}

export function isAdapterError(value: unknown): value is AdapterError {
  return value instanceof AdapterError;
}
