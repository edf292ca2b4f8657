/**
 * Refuses a request that carries a single-valued header more than once. Node keeps the first of two
 * `Authorization` headers and silently drops the second, and joins two `X-Purpose` headers into
 * "a, b": either way the gateway would act on something other than what the caller sent (a proxy and
 * the gateway could even read different values). Read from the raw header list, where every
 * occurrence is still there.
 */
import type { FastifyInstance } from 'fastify';
import { errorBody } from '#domain/errors.ts';
import { notesOf } from '../request-notes.ts';

/** Headers that mean one thing once: identity, purpose, the body's type, the target, the trace. */
export const SINGLE_VALUED_HEADERS: ReadonlySet<string> = new Set(['authorization', 'x-purpose', 'content-type', 'host', 'origin', 'traceparent']);

/** The first single-valued header that occurs more than once in a raw header list (name, value, …), lower-cased. */
export function duplicatedHeader(rawHeaders: readonly string[]): string | null {
  const seen = new Set<string>();
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index]!.toLowerCase();
    if (!SINGLE_VALUED_HEADERS.has(name)) continue;
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return null;
}

export function registerDuplicateHeaderRefusal(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const name = duplicatedHeader(request.raw.rawHeaders);
    if (!name) return;
    notesOf(request).outcome = 'DUPLICATE_HEADER';
    return reply.code(400).type('application/json; charset=utf-8')
      .send(errorBody('DUPLICATE_HEADER', `The ${name} header may be sent once; it was sent more than once.`));
  });
}
