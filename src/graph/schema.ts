/** The executable schema: the SDL contract, the resolvers, and the policy enforcement wrapped around them. */
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { createResolvers } from '#src/graph/resolvers/index.ts';
import { enforcePolicy } from '../enforcement/enforce-policy.ts';
import { loadTypeDefs } from './schema-files.ts';
import type { GatewayServices } from '../gateway/services.ts';

export function buildSchema(services: GatewayServices): GraphQLSchema {
  const schema = makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: createResolvers(services) });
  return enforcePolicy(schema, services);
}
