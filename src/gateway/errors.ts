/**
 * The closed set of error codes a caller can see, and the one normaliser every error passes through
 * on its way out. Codes say what went wrong without saying anything about a record.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ADAPTER_ERROR_CODES, isAdapterError } from '#kit/errors.ts';

export const GATEWAY_ERROR_CODES = [
  // Authentication (HTTP 401): nothing executed.
  'TOKEN_MISSING', 'TOKEN_MALFORMED', 'TOKEN_SIGNATURE_INVALID', 'TOKEN_ALGORITHM_NOT_ALLOWED', 'TOKEN_EXPIRED',
  'TOKEN_NOT_YET_VALID', 'TOKEN_ISSUER_UNKNOWN', 'TOKEN_ISSUER_INVALID', 'TOKEN_AUDIENCE_INVALID', 'TOKEN_CLAIMS_INVALID',
  // Purpose binding (HTTP 400/403): nothing executed.
  'PURPOSE_MISSING', 'PURPOSE_UNKNOWN', 'PURPOSE_NOT_PERMITTED',
  // Query limits (HTTP 400).
  'QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_TOKENS', 'QUERY_TOO_COSTLY', 'BATCH_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST',
  // Authorization and policy.
  'FORBIDDEN', 'FILTER_NOT_PERMITTED',
  // Audit trail (fail closed).
  'AUDIT_UNAVAILABLE',
  // Upstream agencies.
  ...ADAPTER_ERROR_CODES,
  'INTERNAL_SERVER_ERROR',
] as const;

export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];
const KNOWN = new Set<string>(GATEWAY_ERROR_CODES);

/** An error the gateway raises on purpose; its message is safe to show. */
export function gatewayError(code: GatewayErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** The body of an HTTP error response that never reached execution (auth, purpose). */
export function errorBody(code: GatewayErrorCode, message: string): { errors: GraphQLFormattedError[] } {
  return { errors: [{ message, extensions: { code } }] };
}

/**
 * Normalises any error for the client. Never throws. Unknown errors are masked (their message may
 * hold upstream text or personal data); adapter errors keep code and agency but not their cause.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isAdapterError(original)) {
    return {
      message: `Agency ${original.agency} could not answer (${original.code}).`,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: original.code, agency: original.agency, ...(original.status ? { status: original.status } : {}) },
    };
  }
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  // graphql-js words it "more that N tokens" (sic) in 16.x; accept either spelling.
  if (code === 'GRAPHQL_PARSE_FAILED' && /more tha[nt] \d+ tokens/.test(formatted.message)) {
    return { message: 'The query has too many tokens.', extensions: { code: 'TOO_MANY_TOKENS' } };
  }
  if (code === 'PERSISTED_QUERY_NOT_SUPPORTED') {
    return { message: 'Persisted queries are not supported.', extensions: { code } };
  }
  if (code && KNOWN.has(code) && code !== 'INTERNAL_SERVER_ERROR') {
    const { locations, path } = formatted;
    return { message: formatted.message, ...(locations ? { locations } : {}), ...(path ? { path } : {}), extensions: { code } };
  }
  return {
    message: 'Internal server error.',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
