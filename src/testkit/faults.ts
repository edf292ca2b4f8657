/**
 * Fault scenarios per agency, for a running mock (knobs) and for nock: the agency times out, is down (503),
 * answers a malformed body in its own dialect, or rate-limits (429 with Retry-After). Development and tests only.
 */
import type { MockKnobs } from '#kit/contract.ts';
import type { MockServer } from '#mock-world/mock-server.ts';

export type FaultScenario = 'timeout' | 'unavailable' | 'malformed' | 'rateLimited';

export const FAULT_SCENARIOS: readonly FaultScenario[] = ['timeout', 'unavailable', 'malformed', 'rateLimited'];

/** The knobs that make every request of a mock fail the given way. */
export const FAULT_KNOBS: Readonly<Record<FaultScenario, MockKnobs>> = {
  // The mock holds the request unanswered until the caller gives up.
  timeout: { timeoutRate: 1 },
  unavailable: { errorRate: 1 },
  malformed: { malformedRate: 1 },
  rateLimited: { rateLimitRate: 1 },
};

/** Turns a fault on for a running mock; the returned function restores the knobs it had. */
export function injectFault(mock: MockServer, fault: FaultScenario, before: MockKnobs = {}): () => void {
  mock.setKnobs({ ...before, ...FAULT_KNOBS[fault] });
  return () => mock.setKnobs(before);
}
