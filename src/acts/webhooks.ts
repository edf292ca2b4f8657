/**
 * Signed webhooks (issue 13, docs/notifications.md): an organisation that configures an endpoint is sent
 * its notices and its act events as they are made, each signed by the Standard Webhooks scheme
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature`: HMAC-SHA256 under the organisation's own
 * secret, signed by the `standardwebhooks` library the receiver verifies with). They carry exactly what
 * Query.notifications and Query.actEvents show the organisation: organisations, kinds, statuses,
 * coordinate names, agreement articles and the organisation's own ids; never a value.
 *
 * In order and at least once: each stream (notices, act events) is sent one message at a time; a message
 * the endpoint does not acknowledge with a 2xx is sent again, backing off, before anything after it, and
 * what was acknowledged is recorded in the store so a restarted gateway resumes after it. Replicas on one
 * store take turns by a lease per organisation (NoticeFeed.leaseWebhook): one sends while the others
 * wait, and takes over when the sender's lease runs out (it stopped, or died). A message may still
 * arrive twice (a lost acknowledgement, a sender that died after sending and before recording it); its
 * `webhook-id` is stable, so the receiver drops the repeat, as the Standard Webhooks specification
 * advises. The same events stay readable from their cursors through GraphQL, whatever an endpoint missed.
 *
 * Written by hand around the library's signer: the events come from the trail's own tables, which no
 * webhook service reads.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { Webhook } from 'standardwebhooks';
import type { ActOutbox, ActRow } from '#src/audit/act-outbox.ts';
import type { NoticeFeed, NoticeRow, WebhookCursor } from '#src/audit/notices.ts';

export interface WebhookEndpoint {
  readonly organisation: string;
  readonly url: string;
  /** The organisation's signing secret, `whsec_` and base64 (Standard Webhooks). */
  readonly secret: string;
}

export interface WebhookDispatcherOptions {
  readonly endpoints: readonly WebhookEndpoint[];
  readonly notices: NoticeFeed;
  readonly acts: ActOutbox;
  /**
   * Commits the audit entry of a message before it is sent (src/enforcement/notices.ts toldEntry, built by
   * `entryOf`): a message whose entry cannot be committed is not sent, and is tried again later.
   */
  readonly account: (endpoint: WebhookEndpoint, what: 'act-events' | 'notifications', cursor: string) => Promise<void>;
  readonly logger: Logger;
  /** How often the streams are looked at. Default 1000. */
  readonly pollMs?: number;
  /** First back-off after a failed send; doubled per failure up to maxBackoffMs. Default 1000. */
  readonly baseBackoffMs?: number;
  /** Default 300000 (five minutes). */
  readonly maxBackoffMs?: number;
  /** Longest one send may take. Default 10000. */
  readonly timeoutMs?: number;
  /** How long a replica's turn at an organisation's webhooks lasts unless renewed (each message renews it). Default 3 x timeoutMs. */
  readonly leaseMs?: number;
  readonly now?: () => number;
}

export interface WebhookDispatcher {
  /** One pass over every endpoint: sends what is due, in order, until a send fails or nothing is left. */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

const PAGE = 50;

/** A notice as an organisation reads it (schema/notification.graphql), for the webhook body. */
export function noticeMessage(notice: NoticeRow): { id: string; type: string; data: Record<string, unknown> } {
  return {
    id: notice.id,
    type: `notification.${notice.kind.toLowerCase()}`,
    data: {
      cursor: `nc_${notice.seq}`, id: notice.id, kind: notice.kind, at: notice.createdAt.toISOString(), agency: notice.body.agency,
      purpose: notice.body.purpose, basis: notice.body.basis, records: notice.body.records, fields: notice.body.fields,
      household: notice.body.household, referralKind: notice.body.referralKind,
    },
  };
}

/** An act event as its party reads it (schema/act.graphql: ActEvent), for the webhook body. */
export function actMessage(act: ActRow): { id: string; type: string; data: Record<string, unknown> } {
  return {
    // One message per change of the act: the same change keeps its id when sent again.
    id: `${act.id}.${act.changedSeq}`,
    type: 'act.changed',
    data: {
      cursor: `ev_${act.changedSeq}`,
      act: {
        id: act.id, kind: act.kind, referralKind: act.referralKind, status: act.status, sender: act.sender, receiver: act.receiver,
        answers: act.answersAct, answer: act.answer, fieldsSent: act.fieldsSent, basis: act.basis, createdAt: act.createdAt.toISOString(),
        deliveredAt: act.deliveredAt?.toISOString() ?? null, answeredAt: act.answeredAt?.toISOString() ?? null,
      },
    },
  };
}

export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 1000;
  const baseBackoffMs = options.baseBackoffMs ?? 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 300_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const leaseMs = options.leaseMs ?? timeoutMs * 3;
  // This dispatcher's name in the leases: one per process start.
  const holder = randomUUID();
  const held = new Set<string>();
  /** Takes or renews this replica's turn at the organisation's webhooks; false while another replica has it. */
  const lease = async (organisation: string): Promise<boolean> => {
    const got = await options.notices.leaseWebhook(organisation, holder, now() + leaseMs, now());
    if (got) held.add(organisation);
    else held.delete(organisation);
    return got;
  };
  const state = new Map<string, { failures: number; notBefore: number; signer: Webhook }>();
  for (const endpoint of options.endpoints) state.set(endpoint.organisation, { failures: 0, notBefore: 0, signer: new Webhook(endpoint.secret) });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = false;

