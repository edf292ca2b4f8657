/**
 * Checks BJZ's contract fixture the way the shared suite (tests/adapters/contract.test.ts) uses it:
 * prepare + intercept + lookup, for the happy, not-found and malformed answers.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { contractFixture as fixture } from '#adapters/bjz/contract-fixture.ts';
import { useNock } from './nock-helpers.ts';
import { createTestContext, scope } from './test-context.ts';

useNock();


async function lookupWith(reply: { status?: number; headers?: Record<string, string>; body: string }): Promise<unknown> {
  const upstream = nock(fixture.baseUrl);
  fixture.prepare?.(upstream);
  fixture.intercept(upstream).reply(reply.status ?? 200, reply.body, reply.headers);
  const test = createTestContext({ baseUrl: fixture.baseUrl });
  try {
    return await fixture.lookup(fixture.create(test.context).createLoaders(scope()));
  } finally {
    await test.http.close();
  }
}

describe('the BJZ contract fixture', () => {
  it('describes bjz-groningen', () => {
    expect(fixture.descriptor).toEqual({ id: 'bjz-groningen', kind: 'BJZ', name: 'Bureau Jeugdzorg Groningen', region: 'groningen' });
  });

  it('resolves the happy answer to its expected record', async () => {
    expect(await lookupWith(fixture.happy)).toMatchObject(fixture.happy.expected as object);
  });

  it('resolves the not-found answer to null', async () => {
    expect(await lookupWith(fixture.notFound)).toBe(fixture.notFound.expected);
  });

  it('rejects the malformed answer with UPSTREAM_BAD_RESPONSE', async () => {
    await expect(lookupWith(fixture.malformed)).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });
});
