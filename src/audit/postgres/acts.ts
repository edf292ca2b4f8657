/**
 * Internal: the act outbox on PostgreSQL (act-outbox.ts says what it keeps and why). Every write runs in
 * the store's request transaction, the audit entries appended in it: one commit, or nothing.
 */
import type pg from 'pg';
import {
  ACT_INSERT_COLUMNS, actFromRow, checkAnswerable, checkRepeat, newActValues, statusOfAnswer,
  type ActDbRow, type ActOutbox, type ActRow,
} from '../act-outbox.ts';
import type { AuditEntryInput } from '../entry.ts';
import { normalizeEntryInput } from '../normalize-entry.ts';
import { NOTICE_INSERT_COLUMNS, noticeFromRow, noticeValues, type NewNotice, type NoticeDbRow, type NoticeFeed } from '../notices.ts';

export interface PostgresActOutboxOptions {
  /** The quoted schema. */
  readonly schema: string;
  /** Runs `work` in one transaction; `append` adds audit entries to it. */
  write<T>(work: (client: pg.PoolClient, append: (inputs: readonly AuditEntryInput[]) => Promise<void>) => Promise<T>): Promise<T>;
  read<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
}

export function createPostgresActOutbox(options: PostgresActOutboxOptions): ActOutbox {
  const s = options.schema;
  const byId = async (client: pg.PoolClient, id: string, lock = false): Promise<ActRow | null> => {
    const { rows } = await client.query<ActDbRow>(`SELECT * FROM ${s}.act WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ? actFromRow(rows[0]) : null;
  };
  const placeholders = ACT_INSERT_COLUMNS.map((_, index) => `$${index + 1}`).join(', ');
  /**
   * The act's place in the one order of changes. A sequence alone hands out numbers in the order asked,
   * not the order committed, so a reader could pass a number whose transaction commits later; the lock,
   * held to the commit, makes the two orders one.
   */
  const bump = async (client: pg.PoolClient, id: string): Promise<void> => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ketenpoort-act-changes:${s}`]);
    await client.query(`UPDATE ${s}.act SET changed_seq = nextval('${s}.act_change') WHERE id = $1`, [id]);
  };

  return {
    enqueue: async (act, entries, answering, notices = []) => {
      const normalized = entries.map((entry) => normalizeEntryInput(entry));
      return options.write(async (client, append) => {
        // The sender's key is locked for the transaction, so two concurrent calls with one key queue one act.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ketenpoort-act:${act.sender}:${act.idempotencyKey}`]);
        const known = await client.query<ActDbRow>(`SELECT * FROM ${s}.act WHERE sender = $1 AND idempotency_key = $2`, [act.sender, act.idempotencyKey]);
        if (known.rows[0]) {
          const existing = actFromRow(known.rows[0]);
          checkRepeat(existing, act);
          return { act: existing, created: false };
        }
        if (answering) {
          checkAnswerable(await byId(client, answering.actId, true), answering);
          // An answer also erases what an inbox delivery kept for the receiver to read.
          await client.query(`UPDATE ${s}.act SET status = $1, answer = $2, answered_ms = $3, payload = NULL WHERE id = $4`,
            [statusOfAnswer(answering.answer), answering.answer, answering.at.getTime(), answering.actId]);
          await bump(client, answering.actId);
        }
        await client.query(`INSERT INTO ${s}.act (${ACT_INSERT_COLUMNS.join(', ')}) VALUES (${placeholders})`, newActValues(act));
        await bump(client, act.id);
        if (normalized.length > 0) await append(normalized);
        await insertNotices(client, s, notices);
        return { act: (await byId(client, act.id)) as ActRow, created: true };
      });
    },

    get: (id) => options.read((client) => byId(client, id)),
    changes: (party, afterSeq, limit) => options.read(async (client) => {
      const { rows } = await client.query<ActDbRow>(`SELECT * FROM ${s}.act WHERE (sender = $1 OR receiver = $1) AND changed_seq > $2
        ORDER BY changed_seq LIMIT ${Math.trunc(limit)}`, [party, afterSeq]);
      return rows.map(actFromRow);
    }),
    lastChange: () => options.read(async (client) => {
      const { rows } = await client.query<{ seq: string }>(`SELECT COALESCE(MAX(changed_seq), 0) AS seq FROM ${s}.act`);
      return Number(rows[0]?.seq ?? 0);
    }),
    byKey: (sender, idempotencyKey) => options.read(async (client) => {
      const { rows } = await client.query<ActDbRow>(`SELECT * FROM ${s}.act WHERE sender = $1 AND idempotency_key = $2`, [sender, idempotencyKey]);
      return rows[0] ? actFromRow(rows[0]) : null;
    }),

    list: (filter, first, after) => options.read(async (client) => {
      const where: string[] = [];
      const params: (string | number)[] = [];
      const param = (value: string | number): string => { params.push(value); return `$${params.length}`; };
      if (filter.party) { const party = param(filter.party); where.push(`(sender = ${party} OR receiver = ${party})`); }
      if (filter.status) where.push(`status = ${param(filter.status)}`);
      if (after) {
        const anchor = await byId(client, after);
        if (anchor) {
          const at = param(anchor.createdAt.getTime());
          where.push(`(created_ms < ${at} OR (created_ms = ${at} AND id < ${param(anchor.id)}))`);
        }
      }
      const { rows } = await client.query<ActDbRow>(
        `SELECT * FROM ${s}.act ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_ms DESC, id DESC LIMIT ${Math.trunc(first)}`, params);
      return rows.map(actFromRow);
    }),

    // SKIP LOCKED: replicas claim different acts; the lease keeps a crashed claimer's acts from others until it ends.
    claimDue: (now, limit, leaseMs) => options.write(async (client) => {
      const { rows } = await client.query<ActDbRow>(
        `UPDATE ${s}.act SET lease_until_ms = $1, attempts = attempts + 1 WHERE id IN (
           SELECT id FROM ${s}.act WHERE status = 'PENDING' AND next_attempt_ms <= $2 AND (lease_until_ms IS NULL OR lease_until_ms <= $2)
           ORDER BY next_attempt_ms, created_ms LIMIT ${Math.trunc(limit)} FOR UPDATE SKIP LOCKED)
         RETURNING *`, [now.getTime() + leaseMs, now.getTime()]);
      return rows.map(actFromRow);
    }),

    delivered: (id, receiverReference, at, delivery) => options.write(async (client) => {
      const { rowCount } = await client.query(`UPDATE ${s}.act SET status = 'DELIVERED', delivered_ms = $1, receiver_reference = $2,
        payload = ${delivery?.keepPayload ? 'payload' : 'NULL'},
        lease_until_ms = NULL, last_error = NULL, next_attempt_ms = NULL WHERE id = $3 AND status = 'PENDING'`, [at.getTime(), receiverReference, id]);
      if (rowCount) await bump(client, id);
    }),

    failed: (id, errorCode, nextAttemptAt, at) => options.write(async (client) => {
      if (nextAttemptAt === null) {
        const { rowCount } = await client.query(`UPDATE ${s}.act SET status = 'FAILED', last_error = $1, lease_until_ms = NULL, next_attempt_ms = NULL
          WHERE id = $2 AND status = 'PENDING'`, [errorCode, id]);
        if (rowCount) await bump(client, id);
      } else {
        await client.query(`UPDATE ${s}.act SET last_error = $1, lease_until_ms = NULL, next_attempt_ms = $2 WHERE id = $3 AND status = 'PENDING'`,
          [errorCode, Math.max(nextAttemptAt.getTime(), at.getTime()), id]);
      }
    }),

    retry: (id, at) => options.write(async (client) => {
      const { rowCount } = await client.query(`UPDATE ${s}.act SET status = 'PENDING', attempts = 0, next_attempt_ms = $1, lease_until_ms = NULL
        WHERE id = $2 AND status = 'FAILED'`, [at.getTime(), id]);
      if (!rowCount) return null;
      await bump(client, id);
      return byId(client, id);
    }),
  };
}

