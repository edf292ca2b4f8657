/**
 * The deliver section of the shared contract suite (issue 13), for adapters whose fixture has `deliver`:
 * an act stored gives the receiver's reference; a refusal is permanent and quotes nothing of the answer;
 * a 5xx is retried within the call (the receiver stores an act id once) and, when it persists, transient;
 * an act the agency does not receive is refused for good without a call.
 */
import nock from 'nock';
import { expect } from 'vitest';
import type { DeliverContractFixture } from '#kit/contract-fixture.ts';
import type { CaseHarness, ContractCase } from './adapter-contract-case.ts';

function deliverOf(h: CaseHarness): DeliverContractFixture {
  const { deliver } = h.fixture;
  if (!deliver || !h.adapter.deliver) throw new Error(`${h.fixture.descriptor.id}: a deliver case needs deliver() and its fixture`);
  return deliver;
}

const signal = () => new AbortController().signal;

async function rejection(run: () => Promise<unknown>): Promise<Error & Record<string, unknown>> {
  const outcome = await run().then((value) => ({ value }), (error: unknown) => ({ error }));
  if (!('error' in outcome)) throw new Error(`expected the delivery to reject, it resolved with ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(Error);
  return outcome.error as Error & Record<string, unknown>;
}

function messagesOf(error: Error): string {
  const messages: string[] = [];
  for (let at: unknown = error; at instanceof Error && messages.length < 10; at = at.cause) messages.push(at.message);
  return messages.join('\n');
}

export const DELIVER_CASES: readonly ContractCase[] = [
  {
    name: 'deliver: the act is stored and the receipt is the receiver\'s reference',
    async run(h) {
      const d = deliverOf(h);
      d.intercept(h.scope).reply(d.stored.status ?? 200, d.stored.body, d.stored.headers);
      expect(await h.adapter.deliver!(d.delivery, { signal: signal() })).toEqual({ receiverReference: d.stored.receiverReference });
    },
  },
  {
    name: 'deliver: a refusal is permanent (UPSTREAM_REFUSED) and quotes nothing of the answer',
    async run(h) {
      const d = deliverOf(h);
      d.intercept(h.scope).reply(d.refused.status, d.refused.body, d.refused.headers);
      const error = await rejection(() => h.adapter.deliver!(d.delivery, { signal: signal() }));
      expect(error).toMatchObject({ code: 'UPSTREAM_REFUSED', permanent: true, agency: h.fixture.descriptor.id });
      const text = messagesOf(error);
      for (let i = 0; i + 16 <= d.refused.body.length; i += 8) expect(text, 'the refusal is quoted').not.toContain(d.refused.body.slice(i, i + 16));
    },
  },
  {
    name: 'deliver: 5xx, a retry, then stored (the receiver keeps an act id once)',
    resilience: { retries: 1 },
    async run(h) {
      const d = deliverOf(h);
      d.intercept(h.scope).reply(503, 'upstream trouble', { 'content-type': 'text/plain' });
      d.intercept(h.scope).reply(d.stored.status ?? 200, d.stored.body, d.stored.headers);
      expect(await h.adapter.deliver!(d.delivery, { signal: signal() })).toEqual({ receiverReference: d.stored.receiverReference });
      expect(h.sleeps).toHaveLength(1);
    },
  },
  {
    name: 'deliver: a persistent 5xx is transient, for the outbox to retry',
    async run(h) {
      const d = deliverOf(h);
      d.intercept(h.scope).reply(503, 'upstream trouble', { 'content-type': 'text/plain' });
      const error = await rejection(() => h.adapter.deliver!(d.delivery, { signal: signal() }));
      expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', permanent: false });
    },
  },
  {
    name: 'deliver: an act the agency does not receive is refused for good without a call',
    async run(h) {
      const d = deliverOf(h);
      const prepared = nock.pendingMocks();
      if (d.notReceived) {
        const error = await rejection(() => h.adapter.deliver!(d.notReceived!, { signal: signal() }));
        expect(error).toMatchObject({ code: 'UPSTREAM_REFUSED', permanent: true });
      }
      // Not even what the fixture prepared (a token) was asked for.
      expect(nock.pendingMocks()).toEqual(prepared);
      nock.cleanAll();
    },
  },
];
