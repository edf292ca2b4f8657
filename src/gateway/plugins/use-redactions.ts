/** Every withheld field is listed in `extensions.redactions`, with its reason code and decision id. */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ServerContext } from '../server-context.ts';

export function useRedactions(): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      return {
        // Synchronous, like useUpstreamErrors: the audit commit may still replace the whole result after it.
        willSendResponse({ contextValue: context, response }) {
          if (response.body.kind !== 'single' || !context.enforcement) return Promise.resolve();
          const result = response.body.singleResult;
          if (context.enforcement.redactions.length > 0) {
            result.extensions = { ...result.extensions, redactions: context.enforcement.redactions };
          }
          return Promise.resolve();
        },
      };
    },
  };
}
