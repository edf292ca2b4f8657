/** One log line per GraphQL request: who, why, what, how long, how it ended. Never the query, variables or token. */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { notesOf } from '../request-notes.ts';

const UNLOGGED = ['/healthz', '/readyz'];
const UNLOGGED_PREFIXES = ['/graphiql', '/privacy'];

export function registerRequestLog(app: FastifyInstance, logger: Logger): void {
  app.addHook('onResponse', async (request, reply) => {
    if (UNLOGGED.includes(request.url) || UNLOGGED_PREFIXES.some((prefix) => request.url.startsWith(prefix))) return;
    const { traceId, caller, operationName, outcome } = notesOf(request);
    const status = reply.statusCode;
    logger.info({
      requestId: request.id,
      traceId: traceId || undefined,
      agency: caller?.agencyId,
      role: caller?.role,
      purpose: caller?.purpose,
      operationName,
      method: request.method,
      route: request.routeOptions.url ?? 'unknown',
      status,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      outcome: outcome ?? (status < 400 ? 'ok' : 'error'),
    }, 'request');
  });
}
