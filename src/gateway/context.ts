/**
 * The per-request context every resolver receives. Built once per HTTP request after the caller is
 * authenticated; nothing in it outlives the request except the shared services it points at.
 */
import type { Logger } from 'pino';
import type { AgencyKind } from '#kit/records.ts';
import type { RequestState } from './request-scope.ts';
import type { GatewayServices } from './services.ts';

/** The authenticated caller, from a verified token and the X-Purpose header. */
export interface Caller {
  readonly agencyId: string;
  readonly kind: AgencyKind;
  /** Region id of the caller's agency. */
  readonly region: string;
  /** Pseudonymous user id (the token's `sub`). */
  readonly userId: string;
  /** e.g. `caseworker`, `privacy-officer`. */
  readonly role: string;
  /** Purposes the token allows. */
  readonly purposes: readonly string[];
  /** The one purpose this request declared. */
  readonly purpose: string;
}

export interface GatewayContext {
  readonly caller: Caller;
  readonly requestId: string;
  /** W3C trace id (from `traceparent`, or new). */
  readonly traceId: string;
  /** The instant the request is judged at: policy validity and ages use this, never the wall clock. */
  readonly now: Date;
  readonly logger: Logger;
  readonly services: GatewayServices;
  readonly request: RequestState;
  /** Where plugins note the operation name and outcome for the request log line. */
  readonly http: { operationName?: string | null; outcome?: string };
}
