/**
 * GET and POST /graphql (GET for queries only: Apollo answers a mutation over GET with 405 and
 * `Allow: POST`; docs/http.md): the caller is admitted first (a verified token and a known, permitted
 * purpose), and refused with its own code before anything executes, as is a document not registered for
 * it (trusted-documents.ts); then the Apollo server of the caller's schema runs the operation with the
 * request's typed context.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '#domain/errors.ts';
import { authenticate } from '#src/identity/authenticate.ts';
import { withOperationSpan } from '../hooks/observe-requests.ts';
import { fastifyVariantHandler, type ApolloVariants } from '../apollo-variants.ts';
import { refuseWhenLimited } from '../hooks/rate-limit.ts';
import { notesOf } from '../request-notes.ts';
import type { Caller } from '#src/identity/caller.ts';
import { createServerContext } from '../server-context.ts';
import type { GatewayServices } from '../services.ts';
import { refuseUntrusted, type TrustedDocuments } from '../trusted-documents.ts';

/**
 * Admission, as every GraphQL route has it: a verified token and a known, permitted purpose, the rate
 * limits, one operation per request, and (when on) a document registered for the caller. Refuses with
 * its own code and status before anything executes; on success the caller is in the request's notes.
 */
export function admitCaller(services: GatewayServices, trusted: TrustedDocuments) {
  return async function admit(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const notes = notesOf(request);
    reply.header('x-request-id', request.id);
    const result = await authenticate(services.verifier, services.knownPurposes, {
      authorization: header(request, 'authorization'),
      purpose: header(request, 'x-purpose'),
    });
    if (!result.ok) {
      notes.outcome = result.code;
      if (result.status === 401) reply.header('www-authenticate', 'Bearer realm="ketenpoort"');
      if (result.status === 503) reply.header('retry-after', '5');
      return reply.code(result.status).type('application/json').send(errorBody(result.code, result.message));
    }
    notes.caller = result.caller;
    if (await refuseWhenLimited(services, result.caller, reply, notes)) return reply;
    if (Array.isArray(request.body)) {
      notes.outcome = 'BATCH_NOT_SUPPORTED';
      return reply.code(400).send(errorBody('BATCH_NOT_SUPPORTED', 'Batched requests are not supported; send one operation per request.'));
    }
    if (refuseUntrusted(trusted, result.caller, request, reply, notes)) return reply;
    return undefined;
  };
}

export function registerGraphqlRoute(app: FastifyInstance, apollo: ApolloVariants, services: GatewayServices, trusted: TrustedDocuments): void {
  app.route({
    method: ['GET', 'POST'],
    url: '/graphql',
    preHandler: admitCaller(services, trusted),
    // The caller's own schema (apollo-variants.ts): a field outside it does not validate.
    handler: withOperationSpan(services, fastifyVariantHandler(apollo, callerOf, async (request, reply) => createServerContext(services, callerOf(request), request, reply, notesOf(request)))),
  });
}

export function callerOf(request: FastifyRequest): Caller {
  const { caller } = notesOf(request);
  if (!caller) throw new Error('unreachable: /graphql without an authenticated caller');
  return caller;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
