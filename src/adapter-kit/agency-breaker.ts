/**
 * Internal to http.ts: the circuit breaker of one agency. Only failures that say the upstream is
 * unwell count towards opening it (timeouts, connection errors, 5xx); a 404, a 401 or a 429 is an
 * upstream that answers, and an aborted caller says nothing about the upstream at all.
 */
import { BrokenCircuitError, circuitBreaker, ConsecutiveBreaker, handleWhen, IsolatedCircuitError, type CircuitBreakerPolicy } from 'cockatiel';
import type { Logger } from 'pino';
import { isAdapterError } from './errors.ts';

export interface AgencyBreakerOptions {
  readonly threshold: number;
  readonly halfOpenAfterMs: number;
  readonly logger: Logger;
}

export interface AgencyBreaker {
  readonly policy: CircuitBreakerPolicy;
  dispose(): void;
}

export function isUpstreamFailure(error: unknown): boolean {
  return isAdapterError(error) && (error.code === 'UPSTREAM_TIMEOUT' || error.code === 'UPSTREAM_UNAVAILABLE');
}

export function isOpenCircuit(error: unknown): boolean {
  return error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError;
}

export function createAgencyBreaker(options: AgencyBreakerOptions): AgencyBreaker {
  const policy = circuitBreaker(handleWhen(isUpstreamFailure), {
    halfOpenAfter: options.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.threshold),
  });
  const listeners = [
    policy.onBreak(() => options.logger.warn({ threshold: options.threshold }, 'upstream circuit opened')),
    policy.onHalfOpen(() => options.logger.info('upstream circuit half-open, sending a trial call')),
    policy.onReset(() => options.logger.info('upstream circuit closed')),
  ];
  return { policy, dispose: () => listeners.forEach((listener) => listener.dispose()) };
}
