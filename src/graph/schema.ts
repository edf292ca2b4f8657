/** The executable schema: the SDL contract, the resolvers, and the policy enforcement wrapped around them. */
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import type { Enforcement } from '#src/enforcement/context.ts';
import { enforcePolicy } from '#src/enforcement/enforce-policy.ts';
import { createResolvers } from './resolvers/index.ts';
import { loadTypeDefs } from './schema-files.ts';

export function buildSchema(enforcement: Pick<Enforcement, 'isPublic'>): GraphQLSchema {
  return enforcePolicy(makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: createResolvers() }), enforcement);
}
