/**
 * POST /graphql/stream: the schema's subscriptions as server-sent events (the GraphQL over SSE protocol's
 * "distinct connections" mode, one subscription per request with `Accept: text/event-stream`; graphql-sse
 * implements the protocol, so it is not written here). Admitted exactly as /graphql (admitCaller), run
 * on the caller's own schema, with the same token limit; only subscriptions are taken here, since
 * queries and mutations go through /graphql, where their audit entries are committed with the answer.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getOperationAST, OperationTypeNode, parse, type DocumentNode } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/fastify';
import { errorBody } from '#domain/errors.ts';
import type { ApolloVariants } from '../apollo-variants.ts';
import { notesOf } from '../request-notes.ts';
import { createServerContext, type ServerContext } from '../server-context.ts';
import type { GatewayServices } from '../services.ts';
import type { TrustedDocuments } from '../trusted-documents.ts';
import { admitCaller, callerOf } from './graphql.ts';

export const STREAM_PATH = '/graphql/stream';

/** graphql-sse asks for an indexable context; the request's context is one (a plain object). */
type StreamContext = ServerContext & Record<PropertyKey, unknown>;

export function registerGraphqlStream(app: FastifyInstance, apollo: ApolloVariants, services: GatewayServices, trusted: TrustedDocuments): void {
  const admit = admitCaller(services, trusted);
  const handler = createHandler<StreamContext>({
    schema: (request) => apollo.schemaFor(callerOf(request.raw)),
    context: (request) => createServerContext(services, callerOf(request.raw), request.raw, request.context.reply, notesOf(request.raw)) as StreamContext,
  });
  app.route({
    method: 'POST',
    url: STREAM_PATH,
    async preHandler(request, reply) {
      const refused = await admit(request, reply);
      if (refused) return refused;
      return refuseNonSubscription(services, request, reply);
    },
    async handler(request, reply) {
      notesOf(request).outcome = 'STREAM';
      await handler(request, reply);
    },
  });
}

/** A document that is not one subscription within the token limit is refused before the stream opens. */
function refuseNonSubscription(services: GatewayServices, request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const body = (request.body ?? {}) as { query?: unknown; operationName?: unknown };
  const refuse = (code: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED' | 'TOO_MANY_TOKENS', message: string) => {
    notesOf(request).outcome = code;
    return reply.code(400).type('application/json').send(errorBody(code, message));
  };
  if (typeof body.query !== 'string') return refuse('GRAPHQL_PARSE_FAILED', 'The request has no query.');
  let document: DocumentNode;
  try {
    document = parse(body.query, { maxTokens: services.config.limits.maxTokens });
  } catch (error) {
    return /token limit/i.test((error as Error).message)
      ? refuse('TOO_MANY_TOKENS', 'The query has too many tokens.')
      : refuse('GRAPHQL_PARSE_FAILED', 'The query does not parse.');
  }
  const operation = getOperationAST(document, typeof body.operationName === 'string' ? body.operationName : undefined);
  if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) {
    return refuse('GRAPHQL_VALIDATION_FAILED', 'Only subscriptions are served here; send queries and mutations to /graphql.');
  }
  return undefined;
}
