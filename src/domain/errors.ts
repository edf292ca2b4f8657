/**
 * The closed set of error codes a caller can see (src/gateway/format-error.ts is the one normaliser
 * every error passes through on its way out). Codes say what went wrong without saying anything about
 * a record. Here, beneath every layer, so identity, the graph and the adapters all name the same list.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Errors an adapter may raise. The set is closed: the gateway maps each code to a GraphQL error. */
export const ADAPTER_ERROR_CODES = [
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_BAD_RESPONSE',
  'UPSTREAM_NOT_FOUND',
  'UPSTREAM_RATE_LIMITED',
  'UPSTREAM_UNAUTHORIZED',
  // An agency's system refused an act delivered into it as invalid (issue 13); never retried.
  'UPSTREAM_REFUSED',
] as const;

export type AdapterErrorCode = (typeof ADAPTER_ERROR_CODES)[number];

export const GATEWAY_ERROR_CODES = [
  // Authentication (HTTP 401): nothing executed.
  'TOKEN_MISSING', 'TOKEN_MALFORMED', 'TOKEN_SIGNATURE_INVALID', 'TOKEN_ALGORITHM_NOT_ALLOWED', 'TOKEN_EXPIRED',
  'TOKEN_NOT_YET_VALID', 'TOKEN_ISSUER_UNKNOWN', 'TOKEN_ISSUER_INVALID', 'TOKEN_AUDIENCE_INVALID', 'TOKEN_CLAIMS_INVALID',
  // The calling agency's keys could not be fetched (HTTP 503): nothing executed, never an accept.
  'IDENTITY_UNAVAILABLE',
  // The calling organisation does not exist on the request's day (HTTP 403): nothing executed.
  'ORGANISATION_NOT_IN_FORCE',
  // Purpose binding (HTTP 400/403): nothing executed.
  'PURPOSE_MISSING', 'PURPOSE_UNKNOWN', 'PURPOSE_NOT_PERMITTED',
  // Query limits (HTTP 400).
  'QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_TOKENS', 'QUERY_TOO_COSTLY', 'BATCH_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST',
  // HTTP edges (docs/http.md): refused before anything is admitted or executed.
  'MALFORMED_REQUEST', 'DUPLICATE_HEADER', 'HEADERS_TOO_LARGE', 'REQUEST_TIMEOUT', 'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE', 'NOT_FOUND', 'METHOD_NOT_ALLOWED', 'ORIGIN_NOT_ALLOWED',
  // Trusted documents (HTTP 400): only registered operations run in production; nothing executed.
  'OPERATION_NOT_TRUSTED', 'PERSISTED_QUERY_NOT_FOUND',
  // Inbound rate limit (HTTP 429, with Retry-After): nothing executed.
  'RATE_LIMITED',
  // Authorization and policy.
  'FORBIDDEN', 'FILTER_NOT_PERMITTED',
  // The chain's acts (schema/act.graphql, docs/acts.md): nothing queued, nothing sent.
  'ACT_NOT_FOUND', 'ACT_NOT_ALLOWED', 'ACT_CASE_CLOSED', 'ACT_IDEMPOTENCY_CONFLICT', 'ACT_ALREADY_ANSWERED', 'ACT_NOT_ANSWERABLE',
  // Audit trail (fail closed).
  'AUDIT_UNAVAILABLE',
  // Upstream agencies.
  ...ADAPTER_ERROR_CODES,
  'INTERNAL_SERVER_ERROR',
] as const;

export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

/** An error the gateway raises on purpose; its message is safe to show. */
export function gatewayError(code: GatewayErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** The body of an HTTP error response that never reached execution (auth, purpose). */
export function errorBody(code: GatewayErrorCode, message: string): { errors: GraphQLFormattedError[] } {
  return { errors: [{ message, extensions: { code } }] };
}

