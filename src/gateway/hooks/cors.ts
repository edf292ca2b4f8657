/**
 * CORS, closed by default: only the origins listed in KETENPOORT_CORS_ORIGINS may call from a browser
 * page of another origin. A preflight from an allowed origin is answered (204, the methods and headers
 * /graphql takes); a preflight from any other origin is refused with a coded 403 and no CORS headers,
 * which a browser reports as a CORS failure and a person reading the network tab can understand. An
 * actual request from an unlisted origin gets no CORS headers, so the browser hides the answer; it
 * could not have carried Authorization or X-Purpose without passing the preflight first.
 */
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { errorBody } from '#domain/errors.ts';
import { notesOf } from '../request-notes.ts';

/** Headers a browser page may send to /graphql; anything else fails its preflight. */
const ALLOWED_HEADERS = ['authorization', 'content-type', 'x-purpose', 'traceparent', 'accept'];

export async function registerCors(app: FastifyInstance, origins: readonly string[]): Promise<void> {
  const allowed = new Set(origins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    const isPreflight = request.method === 'OPTIONS' && origin !== undefined && request.headers['access-control-request-method'] !== undefined;
    if (!isPreflight || allowed.has(origin)) return;
    notesOf(request).outcome = 'ORIGIN_NOT_ALLOWED';
    return reply.code(403).type('application/json; charset=utf-8')
      .send(errorBody('ORIGIN_NOT_ALLOWED', 'This origin may not call the gateway from a browser.'));
  });
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
    methods: ['GET', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: ['x-request-id', 'retry-after'],
    credentials: false,
    maxAge: 600,
  });
}
