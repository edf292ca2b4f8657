/** A partial answer says so: each agency that could not answer adds one coded error naming it. */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { isAdapterError } from '#kit/errors.ts';
import type { ServerContext } from '../server-context.ts';

export function useUpstreamErrors(): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      return {
        // Synchronous on purpose: Apollo runs the plugins' willSendResponse hooks together, and the audit
        // commit's fail-closed replacement of the result must come after this, never before.
        willSendResponse({ contextValue: context, response }) {
          if (response.body.kind !== 'single' || !context.request) return Promise.resolve();
          const result = response.body.singleResult;
          const upstream: GraphQLFormattedError[] = context.request.upstreamFailures
            .filter((failure) => !(result.errors ?? []).some((error) => error.extensions?.agency === failure.agencyId))
            .map(({ agencyId, error }) => {
              const code = isAdapterError(error) ? error.code : 'UPSTREAM_UNAVAILABLE';
              return { message: `Agency ${agencyId} could not answer (${code}); its part of the answer is missing.`, extensions: { code, agency: agencyId } };
            });
          if (upstream.length > 0) result.errors = [...(result.errors ?? []), ...upstream];
          return Promise.resolve();
        },
      };
    },
  };
}
