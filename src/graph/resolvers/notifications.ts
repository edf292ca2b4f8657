/**
 * The caller's organisation's notices (schema/notification.graphql, docs/notifications.md): a query from a
 * cursor and a subscription over server-sent events. Only the recipient's organisation reads a notice;
 * what it holds was decided, and accounted in the trail, when it was made.
 */
import { gatewayError } from '#domain/errors.ts';
import { isAuditStoreError } from '#src/audit/errors.ts';
import type { NoticeRow } from '#src/audit/notices.ts';
import type { GatewayContext } from '../context.ts';
import { polledStream } from './polled-stream.ts';
import { accountTold } from './told.ts';

const MAX_PAGE = 100;

function storeError(error: unknown): never {
  if (isAuditStoreError(error) || error instanceof Error) {
    throw gatewayError('AUDIT_UNAVAILABLE', 'The audit trail is unavailable; notices cannot be read now.', { http: { status: 503 } });
  }
  throw error;
}

const cursorOf = (notice: NoticeRow): string => `nc_${notice.seq}`;

function parseCursor(cursor: string): number {
  const match = /^nc_(\d{1,15})$/.exec(cursor);
  if (!match) throw gatewayError('BAD_USER_INPUT', 'after is not a cursor of the notifications.');
  return Number(match[1]);
}

/** The caller's organisation's notices from `after` on (or from now), as a subscription. */
function noticeStream(context: GatewayContext, after: string | null | undefined): AsyncGenerator<NoticeRow> {
  const feed = context.services.audit.notices;
  return polledStream<NoticeRow>({
    start: () => feed.last().catch(storeError),
    after: (position, limit) => feed.after(context.caller.agencyId, position, limit).catch(storeError),
    positionOf: (notice) => notice.seq,
    account: (notices) => accountTold(context, 'notifications', notices.map(cursorOf)),
  }, after ? parseCursor(after) : null);
}

export const notificationResolvers = {
  Query: {
    notifications: async (_root: unknown, args: { after?: string | null; first?: number | null }, context: GatewayContext) => {
      const first = args.first ?? 50;
      if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw gatewayError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE}.`);
      const notices = await context.services.audit.notices.after(context.caller.agencyId, args.after ? parseCursor(args.after) : 0, first).catch(storeError);
      await accountTold(context, 'notifications', notices.map(cursorOf));
      return notices;
    },
  },
  Subscription: {
    notifications: {
      subscribe: (_root: unknown, args: { after?: string | null }, context: GatewayContext) => noticeStream(context, args.after),
      resolve: (notice: NoticeRow) => notice,
    },
  },
  Notification: {
    cursor: (notice: NoticeRow) => cursorOf(notice),
    at: (notice: NoticeRow) => notice.createdAt,
    agency: (notice: NoticeRow, _args: unknown, context: GatewayContext) => context.services.agencyNode(notice.body.agency),
    purpose: (notice: NoticeRow) => notice.body.purpose,
    basis: (notice: NoticeRow) => notice.body.basis,
    records: (notice: NoticeRow) => notice.body.records,
    fields: (notice: NoticeRow) => notice.body.fields,
    household: (notice: NoticeRow) => notice.body.household,
    referralKind: (notice: NoticeRow) => notice.body.referralKind,
  },
};
