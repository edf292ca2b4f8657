/**
 * The chain's acts (issue 13): the hand-offs the covenants are about, carried through the gateway into
 * the receiver's own system. This is the vocabulary the policy (write grants), the act store (outbox),
 * the adapters (each dialect's inbound operation) and the graph share; docs/acts.md tells the whole flow.
 *
 * What travels is never a record as the sender holds it: it is the sender's record reduced to exactly
 * the coordinates a write grant names for this act, this receiver and this purpose (`ActRecordValues`),
 * with the reporter's identity and restricted information never among them (DOMAIN rule 7).
 */
import type { ReferralKind } from './records.ts';

/** The acts, named for the domain. */
export const ACT_KINDS = ['HAND_OVER_CASE', 'REFER_ZORGMELDING', 'ANSWER_REFERRAL', 'GIVE_FEEDBACK'] as const;
export type ActKind = (typeof ACT_KINDS)[number];

/**
 * Where an act stands, as its sender sees it: queued in the gateway's outbox (PENDING), stored by the
 * receiver's system (DELIVERED), answered by the receiver (ACCEPTED, REFUSED), or given up after every
 * retry (FAILED, the dead letter a privacy officer can see and retry).
 */
export const ACT_STATUSES = ['PENDING', 'DELIVERED', 'ACCEPTED', 'REFUSED', 'FAILED'] as const;
export type ActStatus = (typeof ACT_STATUSES)[number];

/** How a receiver answers a referral or handover addressed to it. */
export const ACT_ANSWERS = ['ACCEPTED', 'REFUSED', 'RETURNED_UNSAFE'] as const;
export type ActAnswer = (typeof ACT_ANSWERS)[number];

/** The record types whose fields may travel with an act. */
export type ActRecordType = 'Household' | 'HouseholdMember' | 'Child' | 'Report' | 'Referral';

/**
 * One record of the sender as it travels: schema coordinate (`Report.narrative`) to the value the
 * graph would show for it. Only coordinates of `type`, and only those granted, ever appear.
 */
export interface ActRecordValues {
  readonly type: ActRecordType;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * What one act delivers into the receiver's system, in the domain's words; each adapter maps it to its
 * dialect's inbound operation. `actId` is the receiver's idempotency key: a second delivery of the same
 * act (a retry after a lost answer, a restart) must not create a second record there.
 */
export interface ActDelivery {
  /** The gateway's id of the act (opaque, stable across retries). */
  readonly actId: string;
  readonly kind: ActKind;
  /** The referral kind the act carries out (HAND_OVER_CASE, REFER_ZORGMELDING); null otherwise. */
  readonly referralKind: ReferralKind | null;
  readonly senderAgencyId: string;
  readonly receiverAgencyId: string;
  /** ISO date-time the sender performed the act. */
  readonly sentAt: string;
  /** The sender's own id of the record the act is about (its report, zorgmelding or referral). */
  readonly senderReference: string;
  /** Municipality of the household (organisational data, always present so the receiver can route). */
  readonly municipality: string;
  /** The granted fields of the sender's records; empty or null where nothing of that kind is granted. */
  readonly household: ActRecordValues | null;
  readonly members: readonly ActRecordValues[];
  readonly children: readonly ActRecordValues[];
  readonly report: ActRecordValues | null;
  /** Why the sender hands over or refers (the sender's own words for this act; never the narrative). */
  readonly reason: string | null;
  /** Conditions of a handover with conditions (Veilig Thuis 2019 protocol). */
  readonly safetyConditions: readonly string[];
  /** ANSWER_REFERRAL: the receiver's answer, delivered back into the sender's system. */
  readonly answer: { readonly decision: ActAnswer; readonly reason: string | null; readonly answeredAct: string } | null;
  /** GIVE_FEEDBACK: status and receiving agency told to the reporter or the police (terugkoppeling). */
  readonly feedback: { readonly phaseCategory: string | null; readonly receivingAgencyId: string | null; readonly receivingCareProvider: string | null } | null;
}

/** What the receiver's system answered when it stored a delivery. */
export interface DeliveryReceipt {
  /** The receiver's own id of what it stored (its new case, referral or feedback record). */
  readonly receiverReference: string;
}
