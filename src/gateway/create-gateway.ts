/**
 * Assembles the gateway: fastify in front, caller identity and purpose, Apollo Server with the
 * limits, audit and logging plugins, health and readiness, the offline GraphiQL page in development.
 * This file only assembles; every piece lives in its own module.
 */
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { authenticate } from '#src/identity/authenticate.ts';
import { traceIdFrom } from '#src/identity/traceparent.ts';
import type { Caller } from '#src/identity/caller.ts';
import { errorBody } from '#domain/errors.ts';
import { formatError } from './format-error.ts';
import { useAuditCommit } from './plugins/use-audit-commit.ts';
import { useOperationLog } from './plugins/use-operation-log.ts';
import { useQueryLimits } from './plugins/use-query-limits.ts';
import { createServerContext, type ServerContext } from './server-context.ts';
import { registerPrivacyConsole } from '#src/web/register-privacy-console.ts';
import { registerGraphiql } from './routes/graphiql.ts';
import { buildSchema } from '../graph/schema.ts';
import type { GatewayServices } from './services.ts';

export type GatewayPhase =
  | { readonly phase: 'starting' }
  | { readonly phase: 'ready'; readonly since: Date }
  | { readonly phase: 'draining' }
  | { readonly phase: 'stopped' };

export interface Gateway {
  readonly app: FastifyInstance;
  readonly services: GatewayServices;
  phase(): GatewayPhase;
  /** Listens on the configured host and port; resolves with the URL. */
  listen(): Promise<string>;
  /** Stops taking requests, drains those in flight, closes upstream pools and the audit store. */
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
    traceId?: string;
    operationName?: string | null;
    outcome?: string;
  }
}

export async function createGateway(services: GatewayServices): Promise<Gateway> {
  const { config, logger } = services;
  let phase: GatewayPhase = { phase: 'starting' };
  const app = Fastify({ logger: false, genReqId: () => randomUUID(), bodyLimit: 256 * 1024, trustProxy: false, return503OnClosing: true, forceCloseConnections: 'idle' });

  const apollo = new ApolloServer<ServerContext>({
    schema: buildSchema(services.enforcement),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.mode === 'production',
    persistedQueries: false,
    allowBatchedHttpRequests: false,
    // The process's signals are main.ts's to handle (drain, close the upstreams and the audit store, exit).
    // Apollo's own handler would stop the server a second time alongside it, and the two stops never settled.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: config.limits.maxTokens },
    formatError,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      fastifyApolloDrainPlugin(app),
      useQueryLimits(config.limits),
      useAuditCommit(),
      useOperationLog(),
    ],
  });
  await apollo.start();

  app.addHook('onResponse', async (request, reply) => {
    if (request.url === '/healthz' || request.url === '/readyz' || request.url.startsWith('/graphiql') || request.url.startsWith('/privacy')) return;
    logRequest(logger, request, reply.statusCode, reply.elapsedTime);
  });

  // A response that leaves while draining closes its connection, so the drain does not wait out keep-alive.
  app.addHook('onSend', async (_request, reply) => {
    if (phase.phase === 'draining') reply.header('connection', 'close');
  });

  app.get('/healthz', async () => ({ status: 'alive' }));
  app.get('/readyz', async (_request, reply) => {
    if (phase.phase !== 'ready') return reply.code(503).send({ status: phase.phase });
    try {
      await services.checkReady();
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'not-ready' });
    }
  });
  if (config.mode === 'development') registerGraphiql(app);
  // The privacy officers' console: static, holds no data; what it shows comes from /graphql under their token.
  registerPrivacyConsole(app);

  app.post('/graphql', {
    async preHandler(request, reply) {
      request.traceId = traceIdFrom(header(request, 'traceparent'));
      reply.header('x-request-id', request.id);
      const result = await authenticate(services.verifier, services.knownPurposes, {
        authorization: header(request, 'authorization'),
        purpose: header(request, 'x-purpose'),
      });
      if (!result.ok) {
        request.outcome = result.code;
        if (result.status === 401) reply.header('www-authenticate', 'Bearer realm="ketenpoort"');
        return reply.code(result.status).type('application/json').send(errorBody(result.code, result.message));
      }
      request.caller = result.caller;
      if (Array.isArray(request.body)) {
        request.outcome = 'BATCH_NOT_SUPPORTED';
        return reply.code(400).send(errorBody('BATCH_NOT_SUPPORTED', 'Batched requests are not supported; send one operation per request.'));
      }
    },
    handler: fastifyApolloHandler(apollo, {
      context: async (request, reply) => {
        const caller = request.caller;
        if (!caller) throw new Error('unreachable: /graphql without an authenticated caller');
        return createServerContext(services, caller, request, reply, request, request.traceId ?? '');
      },
    }),
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ errors: [{ message: 'Not found.', extensions: { code: 'BAD_REQUEST' } }] }));
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    request.outcome = status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    if (status === 500) logger.error({ requestId: request.id, err: { type: (error as Error).name } }, 'unhandled error');
    return reply.code(status).send(errorBody(status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST', status === 500 ? 'Internal server error.' : 'The request could not be read.'));
  });

  await app.ready();
  phase = { phase: 'ready', since: new Date() };

  return {
    app,
    services,
    phase: () => phase,
    async listen() {
      return app.listen({ host: config.host, port: config.port });
    },
    async close() {
      if (phase.phase === 'stopped' || phase.phase === 'draining') return;
      phase = { phase: 'draining' };
      // Apollo's stop drains through fastifyApolloDrainPlugin: fastify stops accepting, lets in-flight
      // requests finish (forcing connections shut after 10 s), then Apollo stops. Upstreams close last.
      await apollo.stop();
      await services.close();
      phase = { phase: 'stopped' };
    },
  };
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** One line per request: who, why, what, how long, how it ended. Never the query, variables or token. */
function logRequest(logger: Logger, request: FastifyRequest, status: number, durationMs: number): void {
  logger.info({
    requestId: request.id,
    traceId: request.traceId,
    agency: request.caller?.agencyId,
    role: request.caller?.role,
    purpose: request.caller?.purpose,
    operationName: request.operationName ?? null,
    method: request.method,
    route: request.routeOptions.url ?? 'unknown',
    status,
    durationMs: Math.round(durationMs * 10) / 10,
    outcome: request.outcome ?? (status < 400 ? 'ok' : 'error'),
  }, 'request');
}
