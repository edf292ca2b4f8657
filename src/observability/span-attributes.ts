/**
 * The only attributes a span of the gateway may carry, as a closed type: organisation ids, purposes,
 * roles, schema coordinates, agreement references, operation names and codes. Never a BSN, a name, a
 * narrative, a token, a variable value or a URL with its query (house rule: no personal data in traces).
 */
import type { Span } from '@opentelemetry/api';

// A type, not an interface: OpenTelemetry's Attributes wants an index signature, which only a type alias gives implicitly.
export type SpanAttributes = {
  readonly 'http.request.method'?: string;
  /** The route template (`/graphql`), never the URL. */
  readonly 'http.route'?: string;
  readonly 'http.response.status_code'?: number;
  readonly 'http.request.resend_count'?: number;
  readonly 'server.address'?: string;
  readonly 'server.port'?: number;
  /** An error code from the closed list (src/domain/errors.ts), `CALLER_ABORTED` or `CIRCUIT_OPEN`. */
  readonly 'error.type'?: string;
  readonly 'graphql.operation.type'?: string;
  /** The caller's operation name, as the request log has it (digit runs masked). */
  readonly 'graphql.operation.name'?: string;
  /** The calling organisation (agency id), its role and declared purpose, once authenticated. */
  readonly 'ketenpoort.organisation'?: string;
  readonly 'ketenpoort.role'?: string;
  readonly 'ketenpoort.purpose'?: string;
  /** `ok`, or the answer's error codes. */
  readonly 'ketenpoort.outcome'?: string;
  /** Upstream: the agency called and the adapter's fixed name of the call. */
  readonly 'ketenpoort.upstream.agency'?: string;
  readonly 'ketenpoort.upstream.operation'?: string;
  /** Policy: the schema coordinate decided, the owner agency, and the decision with its basis. */
  readonly 'ketenpoort.policy.coordinate'?: string;
  readonly 'ketenpoort.policy.owner'?: string;
  readonly 'ketenpoort.policy.effect'?: string;
  readonly 'ketenpoort.policy.reason'?: string;
  readonly 'ketenpoort.policy.agreement'?: string;
  readonly 'ketenpoort.policy.article'?: string;
  readonly 'ketenpoort.audit.entries'?: number;
  /** Notices (docs/notifications.md) committed with the entries. */
  readonly 'ketenpoort.audit.notices'?: number;
};

/** Sets attributes on a span, only of the kinds above; a non-recording span skips the work. */
export function setSpanAttributes(span: Span, attributes: SpanAttributes): void {
  if (span.isRecording()) span.setAttributes(attributes);
}
