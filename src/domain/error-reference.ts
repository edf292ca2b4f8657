/**
 * What each error code a caller can see means and the HTTP status it arrives with: the source of docs/errors.md
 * (`npm run errors:print`). Typed over the closed list in errors.ts, so a code added there without an entry here
 * fails the typecheck. Statuses are what the gateway answers (tests/gateway/error-reference.test.ts asks it):
 * a refusal before execution has its own status and no `data`; an error raised while fields resolve comes with
 * 200 and whatever else of the answer could be given, unless the error sets its own status (FORBIDDEN).
 */
import type { GatewayErrorCode } from './errors.ts';

export interface ErrorReferenceEntry {
  /** The HTTP status of a response that carries this code. */
  readonly status: number;
  /** For a code raised at more than one stage: the other statuses it arrives with, and when. */
  readonly also?: readonly { readonly status: number; readonly when: string }[];
  readonly meaning: string;
}

const TOKEN = 'Nothing executed; the response carries `WWW-Authenticate: Bearer`.';
const UPSTREAM = 'The rest of the answer is given; the error names the agency in `extensions.agency`, and that agency\'s part is missing (its records are left out, not withheld).';

export const ERROR_REFERENCE: Record<GatewayErrorCode, ErrorReferenceEntry> = {
  TOKEN_MISSING: { status: 401, meaning: `No \`Authorization: Bearer\` header. ${TOKEN}` },
  TOKEN_MALFORMED: { status: 401, meaning: `The header does not read \`Bearer <token>\`, or the token is not a well-formed JWT. ${TOKEN}` },
  TOKEN_SIGNATURE_INVALID: { status: 401, meaning: `The signature does not verify against the issuing agency's keys. ${TOKEN}` },
  TOKEN_ALGORITHM_NOT_ALLOWED: { status: 401, meaning: `The token is signed with an algorithm the gateway does not accept. ${TOKEN}` },
  TOKEN_EXPIRED: { status: 401, meaning: `The token's \`exp\` has passed (beyond the allowed clock skew). ${TOKEN}` },
  TOKEN_NOT_YET_VALID: { status: 401, meaning: `The token's \`nbf\` or \`iat\` lies in the future (beyond the allowed clock skew). ${TOKEN}` },
  TOKEN_ISSUER_UNKNOWN: { status: 401, meaning: `The token was issued by an agency the gateway does not know. ${TOKEN}` },
  TOKEN_ISSUER_INVALID: { status: 401, meaning: `The token's issuer does not match the agency whose key signed it. ${TOKEN}` },
  TOKEN_AUDIENCE_INVALID: { status: 401, meaning: `The token's audience is not this gateway (\`KETENPOORT_AUDIENCE\`). ${TOKEN}` },
  TOKEN_CLAIMS_INVALID: { status: 401, meaning: `A required claim (role, purposes, subject) is missing or malformed. ${TOKEN}` },
  ORGANISATION_NOT_IN_FORCE: { status: 403, meaning: 'The token is valid, but the organisation that issued it does not exist on the request\'s day (covenants/organisations.yaml: before its validFrom or after its validTo; an ASHG or AMK since the 2015 merger, say). Its successor controls its records now. Nothing executed.' },
  PURPOSE_MISSING: { status: 400, meaning: 'The request declares no purpose in the `X-Purpose` header. Nothing executed.' },
  PURPOSE_UNKNOWN: { status: 400, meaning: 'The declared purpose is not a purpose code any agreement knows. Nothing executed.' },
  PURPOSE_NOT_PERMITTED: { status: 403, meaning: 'The declared purpose is not among the purposes the token allows. Nothing executed.' },
  QUERY_TOO_DEEP: { status: 400, meaning: 'The operation nests deeper than the limit (`KETENPOORT_MAX_DEPTH`). Nothing executed.' },
  TOO_MANY_ALIASES: { status: 400, meaning: 'The operation uses more aliases than the limit (`KETENPOORT_MAX_ALIASES`). Nothing executed.' },
  TOO_MANY_TOKENS: { status: 400, meaning: 'The document has more tokens than the limit (`KETENPOORT_MAX_TOKENS`); it was not parsed. Nothing executed.' },
  QUERY_TOO_COSTLY: { status: 400, meaning: 'The operation\'s estimated cost exceeds the limit (`KETENPOORT_MAX_COST`). Nothing executed.' },
  BATCH_NOT_SUPPORTED: { status: 400, meaning: 'The body is an array of operations; send one operation per request. Nothing executed.' },
  PERSISTED_QUERY_NOT_SUPPORTED: { status: 400, meaning: 'Apollo\'s automatic persisted queries (a cache any client fills) are off: a hash the gateway knows is a registered operation (see OPERATION_NOT_TRUSTED); otherwise send the query text. Nothing executed.' },
  GRAPHQL_PARSE_FAILED: { status: 400, meaning: 'The query is not valid GraphQL syntax. Nothing executed.' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, meaning: 'The query does not validate against the schema (`schema.graphql`): an unknown field, a missing argument, a wrong type. Nothing executed.' },
  BAD_USER_INPUT: {
    status: 400,
    also: [{ status: 200, when: 'an argument the field checks itself is refused; that field is null' }],
    meaning: 'A value is not acceptable: a variable of the wrong type or format (a `Date` not written yyyy-mm-dd) is refused before execution; an argument a field checks (a BSN failing the eleven-test, both or neither of `municipality` and `region`) nulls that field.',
  },
  OPERATION_RESOLUTION_FAILURE: { status: 400, meaning: 'The operation to run cannot be chosen: several operations and no `operationName`, or an `operationName` the document lacks. Nothing executed.' },
  BAD_REQUEST: { status: 400, meaning: 'The request cannot be read: a body that is not JSON, or no `query` in it. Nothing executed.' },
  MALFORMED_REQUEST: { status: 400, meaning: 'The request is not well-formed HTTP (a bad request line, an invalid or injected header, conflicting Content-Length). Answered by the server before routing; the connection is closed.' },
  DUPLICATE_HEADER: { status: 400, meaning: 'A header that must appear once (Authorization, X-Purpose, Content-Type, ...) appeared more than once; the gateway will not guess which one was meant. Nothing executed.' },
  HEADERS_TOO_LARGE: { status: 431, meaning: 'The request headers are larger than the server accepts. Nothing executed; the connection is closed.' },
  REQUEST_TIMEOUT: { status: 408, meaning: 'The headers or the body did not arrive within the bounds (KETENPOORT_HEADERS_TIMEOUT_MS, KETENPOORT_BODY_TIMEOUT_MS, default 10 s); a slow sender is cut off. Nothing executed.' },
  PAYLOAD_TOO_LARGE: { status: 413, meaning: 'The request body is over 256 KiB. Nothing executed.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'A POST body in a content type the gateway does not read (send `application/json`). Nothing executed.' },
  NOT_FOUND: { status: 404, meaning: 'No such path on the gateway (a route, not a record: a record that cannot be found answers null inside a 200).' },
  METHOD_NOT_ALLOWED: { status: 405, meaning: 'The path exists but not for this method (the `Allow` header lists those it takes); GraphQL mutations are never run over GET.' },
  ORIGIN_NOT_ALLOWED: { status: 403, meaning: 'A browser request (CORS preflight or call) from an origin not in KETENPOORT_CORS_ORIGINS; the list is empty by default. Nothing executed.' },
  OPERATION_NOT_TRUSTED: { status: 400, meaning: 'Trusted documents are enforced (production by default) and this document is not registered for your organisation: register it with `npm run operations:register` in a reviewed pull request, or send its `documentId`. Nothing executed.' },
  PERSISTED_QUERY_NOT_FOUND: { status: 400, meaning: 'The `documentId` (sha256:<hex>) or `extensions.persistedQuery.sha256Hash` names no operation registered for your organisation. Nothing executed.' },
  IDENTITY_UNAVAILABLE: { status: 503, meaning: 'The key set of the caller\'s organisation could not be fetched from its JWKS URL (or OpenID Connect discovery) in time, so the token could not be checked; `Retry-After` says when to try again. Nothing executed. Never an accept without a checked signature.' },
  RATE_LIMITED: { status: 429, meaning: 'The organisation or the user has used up its inbound rate limit; `Retry-After` says when to try again. Nothing executed and no agency was asked.' },
  FORBIDDEN: { status: 403, meaning: 'A privacy officer asked one of the officers\' queries (audit trail, explanations, matrix, diffs) under a purpose other than privacy-audit; that field is null. (Other roles\' schemas do not hold those queries at all: GRAPHQL_VALIDATION_FAILED.)' },
  FILTER_NOT_PERMITTED: { status: 200, meaning: 'A filter or ordering names a field the viewer can never read under the declared purpose; that field is null. (Withheld fields themselves are not errors: they are null and listed in `extensions.redactions`.)' },
  ACT_NOT_FOUND: { status: 200, meaning: 'The record (or act) the act names is not one the caller may act on: it does not exist, is not its organisation\'s, or is not addressed to it. Answered exactly as for a record that does not exist, no sooner than the not-found floor. Nothing was queued or sent.' },
  ACT_NOT_ALLOWED: { status: 200, meaning: 'No covenant in force lets the caller\'s organisation do this act, to this receiver, under the declared purpose (the message names which: NO_ACT_GRANT, RECEIVER_NOT_ALLOWED, REFERRAL_KIND_NOT_COVERED, PURPOSE_NOT_COVERED, CONDITION_FAILED, ORGANISATION_NOT_IN_FORCE, RECEIVER_WITHOUT_SYSTEM). Nothing was queued or sent.' },
  ACT_CASE_CLOSED: { status: 200, meaning: 'The case the act is about is closed at the sender; it cannot be handed over or referred. Nothing was queued or sent.' },
  ACT_IDEMPOTENCY_CONFLICT: { status: 200, meaning: 'The idempotency key was used before by the caller\'s organisation for an act with another input. (The same key with the same input answers the first act.) Nothing was queued or sent.' },
  ACT_ALREADY_ANSWERED: { status: 200, meaning: 'The handover or referral was answered before; an answer is given once. Nothing was queued or sent.' },
  ACT_NOT_ANSWERABLE: { status: 200, meaning: 'The handover or referral has not reached the caller\'s system yet (PENDING, or FAILED and waiting for a retry); answer it once it is DELIVERED.' },
  AUDIT_UNAVAILABLE: { status: 503, meaning: 'The audit trail could not record what the answer would disclose, so no data is given (fail closed); `/readyz` reports not ready meanwhile. Retry later.' },
  UPSTREAM_TIMEOUT: { status: 200, meaning: `An agency's system did not answer in time (after retries). ${UPSTREAM}` },
  UPSTREAM_UNAVAILABLE: { status: 200, meaning: `An agency's system could not be reached or answered with a server error, or its circuit breaker is open. ${UPSTREAM}` },
  UPSTREAM_BAD_RESPONSE: { status: 200, meaning: `An agency's system answered something the gateway cannot read (malformed, out of its dialect, too large). ${UPSTREAM}` },
  UPSTREAM_NOT_FOUND: { status: 200, meaning: 'Reserved: no adapter raises it today; it would arrive like the other upstream codes. (A record that does not exist is not an error: a lookup answers null.)' },
  UPSTREAM_RATE_LIMITED: { status: 200, meaning: `An agency's system refused the gateway for its own rate limit (after retries). ${UPSTREAM}` },
  UPSTREAM_UNAUTHORIZED: { status: 200, meaning: `An agency's system refused the gateway's own credentials (a configuration matter for its operators, not the caller). ${UPSTREAM}` },
  UPSTREAM_REFUSED: { status: 200, meaning: 'An agency\'s system refused an act delivered into it (a handover, referral, answer or feedback) as invalid, or the act is one that system does not receive; it would be refused again, so the act is not retried but kept as failed for a privacy officer to see.' },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    also: [{ status: 200, when: 'a field failed unexpectedly while the rest of the answer could be given; that field is null' }],
    meaning: 'Something failed that the gateway did not expect; the message is masked (it could hold upstream text or personal data). The request id in `X-Request-Id` finds it in the operators\' log.',
  },
};
