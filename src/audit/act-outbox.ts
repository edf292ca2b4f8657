/**
 * The act outbox (issue 13, docs/acts.md): the chain's acts queued for delivery in the same database as
 * the audit trail, so an act and the audit entries that account for it commit in one transaction. No act
 * is delivered without its entries, and no entry claims an act that was not queued.
 *
 * The store keeps the act's payload (what travels to the receiver) only sealed by the caller (the
 * gateway's act key) and only until it is delivered: from then on the row holds coordinates, never values.
 * Both stores (SQLite, PostgreSQL) implement this interface with the same rules; the shared parts live here.
 */
import type { ActAnswer, ActStatus } from '../domain/acts.ts';
import { AuditStoreError } from './errors.ts';
import type { AuditEntryInput } from './entry.ts';
import type { NewNotice } from './notices.ts';

export interface NewAct {
  /** The gateway's id of the act (`ac_` and random): never derived from a record. */
  readonly id: string;
  readonly sender: string;
  /** The caller's idempotency key, unique per sender. */
  readonly idempotencyKey: string;
  /** Hash of the act's input as the caller gave it: a repeated key with another input is a conflict. */
  readonly inputHash: string;
  readonly kind: string;
  readonly referralKind: string | null;
  readonly receiver: string;
  /** For an answer or feedback: the act it answers. */
  readonly answersAct: string | null;
  /** Coordinates whose values travel (never the values). */
  readonly fieldsSent: readonly string[];
  /** `agreement@version#article` of the grants that allowed the act. */
  readonly basis: readonly string[];
  /** The sealed ActDelivery (base64url); erased once delivered. */
  readonly payload: string;
  /**
   * The sealed sender's own id of the record the act is about, kept after delivery: an answer or feedback
   * goes back into the sender's system against it.
   */
  readonly reference: string | null;
  /** Municipality of the household (organisational data): an answer's policy conditions look at it. */
  readonly municipality: string | null;
  readonly createdAt: Date;
}

export interface ActRow {
  readonly id: string;
  readonly sender: string;
  readonly idempotencyKey: string;
  readonly inputHash: string;
  readonly kind: string;
  readonly referralKind: string | null;
  readonly receiver: string;
  readonly status: ActStatus;
  readonly answersAct: string | null;
  readonly fieldsSent: readonly string[];
  readonly basis: readonly string[];
  readonly payload: string | null;
  readonly reference: string | null;
  readonly municipality: string | null;
  readonly createdAt: Date;
  readonly deliveredAt: Date | null;
  readonly answeredAt: Date | null;
  /** The receiver's answer to this act (ACCEPTED, REFUSED, RETURNED_UNSAFE). */
  readonly answer: ActAnswer | null;
  readonly receiverReference: string | null;
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  /** Code of the last failed delivery attempt (an adapter error code, never upstream text). */
  readonly lastError: string | null;
  /**
   * Position of the act's last change of status in the store's one order of changes (queued, delivered,
   * answered, failed, retried): what a subscriber's cursor counts (`changes`).
   */
  readonly changedSeq: number;
}

/** The answered act moves with its answer, in the answer's transaction. */
export interface Answering {
  readonly actId: string;
  readonly answer: ActAnswer;
  /** Who may answer: the answered act's receiver. */
  readonly answeredBy: string;
  readonly at: Date;
}

export interface ActFilter {
  /** Acts this organisation sent or received. */
  readonly party?: string;
  readonly status?: ActStatus;
}

export interface ActOutbox {
  /**
   * Queues the act and appends its audit entries in one transaction. A known (sender, key) with the same
   * input hash answers the act queued first (`created: false`) and writes nothing; with another input it
   * is ACT_IDEMPOTENCY_CONFLICT. With `answering`, the answered act must be DELIVERED to `answeredBy`
   * and not yet answered (ACT_ALREADY_ANSWERED, ACT_NOT_ANSWERABLE), and moves to ACCEPTED or REFUSED.
   * `notices` (notices.ts) commit with them: the agencies told of the act's receiver becoming involved;
   * their own entries are among `entries`.
   */
  enqueue(act: NewAct, entries: readonly AuditEntryInput[], answering?: Answering, notices?: readonly NewNotice[]): Promise<{ act: ActRow; created: boolean }>;
  get(id: string): Promise<ActRow | null>;
  /** The act the sender queued under this idempotency key, if any (a repeated request answers it). */
  byKey(sender: string, idempotencyKey: string): Promise<ActRow | null>;
  /**
   * The party's acts whose status changed after `afterSeq`, in the order of the changes (each act once,
   * as it stands now): the feed behind Subscription.actEvents, resumable from any cursor.
   */
  changes(party: string, afterSeq: number, limit: number): Promise<ActRow[]>;
  /** The last change's place in that order (0 before any): where a subscription without a cursor starts. */
  lastChange(): Promise<number>;
  /** Newest first; `after` is the id of the last act of the page before. */
  list(filter: ActFilter, first: number, after?: string): Promise<ActRow[]>;
  /** PENDING acts due at `now` and not leased, leased to the caller for `leaseMs` (oldest first). */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<ActRow[]>;
  /**
   * Stored by the receiver: DELIVERED (an answer or feedback is done then), payload erased; kept, with
   * `keepPayload`, for a receiver without a record system, who reads it from the gateway's inbox until it
   * answers (the answer erases it).
   */
  delivered(id: string, receiverReference: string, at: Date, options?: { readonly keepPayload?: boolean }): Promise<void>;
  /** A failed attempt: PENDING again at `nextAttemptAt`, or FAILED (the dead letter) when null. */
  failed(id: string, errorCode: string, nextAttemptAt: Date | null, at: Date): Promise<void>;
  /**
   * A privacy officer's retry of a FAILED act: PENDING now, with a fresh round of attempts (the count starts
   * again; the last error stays until the next attempt). Null when not FAILED.
   */
  retry(id: string, at: Date): Promise<ActRow | null>;
}

