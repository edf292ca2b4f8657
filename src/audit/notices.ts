/**
 * Notifications (issue 13, docs/notifications.md): what the chain tells an organisation without being
 * asked. Two kinds beside the act events (which the act outbox's order of changes already is):
 *
 * - RECORD_ACCESSED: another organisation was shown a record the recipient controls (the CP-IS idea:
 *   the owner learns who read its records, for which purpose, under which agreement);
 * - AGENCY_INVOLVED: an agency became involved with a household the recipient works on (a handover or
 *   referral to it was queued), where a covenant lets the recipient see that involvement.
 *
 * A notice is kept in the trail's own database and written in the same transaction as its audit entry
 * (kind `notification`): no notice without its record, and none for a disclosure whose record did not
 * commit. Its body holds organisations, purposes, agreements, coordinates and the recipient's own ids of
 * its records (what it would be shown anyway, opened only by the gateway's key): never a value.
 */
import type { ReferralKind } from '../domain/records.ts';

export const NOTICE_KINDS = ['RECORD_ACCESSED', 'AGENCY_INVOLVED'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** One of the recipient's records a notice is about, by the id the recipient is shown for it. */
export interface NoticeRecord {
  readonly type: string;
  readonly id: string;
}

export interface NoticeBody {
  /** RECORD_ACCESSED: the organisation that read; AGENCY_INVOLVED: the organisation now involved. */
  readonly agency: string;
  /** RECORD_ACCESSED: the purpose the reader declared. */
  readonly purpose: string | null;
  /** `agreement@version#article` that let the reader see (RECORD_ACCESSED) or the recipient be told (AGENCY_INVOLVED). */
  readonly basis: readonly string[];
  /** RECORD_ACCESSED: the recipient's records that were read. */
  readonly records: readonly NoticeRecord[];
  /** RECORD_ACCESSED: the coordinates released of them (names, never values). */
  readonly fields: readonly string[];
  /** AGENCY_INVOLVED: the household, by the id the recipient is shown for it. */
  readonly household: string | null;
  /** AGENCY_INVOLVED: the referral that involves the agency. */
  readonly referralKind: ReferralKind | null;
}

export interface NewNotice {
  /** `nt_` and random: not derived from any record. */
  readonly id: string;
  readonly recipient: string;
  readonly kind: NoticeKind;
  readonly body: NoticeBody;
  readonly createdAt: Date;
}

export interface NoticeRow extends NewNotice {
  /** Its place in the store's one order of notices (commit order): what a subscriber's cursor counts. */
  readonly seq: number;
}

/**
 * Reading the notices. They are written by AuditStore.append (with the entries of the request that
 * causes them and their own, group-committed in one transaction) and by ActOutbox.enqueue (with the act).
 */
export interface NoticeFeed {
  /** The recipient's notices after `afterSeq`, oldest first. */
  after(recipient: string, afterSeq: number, limit: number): Promise<NoticeRow[]>;
  /** The last notice's place in the order (0 before any): where a subscription without a cursor starts. */
  last(): Promise<number>;
  /** Where an organisation's webhook delivery stands (src/acts/webhooks.ts); null before its first start. */
  webhookCursor(organisation: string): Promise<WebhookCursor | null>;
  /** Records what the organisation's webhook has acknowledged, so a restart resumes after it. */
  setWebhookCursor(organisation: string, cursor: WebhookCursor): Promise<void>;
  /**
   * Takes (or keeps) the organisation's webhook delivery for `holder` until `untilMs`, when no other
   * holder's lease runs past `nowMs`: replicas on one store then send each message once, one at a time,
   * instead of all of them every message. True when `holder` has it.
   */
  leaseWebhook(organisation: string, holder: string, untilMs: number, nowMs: number): Promise<boolean>;
  /** Gives the lease up (a replica stopping), if `holder` has it. */
  releaseWebhook(organisation: string, holder: string): Promise<void>;
}

/** The last notice and the last act change an organisation's webhook endpoint acknowledged. */
export interface WebhookCursor {
  readonly noticeSeq: number;
  readonly actSeq: number;
}

/** A notice as either store reads it back. */
export interface NoticeDbRow {
  seq: number | string;
  id: string;
  recipient: string;
  kind: string;
  created_ms: number | string;
  body: string;
}

export const NOTICE_INSERT_COLUMNS = ['id', 'recipient', 'kind', 'created_ms', 'body'] as const;

export function noticeValues(notice: NewNotice): (string | number)[] {
  return [notice.id, notice.recipient, notice.kind, notice.createdAt.getTime(), JSON.stringify(notice.body)];
}

export function noticeFromRow(row: NoticeDbRow): NoticeRow {
  return {
    seq: Number(row.seq), id: row.id, recipient: row.recipient, kind: row.kind as NoticeKind,
    createdAt: new Date(Number(row.created_ms)), body: JSON.parse(row.body) as NoticeBody,
  };
}
