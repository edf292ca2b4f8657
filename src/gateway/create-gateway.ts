/**
 * Assembles the gateway: fastify in front; health and readiness; POST /graphql (caller admitted
 * first, then Apollo Server with the limits, audit, upstream-error, redaction and log plugins); the
 * offline GraphiQL page in development and the privacy officers' console. This file only assembles;
 * every piece lives in its own module.
 */
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled, ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildSchema } from '#src/graph/schema.ts';
import { registerPrivacyConsole } from '#src/web/register-privacy-console.ts';
import { formatError } from './format-error.ts';
import { registerRequestObservation } from './hooks/observe-requests.ts';
import { registerCors } from './hooks/cors.ts';
import { registerDuplicateHeaderRefusal } from './hooks/duplicate-headers.ts';
import { registerHttpErrors } from './hooks/http-errors.ts';
import { httpServerOptions } from './hooks/http-server-options.ts';
import { registerRequestLog } from './hooks/request-log.ts';
import { useAuditCommit } from './plugins/use-audit-commit.ts';
import { useKnownOperationTypes } from './plugins/use-known-operation-types.ts';
import { useOperationLog } from './plugins/use-operation-log.ts';
import { useQueryLimits } from './plugins/use-query-limits.ts';
import { useRedactions } from './plugins/use-redactions.ts';
import { useTracing } from './plugins/use-tracing.ts';
import { useUpstreamErrors } from './plugins/use-upstream-errors.ts';
import { registerGraphiql } from './routes/graphiql.ts';
import { registerGraphqlRoute } from './routes/graphql.ts';
import { registerHealth } from './routes/health.ts';
import type { ServerContext } from './server-context.ts';
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

export async function createGateway(services: GatewayServices): Promise<Gateway> {
  const { config, logger } = services;
  let phase: GatewayPhase = { phase: 'starting' };
  const app = Fastify({ logger: false, genReqId: () => randomUUID(), bodyLimit: 256 * 1024, trustProxy: false, return503OnClosing: true, forceCloseConnections: 'idle', ...httpServerOptions(config.http) });

  const apollo = new ApolloServer<ServerContext>({
    schema: buildSchema(services.enforcement),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.mode === 'production',
    persistedQueries: false,
    // GET /graphql is open to queries; a cross-site GET cannot carry X-Purpose without a preflight, which
    // CORS refuses for unlisted origins, so X-Purpose (required anyway) is the header that proves it.
    csrfPrevention: { requestHeaders: ['x-purpose', 'x-apollo-operation-name', 'apollo-require-preflight'] },
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
      useKnownOperationTypes(),
      useQueryLimits(config.limits),
      useUpstreamErrors(),
      useRedactions(),
      useAuditCommit(),
      useOperationLog(),
      useTracing(),
    ],
  });
  await apollo.start();

  registerRequestLog(app, logger);
  registerRequestObservation(app, services);
  registerDuplicateHeaderRefusal(app);
  await registerCors(app, config.http.corsOrigins);
  // A response that leaves while draining closes its connection, so the drain does not wait out keep-alive.
  app.addHook('onSend', async (_request, reply) => {
    if (phase.phase === 'draining') reply.header('connection', 'close');
  });
  registerHealth(app, { phase: () => phase.phase, checkReady: () => services.checkReady() });
  if (config.mode === 'development') registerGraphiql(app);
  // The privacy officers' console: static, holds no data; what it shows comes from /graphql under their token.
  registerPrivacyConsole(app);
  registerGraphqlRoute(app, apollo, services);

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
