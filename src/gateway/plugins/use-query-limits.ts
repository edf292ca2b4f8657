/** Refuses operations beyond the configured depth, alias and cost limits, each with its own code and HTTP 400. */
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type FragmentDefinitionNode } from 'graphql';
import type { QueryLimits } from '#src/config/config.ts';
import { gatewayError } from '#domain/errors.ts';
import type { ServerContext } from '../server-context.ts';
import { measureOperation } from './measure-operation.ts';

export function useQueryLimits(limits: QueryLimits): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, schema, request }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const measure = measureOperation(schema, operation, fragments, request.variables ?? {});
          const http = { status: 400 };
          if (measure.depth > limits.maxDepth) {
            throw gatewayError('QUERY_TOO_DEEP', `The query is nested ${measure.depth} levels deep; the limit is ${limits.maxDepth}.`, { http });
          }
          if (measure.aliases > limits.maxAliases) {
            throw gatewayError('TOO_MANY_ALIASES', `The query uses ${measure.aliases} aliases; the limit is ${limits.maxAliases}.`, { http });
          }
          if (measure.cost > limits.maxCost) {
            throw gatewayError('QUERY_TOO_COSTLY', `The query's estimated cost is ${measure.cost}; the limit is ${limits.maxCost}.`, { http });
          }
        },
      };
    },
  };
}
