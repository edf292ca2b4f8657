/**
 * Assembles the gateway: fastify in front; health and readiness; POST /graphql (caller admitted
 * first, then Apollo Server with the limits, audit, upstream-error, redaction and log plugins); the
 * offline GraphiQL page in development and the privacy officers' console. This file only assembles;
 * every piece lives in its own module.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { errorBody } from '#domain/errors.ts';
import { registerPrivacyConsole } from '#src/web/register-privacy-console.ts';
import { createApolloVariants } from './apollo-variants.ts';
import { registerRequestLog } from './hooks/request-log.ts';
import { notesOf } from './request-notes.ts';
import { registerGraphiql } from './routes/graphiql.ts';
import { registerGraphqlRoute } from './routes/graphql.ts';
import { registerHealth } from './routes/health.ts';
import type { GatewayServices } from './services.ts';
import { loadTrustedDocuments } from './trusted-documents.ts';

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

export async function createGateway(services: GatewayServices): Promise<Gateway> {
  const { config, logger } = services;
  let phase: GatewayPhase = { phase: 'starting' };
  const app = Fastify({ logger: false, genReqId: () => randomUUID(), bodyLimit: 256 * 1024, trustProxy: false, return503OnClosing: true, forceCloseConnections: 'idle' });

  // One Apollo server per caller kind's schema (apollo-variants.ts), started here, once.
  const apollo = await createApolloVariants(app, services);
  const trustedDocuments = loadTrustedDocuments(config.trustedDocuments);

  registerRequestLog(app, logger);
  // A response that leaves while draining closes its connection, so the drain does not wait out keep-alive.
  app.addHook('onSend', async (_request, reply) => {
    if (phase.phase === 'draining') reply.header('connection', 'close');
  });
  registerHealth(app, { phase: () => phase.phase, checkReady: () => services.checkReady() });
  if (config.mode === 'development') registerGraphiql(app);
  // The privacy officers' console: static, holds no data; what it shows comes from /graphql under their token.
  registerPrivacyConsole(app);
  registerGraphqlRoute(app, apollo, services, trustedDocuments);

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ errors: [{ message: 'Not found.', extensions: { code: 'BAD_REQUEST' } }] }));
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    notesOf(request).outcome = status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
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
