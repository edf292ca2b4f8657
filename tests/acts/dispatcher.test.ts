/**
 * The dispatcher's own rules (src/acts/dispatcher.ts), against an outbox that records what it is told:
 * which failures are worth another attempt, the back-off's bounds, when an act becomes the dead letter,
 * and that a call the receiver's open circuit refused never uses up an attempt.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ActDelivery } from '#domain/acts.ts';
import type { AgencyAdapter } from '#kit/contract.ts';
import { AdapterError } from '#kit/errors.ts';
import { backoffMs, createActDispatcher, isRetryable } from '#src/acts/dispatcher.ts';
import { createActSealer } from '#src/acts/seal.ts';
import type { ActOutbox, ActRow } from '#src/audit/act-outbox.ts';

const sealer = createActSealer('a test secret of enough length for the key derivation');
const delivery = { actId: 'ac_1', kind: 'HAND_OVER_CASE' } as ActDelivery;

function row(attempts: number): ActRow {
  return {
    id: 'ac_1', sender: 'ashg-groningen', idempotencyKey: 'k', inputHash: 'h', kind: 'HAND_OVER_CASE', referralKind: 'HANDOVER_ASHG_TO_AMK',
    receiver: 'amk-groningen', status: 'PENDING', answersAct: null, fieldsSent: [], basis: [], payload: sealer.seal(delivery), reference: null,
    municipality: 'Groningen', createdAt: new Date(0), deliveredAt: null, answeredAt: null, answer: null, receiverReference: null,
    attempts, nextAttemptAt: null, lastError: null, changedSeq: 1,
  };
}

/** One pass over one claimed act whose delivery fails with `error`; what the outbox was told. */
async function onePass(attempts: number, error: unknown): Promise<{ code: string; next: Date | null }[]> {
  const told: { code: string; next: Date | null }[] = [];
  let claimed = false;
  const outbox = {
    claimDue: async () => (claimed ? [] : (claimed = true, [row(attempts)])),
    failed: async (_id: string, code: string, next: Date | null) => { told.push({ code, next }); },
    delivered: async () => { throw new Error('not delivered'); },
  } as unknown as ActOutbox;
  const adapter = { deliver: async () => { throw error; } } as unknown as AgencyAdapter;
  const dispatcher = createActDispatcher({ outbox, sealer, adapterOf: () => adapter, logger: pino({ level: 'silent' }), maxAttempts: 3, now: () => 1000 });
  await dispatcher.runOnce();
  return told;
}

const agency = 'amk-groningen';

describe('the act dispatcher', () => {
  it('retries what the receiver may take later, not what it refuses as invalid', () => {
    expect(isRetryable(new AdapterError('UPSTREAM_UNAVAILABLE', 'm', { agency }))).toBe(true);
    expect(isRetryable(new AdapterError('UPSTREAM_TIMEOUT', 'm', { agency }))).toBe(true);
    expect(isRetryable(new AdapterError('UPSTREAM_BAD_RESPONSE', 'm', { agency, status: 502 }))).toBe(true);
    expect(isRetryable(new AdapterError('UPSTREAM_BAD_RESPONSE', 'm', { agency, status: 400 }))).toBe(false);
    expect(isRetryable(new AdapterError('UPSTREAM_REFUSED', 'm', { agency, status: 400, permanent: true }))).toBe(false);
    expect(isRetryable(new Error('anything else'))).toBe(true);
  });

  it('backs off exponentially, within the upper half of each step, up to the cap', () => {
    for (const attempts of [1, 2, 3, 8, 20]) {
      const step = Math.min(60_000, 1000 * 2 ** (attempts - 1));
      expect(backoffMs(attempts, 1000, 60_000, () => 0)).toBe(step / 2);
      expect(backoffMs(attempts, 1000, 60_000, () => 0.999_999)).toBeLessThanOrEqual(step);
    }
  });

  it('schedules another attempt before the last, and leaves the act FAILED after it', async () => {
    const unavailable = new AdapterError('UPSTREAM_UNAVAILABLE', 'm', { agency });
    const [early] = await onePass(1, unavailable);
    expect(early?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(early?.next?.getTime()).toBeGreaterThan(1000);
    const [last] = await onePass(3, unavailable);
    expect(last).toEqual({ code: 'UPSTREAM_UNAVAILABLE', next: null });
  });

  it('gives up at once on a permanent refusal', async () => {
    const [refused] = await onePass(1, new AdapterError('UPSTREAM_REFUSED', 'm', { agency, status: 400, permanent: true }));
    expect(refused).toEqual({ code: 'UPSTREAM_REFUSED', next: null });
  });

  it('does not count a call the open circuit refused: the act waits, past its last attempt', async () => {
    const [waiting] = await onePass(5, new AdapterError('UPSTREAM_UNAVAILABLE', 'm', { agency, circuitOpen: true }));
    expect(waiting?.next).not.toBeNull();
  });
});
