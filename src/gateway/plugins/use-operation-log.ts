/** Notes the operation name and the outcome (error codes) for the one log line per request. */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ServerContext } from '../server-context.ts';

/** Operation names are the caller's free choice; long digit runs (a BSN, say) never reach the log. */
export function safeOperationName(name: string | null | undefined): string | null {
  if (!name) return null;
  return name.slice(0, 64).replace(/\d{6,}/g, '#');
}

export function useOperationLog(): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, response, errors }) {
          contextValue.notes.operationName = safeOperationName(operationName);
          const codes = new Set<string>();
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          for (const error of body?.errors ?? errors ?? []) {
            const code = error.extensions?.code;
            if (typeof code === 'string') codes.add(code);
          }
          contextValue.notes.outcome = codes.size === 0 ? 'ok' : [...codes].sort().join(',');
          // Apollo answers a persisted-query attempt with 200; it is a bad request here (APQ is off).
          if (codes.has('PERSISTED_QUERY_NOT_SUPPORTED')) response.http.status = 400;
        },
      };
    },
  };
}
