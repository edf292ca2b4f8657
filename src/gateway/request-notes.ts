/**
 * What the gateway learns about one HTTP request on its way through (its trace id, the caller once
 * authenticated, the operation name and the outcome), for the request's one log line and for
 * Apollo's context. Kept beside the request in a map the gateway owns, not written onto fastify's
 * request object: one typed value, read and written through this module only.
 */
import type { FastifyRequest } from 'fastify';
import type { Caller } from '#src/identity/caller.ts';

export interface RequestNotes {
  /** W3C trace id (from `traceparent`, or new). */
  traceId: string;
  /** The gateway's span for the request, and the caller's span it continued (null when it started the trace). */
  spanId: string | null;
  parentSpanId: string | null;
  caller: Caller | null;
  operationName: string | null;
  /** Error codes of the answer, comma-separated, or `ok`. */
  outcome: string | null;
}

const notes = new WeakMap<FastifyRequest, RequestNotes>();

export function notesOf(request: FastifyRequest): RequestNotes {
  let found = notes.get(request);
  if (!found) {
    found = { traceId: '', spanId: null, parentSpanId: null, caller: null, operationName: null, outcome: null };
    notes.set(request, found);
  }
  return found;
}
