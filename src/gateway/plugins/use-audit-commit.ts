/**
 * Fail closed: the request's audit entries are committed before the response leaves. If the store
 * cannot commit them, the caller gets AUDIT_UNAVAILABLE and no data: the whole result is replaced,
 * whatever other plugins added to it.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ServerContext } from '../server-context.ts';
import { safeOperationName } from './use-operation-log.ts';
import { accessNotices } from '#src/enforcement/notices.ts';

export function useAuditCommit(): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue: context, response, operationName }) {
          if (response.body.kind !== 'single' || !context.enforcement) return;
          const entries = context.enforcement.audit.entries({
            operationName: safeOperationName(operationName),
            processingActivity: context.services.processingActivityOf(context.caller.agencyId, context.caller.purpose),
          });
          // Owners told of reads by others (docs/notifications.md): the notices and their entries commit with
          // the request's own, in one (group) transaction, or nothing does and nothing is answered.
          const { services } = context;
          const told = services.config.accessNotifications && entries.length > 0
            ? accessNotices(context.enforcement.audit, context.caller, {
              traceId: context.traceId, spanId: context.spanId ?? null, parentSpanId: context.parentSpanId ?? null, requestId: context.requestId, now: context.now,
            }, { policy: services.policy, idsOf: (organisation) => services.ids.of(organisation), processingActivityOf: services.processingActivityOf })
            : null;
          try {
            if (entries.length > 0) await services.audit.append(told ? [...entries, ...told.entries] : entries, told?.notices);
          } catch (error) {
            context.logger.error({ err: { type: (error as Error)?.name }, entries: entries.length }, 'audit commit failed; response withheld');
            const result = response.body.singleResult;
            result.data = null;
            result.extensions = undefined;
            result.errors = [{ message: 'The audit trail is unavailable; no data is released without its audit record.', extensions: { code: 'AUDIT_UNAVAILABLE' } }];
            response.http.status = 503;
            return;
          }
          // Committed: the shadow policy may compare the request's decisions now, later and off this path.
          context.services.shadow?.settle(context.enforcement.audit);
        },
      };
    },
  };
}
