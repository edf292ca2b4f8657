/**
 * Fail closed: the request's audit entries are committed before the response leaves. If the store
 * cannot commit them, the caller gets AUDIT_UNAVAILABLE and no data. Also attaches the redactions
 * and the coded errors of agencies that could not answer.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { isAdapterError } from '#kit/errors.ts';
import type { ServerContext } from '../server-context.ts';
import { safeOperationName } from './use-operation-log.ts';

export function useAuditCommit(): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue: context, response, operationName }) {
          if (response.body.kind !== 'single' || !context.enforcement) return;
          const result = response.body.singleResult;
          const entries = context.enforcement.audit.entries({
            operationName: safeOperationName(operationName),
            processingActivity: context.services.purposeDescriptions.get(context.caller.purpose) ?? context.caller.purpose,
          });
          if (entries.length > 0) {
            try {
              await context.services.audit.append(entries);
            } catch (error) {
              context.logger.error({ err: { type: (error as Error)?.name }, entries: entries.length }, 'audit commit failed; response withheld');
              result.data = null;
              result.extensions = undefined;
              result.errors = [{ message: 'The audit trail is unavailable; no data is released without its audit record.', extensions: { code: 'AUDIT_UNAVAILABLE' } }];
              response.http.status = 503;
              return;
            }
          }
          const upstream: GraphQLFormattedError[] = context.request.upstreamFailures
            .filter((failure) => !(result.errors ?? []).some((error) => error.extensions?.agency === failure.agencyId))
            .map(({ agencyId, error }) => {
              const code = isAdapterError(error) ? error.code : 'UPSTREAM_UNAVAILABLE';
              return { message: `Agency ${agencyId} could not answer (${code}); its part of the answer is missing.`, extensions: { code, agency: agencyId } };
            });
          if (upstream.length > 0) result.errors = [...(result.errors ?? []), ...upstream];
          if (context.enforcement.redactions.length > 0) {
            result.extensions = { ...result.extensions, redactions: context.enforcement.redactions };
          }
        },
      };
    },
  };
}
