/** The cases of the shared adapter contract suite (see adapter-contract-suite.ts). */
import nock from 'nock';
import { expect } from 'vitest';
import type { AdapterContractFixture } from '#kit/contract-fixture.ts';
import type { CaseHarness, ContractCase } from './adapter-contract-case.ts';

type Reply = { readonly status?: number; readonly headers?: Record<string, string>; readonly body: string };

function reply(interceptor: nock.Interceptor, answer: Reply): nock.Scope {
  return interceptor.reply(answer.status ?? 200, answer.body, answer.headers);
}

function fail(h: CaseHarness, status: number, headers: Record<string, string> = {}): nock.Scope {
  return h.fixture.intercept(h.scope).reply(status, 'upstream trouble', { 'content-type': 'text/plain', ...headers });
}

async function rejection(h: CaseHarness): Promise<Error & { code?: unknown; agency?: unknown; status?: unknown }> {
  const outcome = await h.lookup().then((value) => ({ value }), (error: unknown) => ({ error }));
  if (!('error' in outcome)) throw new Error(`expected the lookup to reject, it resolved with ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(Error);
  return outcome.error as Error;
}

/** BSNs (nine digits) in the fixture's bodies must never reach an error message or its causes. */
function expectNoPayloadIn(error: Error, fixture: AdapterContractFixture): void {
  const messages: string[] = [];
  for (let at: unknown = error; at instanceof Error && messages.length < 10; at = at.cause) messages.push(at.message);
  const text = messages.join('\n');
  const bodies = [fixture.happy.body, fixture.malformed.body];
  for (const bsn of new Set(bodies.join(' ').match(/\b\d{9}\b/g) ?? [])) expect(text).not.toContain(bsn);
  const malformed = fixture.malformed.body;
  for (let i = 0; i + 24 <= malformed.length; i += 8) expect(text, 'the malformed body is quoted').not.toContain(malformed.slice(i, i + 24));
}

export const CONTRACT_CASES: readonly ContractCase[] = [
  {
    name: 'happy path: maps the upstream answer',
    async run(h) {
      reply(h.fixture.intercept(h.scope), h.fixture.happy);
      expect(await h.lookup()).toMatchObject(h.fixture.happy.expected as object);
    },
  },
  {
    name: 'not found: resolves to null or []',
    async run(h) {
      reply(h.fixture.intercept(h.scope), h.fixture.notFound);
      expect(await h.lookup()).toEqual(h.fixture.notFound.expected);
    },
  },
  {
    name: '5xx, then a retry, then success (the lookup is idempotent)',
    resilience: { retries: 1 },
    async run(h) {
      fail(h, 503);
      reply(h.fixture.intercept(h.scope), h.fixture.happy);
      expect(await h.lookup()).toMatchObject(h.fixture.happy.expected as object);
      expect(h.sleeps).toHaveLength(1);
    },
  },
  {
    name: 'persistent 5xx: rejects with UPSTREAM_UNAVAILABLE after the retries',
    resilience: { retries: 1 },
    async run(h) {
      fail(h, 503);
      fail(h, 500);
      const error = await rejection(h);
      expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', agency: h.fixture.descriptor.id, status: 500 });
      expectNoPayloadIn(error, h.fixture);
    },
  },
  {
    name: 'timeout: a reply slower than timeoutMs rejects with UPSTREAM_TIMEOUT',
    resilience: { timeoutMs: 80 },
    async run(h) {
      reply(h.fixture.intercept(h.scope).delay(3000), h.fixture.happy);
      const started = Date.now();
      expect(await rejection(h)).toMatchObject({ code: 'UPSTREAM_TIMEOUT', agency: h.fixture.descriptor.id });
      expect(Date.now() - started, 'gave up at the timeout, did not wait for the reply').toBeLessThan(2500);
    },
  },
  {
    name: 'malformed body: rejects with UPSTREAM_BAD_RESPONSE, quoting nothing of it',
    async run(h) {
      reply(h.fixture.intercept(h.scope), h.fixture.malformed);
      const error = await rejection(h);
      expect(error).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', agency: h.fixture.descriptor.id });
      expectNoPayloadIn(error, h.fixture);
    },
  },
  {
    name: '429 with Retry-After: 1 waits the second it asked, then succeeds',
    resilience: { retries: 1 },
    async run(h) {
      fail(h, 429, { 'retry-after': '1' });
      reply(h.fixture.intercept(h.scope), h.fixture.happy);
      expect(await h.lookup()).toMatchObject(h.fixture.happy.expected as object);
      expect(h.sleeps).toEqual([1000]);
    },
  },
  {
    name: 'breaker: opens after N upstream failures, then fails fast without a call',
    resilience: { breakerThreshold: 3 },
    async run(h) {
      for (let i = 0; i < 3; i++) {
        fail(h, 503);
        expect(await rejection(h)).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });
      }
      const before = h.http.stats();
      h.fixture.intercept(h.scope).reply(200, h.fixture.happy.body, h.fixture.happy.headers);
      const error = await rejection(h);
      expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', agency: h.fixture.descriptor.id });
      expect(h.http.stats().calls, 'no upstream call while the circuit is open').toBe(before.calls);
      expect(h.scope.pendingMocks(), 'the happy interceptor was not consumed').toHaveLength(1);
      nock.cleanAll();
    },
  },
];
