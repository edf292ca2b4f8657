/**
 * Names and describes the operation span withOperationSpan opened: operation type and name (as the
 * request log has it), the caller's organisation, role and purpose, and the outcome. Never the query,
 * its variables or anything from the answer.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { setSpanAttributes } from '#src/observability/span-attributes.ts';
import type { ServerContext } from '../server-context.ts';
import { safeOperationName } from './use-operation-log.ts';

export function useTracing(): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart({ contextValue }) {
      const span = trace.getSpan(contextValue.services.observability.telemetry.active());
      if (!span?.isRecording()) return;
      const { caller } = contextValue;
      setSpanAttributes(span, { 'ketenpoort.organisation': caller.agencyId, 'ketenpoort.role': caller.role, 'ketenpoort.purpose': caller.purpose });
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          const name = safeOperationName(operationName);
          span.updateName(name ? `${operation.operation} ${name}` : operation.operation);
          setSpanAttributes(span, { 'graphql.operation.type': operation.operation, ...(name ? { 'graphql.operation.name': name } : {}) });
        },
        // After useOperationLog, which notes the outcome.
        async willSendResponse({ contextValue: context }) {
          setSpanAttributes(span, { 'ketenpoort.outcome': context.notes.outcome ?? 'ok' });
          if (context.notes.outcome && context.notes.outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR });
        },
      };
    },
  };
}
