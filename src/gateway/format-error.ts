/**
 * The one normaliser every error passes through on its way out to the caller (Apollo's formatError).
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { GATEWAY_ERROR_CODES } from '#domain/errors.ts';
import { isAdapterError } from '#kit/errors.ts';

const KNOWN = new Set<string>(GATEWAY_ERROR_CODES);

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
