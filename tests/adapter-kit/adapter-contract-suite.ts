/**
 * The shared contract every adapter must pass, as plain cases so the suite itself can be tested
 * (adapter-contract-suite.test.ts runs them against a fake and against deliberately broken fakes).
 * tests/adapters/contract.test.ts runs them against every adapters/<agency>/contract-fixture.ts.
 *
 * Each case gets fresh nock interceptors (with Content-Length: see http.ts on aborting a delayed
 * nock reply), a fresh createUpstreamHttp with small timeouts and a recording sleep, a fresh
 * adapter, and fresh loaders for every lookup; it ends with no interceptor left unused.
 */
import nock from 'nock';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AdapterContext } from '#kit/contract.ts';
import type { ResilienceOptions } from '#kit/http-types.ts';
import { createUpstreamHttp } from '#kit/http.ts';
import type { AdapterContractFixture } from '#kit/contract-fixture.ts';
import { CONTRACT_CASES } from './adapter-contract-cases.ts';
import { DELIVER_CASES } from './adapter-deliver-cases.ts';

import type { ContractCase } from './adapter-contract-case.ts';

export type { CaseHarness, ContractCase } from './adapter-contract-case.ts';

/** Small and strict: no retries unless a case asks, a breaker that stays out of the way. */
export const SUITE_RESILIENCE: ResilienceOptions = {
  timeoutMs: 1000, retries: 0, backoffBaseMs: 5, backoffMaxMs: 2000, breakerThreshold: 50, breakerHalfOpenAfterMs: 60_000,
};

export const SUITE_NOW = new Date('2026-06-01T10:00:00Z');

export async function runContractCase(fixture: AdapterContractFixture, contractCase: ContractCase): Promise<void> {
  nock.cleanAll();
  nock.disableNetConnect();
  const scope = nock(fixture.baseUrl).replyContentLength();
  fixture.prepare?.(scope);
  const sleeps: number[] = [];
  const logger = pino({ level: 'silent' });
  const http = createUpstreamHttp({
    agencyId: fixture.descriptor.id, baseUrl: fixture.baseUrl, logger, random: () => 0.5,
    resilience: { ...SUITE_RESILIENCE, ...contractCase.resilience },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  const context: AdapterContext = { agency: fixture.descriptor, logger, clock: { now: () => new Date(SUITE_NOW) }, http };
  const adapter = fixture.create(context);
  const lookup = () => fixture.lookup(adapter.createLoaders({ signal: new AbortController().signal }));
  try {
    await contractCase.run({ fixture, scope, adapter, http, sleeps, lookup });
    expect(nock.pendingMocks(), 'every interceptor the case set up was used').toEqual([]);
  } finally {
    await adapter.close();
    await http.close();
    nock.cleanAll();
  }
}

/** Registers one vitest test per contract case for the given adapter. */
export function describeAdapterContract(fixture: AdapterContractFixture): void {
  describe(`adapter contract: ${fixture.descriptor.id}`, () => {
    for (const contractCase of CONTRACT_CASES) {
      it(contractCase.name, () => runContractCase(fixture, contractCase));
    }
    // Issue 13: only for an adapter with an inbound operation.
    if (fixture.deliver) {
      for (const contractCase of DELIVER_CASES) {
        it(contractCase.name, () => runContractCase(fixture, contractCase));
      }
    }
  });
}
