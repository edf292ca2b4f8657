/**
 * The per-request context every resolver receives. Built once per HTTP request after the caller is
 * authenticated; nothing in it outlives the request except the shared services it points at.
 */
import type { Logger } from 'pino';
import type { Caller } from '#src/identity/caller.ts';
import type { RequestState } from '../enforcement/request-scope.ts';
import type { GatewayServices } from '../gateway/services.ts';

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
