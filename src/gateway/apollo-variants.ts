/**
 * One Apollo Server per schema variant (src/graph/schema-variants.ts), all built and started once at
 * start-up with the same options and plugins; /graphql hands each request to its caller's server.
 * Apollo Server 5 serves one schema per instance (its gateway option is for federation), so a
 * variant is a server of its own. Variants that print the same share one server.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled, ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler, type ApolloFastifyContextFunction } from '@as-integrations/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from '#src/graph/schema.ts';
import { buildSchemaVariant, variantKey, variantKeyOfCaller, type VariantSpec } from '#src/graph/schema-variants.ts';
import type { Caller } from '#src/identity/caller.ts';
import { formatError } from './format-error.ts';
import { useAuditCommit } from './plugins/use-audit-commit.ts';
import { useKnownOperationTypes } from './plugins/use-known-operation-types.ts';
import { useOperationLog } from './plugins/use-operation-log.ts';
import { useQueryLimits } from './plugins/use-query-limits.ts';
import { useRedactions } from './plugins/use-redactions.ts';
import { useTracing } from './plugins/use-tracing.ts';
import { useUpstreamErrors } from './plugins/use-upstream-errors.ts';
import type { ServerContext } from './server-context.ts';
import type { GatewayServices } from './services.ts';

export interface ApolloVariants {
  /** Variant key (`WIJKTEAM:staff`) to its server; one server may serve several keys. */
  readonly byKey: ReadonlyMap<string, ApolloServer<ServerContext>>;
  /** The server for a caller; throws for a kind the gateway was not configured with (unreachable). */
  forCaller(caller: Pick<Caller, 'kind' | 'role'>): ApolloServer<ServerContext>;
  /** The caller's own schema (what its server runs), for the subscription stream beside Apollo. */
  schemaFor(caller: Pick<Caller, 'kind' | 'role'>): GraphQLSchema;
  /** Stops every server; the first drains fastify (fastifyApolloDrainPlugin). */
  stop(): Promise<void>;
}

/** The variants the configured agencies need: every kind, as privacy officer and not. */
export function variantSpecs(services: Pick<GatewayServices, 'config' | 'adapters'>): VariantSpec[] {
  const kinds = [...new Set(services.config.agencies.map((agency) => agency.kind))];
  return kinds.flatMap((kind) => {
    const ownsRecords = services.config.agencies.some((agency) => agency.kind === kind && services.adapters.has(agency.id));
    return [false, true].map((officer) => ({ kind, officer, ownsRecords }));
  });
}

export async function createApolloVariants(app: FastifyInstance, services: GatewayServices): Promise<ApolloVariants> {
  const { config } = services;
  const full = buildSchema(services.enforcement);
  const bySdl = new Map<string, ApolloServer<ServerContext>>();
  const byKey = new Map<string, ApolloServer<ServerContext>>();
  const schemas = new Map<string, GraphQLSchema>();
  for (const spec of variantSpecs(services)) {
    const schema = buildSchemaVariant(full, services.policy, spec);
    schemas.set(variantKey(spec), schema);
    const sdl = printSchema(schema);
    let server = bySdl.get(sdl);
    if (!server) {
      const first = bySdl.size === 0;
      server = new ApolloServer<ServerContext>({
        schema,
        introspection: config.introspection,
        includeStacktraceInErrorResponses: false,
        // Always: Apollo's DisableSuggestions plugin, so "Cannot query field" never names a field of the
        // full schema ("Did you mean ...") to a caller whose schema lacks it.
        hideSchemaDetailsFromClientErrors: true,
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
        plugins: [...(first ? [fastifyApolloDrainPlugin(app)] : []), ...sharedPlugins(services)],
      });
      bySdl.set(sdl, server);
    }
    byKey.set(variantKey(spec), server);
  }
  const servers = [...bySdl.values()];
  await Promise.all(servers.map((server) => server.start()));
  return {
    byKey,
    forCaller(caller) {
      const server = byKey.get(variantKeyOfCaller(caller));
      if (!server) throw new Error(`unreachable: no schema variant for ${variantKeyOfCaller(caller)}`);
      return server;
    },
    schemaFor(caller) {
      const schema = schemas.get(variantKeyOfCaller(caller));
      if (!schema) throw new Error(`unreachable: no schema variant for ${variantKeyOfCaller(caller)}`);
      return schema;
    },
    async stop() {
      const [draining, ...rest] = servers;
      await draining?.stop();
      await Promise.all(rest.map((server) => server.stop()));
    },
  };
}

function sharedPlugins(services: GatewayServices): ApolloServerPlugin<ServerContext>[] {
  return [
    ApolloServerPluginLandingPageDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    useKnownOperationTypes(),
    useQueryLimits(services.config.limits),
    useUpstreamErrors(),
    useRedactions(),
    useAuditCommit(),
    useOperationLog(),
    useTracing(),
  ];
}

/**
 * The fastify handler for /graphql: the caller's server, with the request's context. The caller is
 * in the request's notes (the route's preHandler admitted it).
 */
export function fastifyVariantHandler(variants: ApolloVariants, callerOf: (request: FastifyRequest) => Caller,
  context: ApolloFastifyContextFunction<ServerContext>) {
  const handlers = new Map([...new Set(variants.byKey.values())].map((server) => [server, fastifyApolloHandler(server, { context })]));
  return async function handler(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
    const handle = handlers.get(variants.forCaller(callerOf(request)))!;
    return handle.call(this, request, reply);
  };
}