  /** Sends one message; true when the endpoint acknowledged it (2xx). */
  const send = async (endpoint: WebhookEndpoint, signer: Webhook, message: { id: string; type: string; data: Record<string, unknown> }): Promise<boolean> => {
    const sentAt = new Date(now());
    const body = JSON.stringify({ type: message.type, timestamp: sentAt.toISOString(), data: message.data });
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST', body, redirect: 'error', signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json', 'webhook-id': message.id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)), 'webhook-signature': signer.sign(message.id, sentAt, body),
        },
      });
      await response.body?.cancel();
      if (response.ok) return true;
      options.logger.warn({ organisation: endpoint.organisation, status: response.status }, 'webhook not acknowledged; will send again');
    } catch (error) {
      options.logger.warn({ organisation: endpoint.organisation, err: { type: (error as Error)?.name } }, 'webhook could not be sent; will send again');
    }
    return false;
  };

  /** Everything due for one endpoint, in order, stopping at the first message it does not acknowledge. */
  const serve = async (endpoint: WebhookEndpoint): Promise<number> => {
    const own = state.get(endpoint.organisation);
    if (!own || now() < own.notBefore) return 0;
    // Another replica is sending this organisation's messages.
    if (!(await lease(endpoint.organisation))) return 0;
    let cursor = await options.notices.webhookCursor(endpoint.organisation);
    if (!cursor) {
      // The first start begins from now: what came before is read from the cursors through GraphQL.
      cursor = { noticeSeq: await options.notices.last(), actSeq: await options.acts.lastChange() } satisfies WebhookCursor;
      await options.notices.setWebhookCursor(endpoint.organisation, cursor);
    }
    let sent = 0;
    for (;;) {
      const notices = await options.notices.after(endpoint.organisation, cursor.noticeSeq, PAGE);
      const changes = await options.acts.changes(endpoint.organisation, cursor.actSeq, PAGE);
      if (notices.length === 0 && changes.length === 0) break;
      for (const notice of notices) {
        if (!(await lease(endpoint.organisation))) return sent;
        await options.account(endpoint, 'notifications', `nc_${notice.seq}`);
        if (stopped || !(await send(endpoint, own.signer, noticeMessage(notice)))) return fail(own, sent);
        cursor = { ...cursor, noticeSeq: notice.seq };
        await options.notices.setWebhookCursor(endpoint.organisation, cursor);
        sent++;
      }
      for (const act of changes) {
        if (!(await lease(endpoint.organisation))) return sent;
        await options.account(endpoint, 'act-events', `ev_${act.changedSeq}`);
        if (stopped || !(await send(endpoint, own.signer, actMessage(act)))) return fail(own, sent);
        cursor = { ...cursor, actSeq: act.changedSeq };
        await options.notices.setWebhookCursor(endpoint.organisation, cursor);
        sent++;
      }
    }
    own.failures = 0;
    return sent;
  };

  const fail = (own: { failures: number; notBefore: number }, sent: number): number => {
    own.failures++;
    own.notBefore = now() + Math.min(maxBackoffMs, baseBackoffMs * 2 ** (own.failures - 1));
    return sent;
  };

  const runOnce = (): Promise<number> => {
    running ??= (async () => {
      let sent = 0;
      for (const endpoint of options.endpoints) {
        try {
          sent += await serve(endpoint);
        } catch (error) {
          // The store failed: nothing was acknowledged past the recorded cursor; try again next pass.
          options.logger.error({ organisation: endpoint.organisation, err: { type: (error as Error)?.name } }, 'webhook delivery could not read or record its cursor');
        }
      }
      return sent;
    })().finally(() => { running = null; });
    return running;
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => void runOnce().finally(schedule), pollMs);
    timer.unref();
  };

  return {
    runOnce,
    start: () => {
      if (options.endpoints.length === 0) return;
      stopped = false;
      schedule();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      // Another replica need not wait for the lease to run out.
      for (const organisation of held) await options.notices.releaseWebhook(organisation, holder).catch(() => undefined);
      held.clear();
    },
  };
}
