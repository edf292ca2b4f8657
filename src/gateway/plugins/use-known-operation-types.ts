/**
 * Refuses an operation whose type the schema does not have (the gateway has no Mutation and no
 * Subscription): 400 GRAPHQL_VALIDATION_FAILED, where graphql-js would otherwise let it through
 * validation and fail in execution ("Schema is not configured to execute mutation operation"), which
 * reached the caller as a 200 with INTERNAL_SERVER_ERROR. Checked once the operation is resolved,
 * after Apollo's own refusal of a non-query over GET (405 with `Allow: POST`), so that one keeps its
 * status; the GraphQL spec's "Operation Type Existence" rule says the same.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import { gatewayError } from '#domain/errors.ts';
import type { ServerContext } from '../server-context.ts';

export function useKnownOperationTypes(): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, schema }) {
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION && schema.getSubscriptionType()) {
            throw gatewayError('GRAPHQL_VALIDATION_FAILED', 'Subscriptions are served as server-sent events at /graphql/stream, not here.', { http: { status: 400 } });
          }
          if (!operation || schema.getRootType(operation.operation)) return;
          throw gatewayError('GRAPHQL_VALIDATION_FAILED', `This schema has no ${operation.operation} operations; it answers queries only.`, { http: { status: 400 } });
        },
      };
    },
  };
}
