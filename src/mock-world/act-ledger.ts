/**
 * What an agency mock received through its inbound operations (issue 13): one entry per act, keyed by
 * the gateway's act id, so a test can check that a retried delivery stored nothing new. Also the
 * count-down of inbound calls the mock must fail transiently, for the outbox's retry tests.
 * Development and tests only.
 */

/** One act as the agency's system stored it. */
export interface ReceivedAct {
  /** The gateway's act id the delivery carried (the idempotency key). */
  readonly actId: string;
  /** The inbound operation in the agency's own words, e.g. `POST /api/v1/terugkoppelingen`, `OntvangOverdracht`. */
  readonly operation: string;
  /** The agency's own new id of what it stored: the receipt's `receiverReference`. */
  readonly receiverReference: string;
  /** What it stored, in its own dialect (the decoded request). */
  readonly record: unknown;
}

export interface ActLedger {
  /**
   * Stores an act once: the first delivery of `actId` gets a new reference from `newReference(n)`
   * (n counts this ledger's acts from 1); a later one answers that first entry and stores nothing.
   */
  receive(actId: string, operation: string, record: unknown, newReference: (sequence: number) => string): { readonly entry: ReceivedAct; readonly repeated: boolean };
  /** Every act stored, oldest first. */
  all(): readonly ReceivedAct[];
  /** Makes the next `times` inbound calls fail as a transient outage of the agency (5xx or its dialect's server fault). */
  failNext(times: number): void;
  /** Whether this inbound call is one of those to fail; counts it off. */
  takeFailure(): boolean;
}

export function createActLedger(): ActLedger {
  const byActId = new Map<string, ReceivedAct>();
  let failures = 0;
  return {
    receive(actId, operation, record, newReference) {
      const known = byActId.get(actId);
      if (known) return { entry: known, repeated: true };
      const entry: ReceivedAct = { actId, operation, receiverReference: newReference(byActId.size + 1), record };
      byActId.set(actId, entry);
      return { entry, repeated: false };
    },
    all: () => [...byActId.values()],
    failNext(times) {
      if (!Number.isSafeInteger(times) || times < 0) throw new RangeError('failNext needs a whole number of calls');
      failures = times;
    },
    takeFailure() {
      if (failures === 0) return false;
      failures--;
      return true;
    },
  };
}
