/**
 * The gateway's answers for what no route takes and for the errors fastify raises itself (a body that
 * is not JSON, too large, of a type no parser takes): each a JSON body with a code. A path that exists
 * under other methods answers 405 with Allow, as HTTP asks (RFC 9110, 15.5.6).
 */
import type { FastifyInstance, HTTPMethods } from 'fastify';
import type { Logger } from 'pino';
import { errorBody, type GatewayErrorCode } from '#domain/errors.ts';
import { notesOf } from '../request-notes.ts';

const METHODS: readonly HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

const FASTIFY_CLIENT_ERRORS: Readonly<Record<number, { code: GatewayErrorCode; message: string }>> = {
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the request body as application/json.' },
};

export function registerHttpErrors(app: FastifyInstance, logger: Logger): void {
  // Bodies are JSON only: fastify's own text/plain parser would hand Apollo a string it refuses with an
  // uncoded-looking 400; without it, a text/plain body is the 415 below, like any other type.
  app.removeContentTypeParser('text/plain');
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const allow = METHODS.filter((method) => method !== request.method && app.hasRoute({ url, method }));
    if (allow.length > 0) {
      notesOf(request).outcome = 'METHOD_NOT_ALLOWED';
      return reply.code(405).header('allow', allow.join(', ')).send(errorBody('METHOD_NOT_ALLOWED', `${request.method} is not allowed here; use ${allow.join(' or ')}.`));
    }
    notesOf(request).outcome = 'NOT_FOUND';
    return reply.code(404).send(errorBody('NOT_FOUND', 'Not found.'));
  });
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    const known = FASTIFY_CLIENT_ERRORS[status];
    const code: GatewayErrorCode = status === 500 ? 'INTERNAL_SERVER_ERROR' : known?.code ?? 'BAD_REQUEST';
    notesOf(request).outcome = code;
    if (status === 500) logger.error({ requestId: request.id, err: { type: (error as Error).name } }, 'unhandled error');
    const message = status === 500 ? 'Internal server error.' : known?.message ?? 'The request could not be read.';
    return reply.code(status).type('application/json; charset=utf-8').send(errorBody(code, message));
  });
}