/**
 * The receiver reference of an act delivered into the gateway's inbox: the receiver has no record system
 * behind the gateway, so it reads what travelled from the gateway (Act.received) until it answers.
 */
export const INBOX_REFERENCE = 'ketenpoort-inbox';

/** The act kinds that end when delivered (nothing answers them). */
export const FINAL_ON_DELIVERY: ReadonlySet<string> = new Set(['ANSWER_REFERRAL', 'GIVE_FEEDBACK']);

/** An act row as either store reads it back (column names are the same in both). */
export interface ActDbRow {
  id: string;
  sender: string;
  idempotency_key: string;
  input_hash: string;
  kind: string;
  referral_kind: string | null;
  receiver: string;
  status: string;
  answers_act: string | null;
  fields_sent: string;
  basis: string;
  payload: string | null;
  reference: string | null;
  municipality: string | null;
  created_ms: number | string;
  delivered_ms: number | string | null;
  answered_ms: number | string | null;
  answer: string | null;
  receiver_reference: string | null;
  attempts: number | string;
  next_attempt_ms: number | string | null;
  last_error: string | null;
  changed_seq: number | string;
}

const dateOf = (ms: number | string | null): Date | null => (ms === null ? null : new Date(Number(ms)));

export function actFromRow(row: ActDbRow): ActRow {
  return {
    id: row.id, sender: row.sender, idempotencyKey: row.idempotency_key, inputHash: row.input_hash, kind: row.kind,
    referralKind: row.referral_kind, receiver: row.receiver, status: row.status as ActStatus, answersAct: row.answers_act,
    fieldsSent: JSON.parse(row.fields_sent) as string[], basis: JSON.parse(row.basis) as string[], payload: row.payload,
    reference: row.reference, municipality: row.municipality,
    createdAt: new Date(Number(row.created_ms)), deliveredAt: dateOf(row.delivered_ms), answeredAt: dateOf(row.answered_ms),
    answer: row.answer as ActAnswer | null, receiverReference: row.receiver_reference, attempts: Number(row.attempts),
    nextAttemptAt: dateOf(row.next_attempt_ms), lastError: row.last_error, changedSeq: Number(row.changed_seq),
  };
}

/** The values of a new act's row, in ACT_INSERT_COLUMNS order. */
export const ACT_INSERT_COLUMNS = [
  'id', 'sender', 'idempotency_key', 'input_hash', 'kind', 'referral_kind', 'receiver', 'status', 'answers_act',
  'fields_sent', 'basis', 'payload', 'reference', 'municipality', 'created_ms', 'attempts', 'next_attempt_ms',
] as const;

export function newActValues(act: NewAct): (string | number | null)[] {
  return [
    act.id, act.sender, act.idempotencyKey, act.inputHash, act.kind, act.referralKind, act.receiver, 'PENDING', act.answersAct,
    JSON.stringify(act.fieldsSent), JSON.stringify(act.basis), act.payload, act.reference, act.municipality, act.createdAt.getTime(), 0, act.createdAt.getTime(),
  ];
}

/** The rules for a repeated key and for the act an answer answers, the same in both stores. */
export function checkRepeat(existing: ActRow, act: NewAct): void {
  if (existing.inputHash !== act.inputHash) {
    throw new AuditStoreError('ACT_IDEMPOTENCY_CONFLICT', 'this idempotency key was used for another act');
  }
}

export function checkAnswerable(answered: ActRow | null, answering: Answering): void {
  if (!answered || answered.receiver !== answering.answeredBy || FINAL_ON_DELIVERY.has(answered.kind)) {
    throw new AuditStoreError('ACT_NOT_FOUND', 'no act addressed to the caller has this id');
  }
  if (answered.answer !== null) throw new AuditStoreError('ACT_ALREADY_ANSWERED', 'the act was answered before');
  if (answered.status !== 'DELIVERED') throw new AuditStoreError('ACT_NOT_ANSWERABLE', 'the act has not reached its receiver yet');
}

/** ACCEPTED for an acceptance; REFUSED for a refusal and for a return as unsafe (the answer says which). */
export function statusOfAnswer(answer: ActAnswer): ActStatus {
  return answer === 'ACCEPTED' ? 'ACCEPTED' : 'REFUSED';
}
