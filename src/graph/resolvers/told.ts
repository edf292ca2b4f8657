/**
 * Accounting for what the caller is told (docs/notifications.md): each batch of act events or notices
 * handed to a caller, by query or subscription, has its audit entry (kind `notification`, the caller the
 * viewer, the items by cursor) committed before the caller gets it. No entry, nothing told: the caller
 * gets AUDIT_UNAVAILABLE (a subscription ends with it).
 */
import { gatewayError } from '#domain/errors.ts';
import { toldEntry } from '#src/enforcement/notices.ts';
import type { GatewayContext } from '../context.ts';

export async function accountTold(context: GatewayContext, what: 'act-events' | 'notifications', cursors: readonly string[]): Promise<void> {
  if (cursors.length === 0) return;
  const { caller } = context;
  const entry = toldEntry({
    agencyId: caller.agencyId, userId: caller.userId, role: caller.role,
    responsibleUserId: caller.responsibleUserId ?? null, accessPoint: caller.accessPoint ?? null,
  }, {
    traceId: context.traceId, spanId: context.spanId ?? null, parentSpanId: context.parentSpanId ?? null, requestId: context.requestId,
    now: new Date(Math.max(Date.now(), context.now.getTime())),
  }, { what, cursors, purpose: caller.purpose, processingActivity: context.services.processingActivityOf(caller.agencyId, caller.purpose) });
  try {
    await context.services.audit.append([entry]);
  } catch {
    throw gatewayError('AUDIT_UNAVAILABLE', 'The audit trail is unavailable; nothing is told without its audit record.', { http: { status: 503 } });
  }
}
