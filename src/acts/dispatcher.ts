/**
 * Delivers queued acts from the outbox into the receivers' systems: at least once from here, exactly
 * once at the receiver, whose inbound operation is idempotent by the act's id. A claim leases the act
 * (a crashed or killed gateway's acts come back when the lease ends; a second replica never takes a
 * leased one); a failed attempt backs off exponentially with jitter; a refusal the receiver calls
 * permanent (a 4xx), or the last attempt, leaves the act FAILED: the dead letter a privacy officer
 * sees and may retry (Mutation.retryAct).
 *
 * Written by hand: the outbox lives in the audit trail's own transaction, which no queue library shares.
 */
import type { Logger } from 'pino';
import type { AgencyAdapter } from '#kit/contract.ts';
import { isAdapterError } from '#kit/errors.ts';
import { FINAL_ON_DELIVERY, INBOX_REFERENCE, type ActOutbox, type ActRow } from '#src/audit/act-outbox.ts';
import type { ActSealer } from './seal.ts';

export interface ActDispatcherOptions {
  readonly outbox: ActOutbox;
  readonly sealer: ActSealer;
  /** The receiver's adapter, null when it has no record system the gateway reaches. */
  readonly adapterOf: (agencyId: string) => AgencyAdapter | null;
  /**
   * Whether the organisation has no record system at all (a wijkteam): its acts are delivered into the
   * gateway's inbox, kept sealed until it answers. Default: none has.
   */
  readonly withoutSystem?: (agencyId: string) => boolean;
  readonly logger: Logger;
  /** Wall clock of delivery (not the request's judged time). Default Date.now. */
  readonly now?: () => number;
  /**
   * Attempts before FAILED. Default 20: with the default back-off (1 s doubling to 10 min) a receiver may be
   * down for about two hours before an act becomes a dead letter.
   */
  readonly maxAttempts?: number;
  /** First back-off; doubled per attempt up to maxBackoffMs. Default 1000. */
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** How long a claim is held before another may take the act. Default 30000. */
  readonly leaseMs?: number;
  /** How often the outbox is looked at without a nudge. Default 1000. */
  readonly pollMs?: number;
  /** Longest one delivery may take before it counts as failed. Default 15000. */
  readonly deliveryTimeoutMs?: number;
}

export interface ActDispatcher {
  /** Looks at the outbox soon (an act was just queued). */
  nudge(): void;
  /** One pass: claims what is due and delivers it; resolves when those deliveries settled. */
  runOnce(): Promise<number>;
  start(): void;
  /** Stops polling and waits for deliveries in flight. */
  stop(): Promise<void>;
}

/** Whether a failed delivery is worth another attempt. */
export function isRetryable(error: unknown): boolean {
  if (!isAdapterError(error)) return true;
  if (error.permanent) return false;
  return error.code !== 'UPSTREAM_BAD_RESPONSE' || (error.status ?? 0) >= 500;
}

export function backoffMs(attempts: number, base: number, max: number, random: () => number = Math.random): number {
  const exponential = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  // Full jitter on the upper half: replicas retrying one receiver do not arrive together.
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

export function createActDispatcher(options: ActDispatcherOptions): ActDispatcher {
  const now = options.now ?? Date.now;
  const maxAttempts = options.maxAttempts ?? 20;
  const base = options.baseBackoffMs ?? 1000;
  const max = options.maxBackoffMs ?? 10 * 60_000;
  const leaseMs = options.leaseMs ?? 30_000;
  const pollMs = options.pollMs ?? 1000;
  const deliveryTimeoutMs = options.deliveryTimeoutMs ?? 15_000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = true;

  const failed = async (act: ActRow, error: unknown): Promise<void> => {
    const code = isAdapterError(error) ? error.code : 'DELIVERY_FAILED';
    // A call the receiver's open circuit refused never reached it: it does not use up the act's attempts
    // (the circuit half-opens on its own schedule), so an outage ends in FAILED only by real refusals.
    const neverSent = isAdapterError(error) && error.circuitOpen;
    const giveUp = !isRetryable(error) || (act.attempts >= maxAttempts && !neverSent);
    const next = giveUp ? null : new Date(now() + backoffMs(act.attempts, base, max));
    // Codes and ids only: never the payload, never upstream text.
    options.logger.warn({ act: act.id, receiver: act.receiver, attempts: act.attempts, code, gaveUp: giveUp }, 'act delivery failed');
    await options.outbox.failed(act.id, code, next, new Date(now()));
  };

  const deliver = async (act: ActRow): Promise<void> => {
    const adapter = options.adapterOf(act.receiver);
    if (!adapter && act.payload !== null && !FINAL_ON_DELIVERY.has(act.kind) && options.withoutSystem?.(act.receiver)) {
      // Nothing to send it to: the receiver reads it from the gateway (Act.received) until it answers.
      await options.outbox.delivered(act.id, INBOX_REFERENCE, new Date(now()), { keepPayload: true });
      options.logger.info({ act: act.id, receiver: act.receiver }, 'act delivered into the gateway inbox');
      return;
    }
    if (!adapter?.deliver || act.payload === null) {
      options.logger.error({ act: act.id, receiver: act.receiver }, 'act has no receiver system to go to');
      await options.outbox.failed(act.id, 'RECEIVER_UNREACHABLE', null, new Date(now()));
      return;
    }
    let delivery;
    try {
      delivery = options.sealer.open(act.id, act.payload);
    } catch {
      options.logger.error({ act: act.id }, 'act payload does not open');
      await options.outbox.failed(act.id, 'PAYLOAD_UNREADABLE', null, new Date(now()));
      return;
    }
    const signal = AbortSignal.timeout(deliveryTimeoutMs);
    try {
      const receipt = await adapter.deliver(delivery, { signal });
      await options.outbox.delivered(act.id, receipt.receiverReference, new Date(now()));
      options.logger.info({ act: act.id, receiver: act.receiver, attempts: act.attempts }, 'act delivered');
    } catch (error) {
      await failed(act, error);
    }
  };

  const pass = async (): Promise<number> => {
    let delivered = 0;
    do {
      again = false;
      const due = await options.outbox.claimDue(new Date(now()), 16, leaseMs);
      await Promise.all(due.map((act) => deliver(act).catch((error: unknown) => {
        // The outbox itself failed (its store is down): the lease runs out and the act comes back.
        options.logger.error({ act: act.id, err: { message: (error as Error).message } }, 'act outbox update failed');
      })));
      delivered += due.length;
      if (due.length === 16) again = true;
    } while (again);
    return delivered;
  };

  const runOnce = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = pass().catch((error: unknown) => {
      options.logger.error({ err: { message: (error as Error).message } }, 'act outbox could not be read');
      return 0;
    }).finally(() => { running = null; });
    return running;
  };

  const schedule = (delay: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = null; void runOnce().finally(() => schedule(pollMs)); }, delay);
    timer.unref();
  };

  return {
    nudge: () => { if (!stopped) schedule(0); },
    runOnce,
    start: () => { stopped = false; schedule(0); },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
