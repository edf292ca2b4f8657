/**
 * Assembles the gateway: fastify in front; health and readiness; POST /graphql (caller admitted
 * first, then Apollo Server with the limits, audit, upstream-error, redaction and log plugins); the
 * offline GraphiQL page in development and the privacy officers' console. This file only assembles;
 * every piece lives in its own module.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { registerPrivacyConsole } from '#src/web/register-privacy-console.ts';
import { requestId } from './request-id.ts';
import { createApolloVariants } from './apollo-variants.ts';
import { registerRequestObservation } from './hooks/observe-requests.ts';
import { registerCors } from './hooks/cors.ts';
import { registerDuplicateHeaderRefusal } from './hooks/duplicate-headers.ts';
import { registerHttpErrors } from './hooks/http-errors.ts';
import { httpServerOptions } from './hooks/http-server-options.ts';
import { registerRequestLog } from './hooks/request-log.ts';
import { registerGraphiql } from './routes/graphiql.ts';
import { registerGraphqlRoute } from './routes/graphql.ts';
import { registerGraphqlStream } from './routes/graphql-stream.ts';
import { registerHealth } from './routes/health.ts';
import { createReadinessCheck } from './readiness.ts';
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
  const app = Fastify({ logger: false, genReqId: requestId, bodyLimit: 256 * 1024, trustProxy: false, return503OnClosing: true, forceCloseConnections: 'idle', ...httpServerOptions(config.http) });

  // One Apollo server per caller kind's schema (apollo-variants.ts), started here, once.
  const apollo = await createApolloVariants(app, services);
  const trustedDocuments = loadTrustedDocuments(config.trustedDocuments);

  registerRequestLog(app, logger);
  registerRequestObservation(app, services);
  registerDuplicateHeaderRefusal(app);
  await registerCors(app, config.http.corsOrigins);
  // A response that leaves while draining closes its connection, so the drain does not wait out keep-alive.
  app.addHook('onSend', async (_request, reply) => {
    if (phase.phase === 'draining') reply.header('connection', 'close');
  });
  registerHealth(app, { phase: () => phase.phase, checkReady: createReadinessCheck({ check: () => services.checkReady(), logger }) });
  if (config.mode === 'development') registerGraphiql(app);
  // The privacy officers' console: static, holds no data; what it shows comes from /graphql under their token.
  registerPrivacyConsole(app);
  registerGraphqlRoute(app, apollo, services, trustedDocuments);
  registerGraphqlStream(app, apollo, services, trustedDocuments);

  registerHttpErrors(app, logger);

  await app.ready();
  phase = { phase: 'ready', since: new Date() };

  return {
    app,
    services,
    phase: () => phase,
    async listen() {
      const url = await app.listen({ host: config.host, port: config.port });
      const metricsUrl = await services.observability.listen();
      if (metricsUrl) logger.info({ url: `${metricsUrl}/metrics` }, 'metrics are served');
      return url;
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