/**
 * The notices' places in their one order: like the act changes, numbers from a sequence taken under a
 * lock held to the commit, so a reader never passes a number whose transaction commits later.
 */
export async function insertNotices(client: pg.PoolClient, s: string, notices: readonly NewNotice[]): Promise<void> {
  if (notices.length === 0) return;
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ketenpoort-notices:${s}`]);
  const columns = ['seq', ...NOTICE_INSERT_COLUMNS];
  const params: (string | number)[] = [];
  const tuples = notices.map((notice) => {
    const values = noticeValues(notice);
    const start = params.length;
    params.push(...values);
    return `(nextval('${s}.notice_seq'), ${values.map((_, index) => `$${start + index + 1}`).join(', ')})`;
  });
  await client.query(`INSERT INTO ${s}.notice (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
}

export function createPostgresNoticeFeed(options: PostgresActOutboxOptions): NoticeFeed {
  const s = options.schema;
  return {
    after: (recipient, afterSeq, limit) => options.read(async (client) => {
      const { rows } = await client.query<NoticeDbRow>(`SELECT * FROM ${s}.notice WHERE recipient = $1 AND seq > $2 ORDER BY seq LIMIT ${Math.trunc(limit)}`,
        [recipient, afterSeq]);
      return rows.map(noticeFromRow);
    }),
    last: () => options.read(async (client) => {
      const { rows } = await client.query<{ seq: string }>(`SELECT COALESCE(MAX(seq), 0) AS seq FROM ${s}.notice`);
      return Number(rows[0]?.seq ?? 0);
    }),
    webhookCursor: (organisation) => options.read(async (client) => {
      const { rows } = await client.query<{ notice_seq: string; act_seq: string }>(`SELECT notice_seq, act_seq FROM ${s}.webhook_cursor WHERE organisation = $1`, [organisation]);
      return rows[0] ? { noticeSeq: Number(rows[0].notice_seq), actSeq: Number(rows[0].act_seq) } : null;
    }),
    setWebhookCursor: (organisation, cursor) => options.write(async (client) => {
      await client.query(`INSERT INTO ${s}.webhook_cursor (organisation, notice_seq, act_seq) VALUES ($1, $2, $3)
        ON CONFLICT (organisation) DO UPDATE SET notice_seq = excluded.notice_seq, act_seq = excluded.act_seq`, [organisation, cursor.noticeSeq, cursor.actSeq]);
    }),
    leaseWebhook: (organisation, holder, untilMs, nowMs) => options.write(async (client) => {
      const { rowCount } = await client.query(`INSERT INTO ${s}.webhook_lease (organisation, holder, until_ms) VALUES ($1, $2, $3)
        ON CONFLICT (organisation) DO UPDATE SET holder = excluded.holder, until_ms = excluded.until_ms
        WHERE ${s}.webhook_lease.holder = excluded.holder OR ${s}.webhook_lease.until_ms <= $4`, [organisation, holder, untilMs, nowMs]);
      return rowCount === 1;
    }),
    releaseWebhook: (organisation, holder) => options.write(async (client) => {
      await client.query(`DELETE FROM ${s}.webhook_lease WHERE organisation = $1 AND holder = $2`, [organisation, holder]);
    }),
  };
}
