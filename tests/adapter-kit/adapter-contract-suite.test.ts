/** Tests of the shared contract suite itself: a sound fake passes it, each broken fake fails it. */
import { describe, expect, it } from 'vitest';
import { CONTRACT_CASES } from './adapter-contract-cases.ts';
import { describeAdapterContract, runContractCase } from './adapter-contract-suite.ts';
import { createFakeJsonFixture, type FakeFaults } from './fake-json-adapter.ts';

describeAdapterContract(createFakeJsonFixture());

function contractCase(prefix: string) {
  const found = CONTRACT_CASES.find((candidate) => candidate.name.startsWith(prefix));
  if (!found) throw new Error(`no contract case starts with "${prefix}"`);
  return found;
}

describe('the contract suite catches a broken adapter', () => {
  it.each<[keyof FakeFaults, string, RegExp]>([
    ['swallowUpstreamErrors', 'persistent 5xx', /expected the lookup to reject/],
    ['swallowUpstreamErrors', 'timeout', /expected the lookup to reject/],
    ['swallowUpstreamErrors', 'breaker', /expected the lookup to reject/],
    ['nonIdempotentLookup', '5xx, then a retry', /answered 503/],
    ['nonIdempotentLookup', '429 with Retry-After', /rate limited/],
    ['rawParseErrors', 'malformed body', /SyntaxError.*UPSTREAM_BAD_RESPONSE/],
    ['quoteBodyInErrors', 'malformed body', /the malformed body is quoted/],
  ])('with %s, the case "%s" fails', async (fault, prefix, why) => {
    await expect(runContractCase(createFakeJsonFixture({ [fault]: true }), contractCase(prefix))).rejects.toThrow(why);
  });

  it('and still passes the cases that fault does not touch', async () => {
    await runContractCase(createFakeJsonFixture({ nonIdempotentLookup: true }), contractCase('happy path'));
    await runContractCase(createFakeJsonFixture({ rawParseErrors: true }), contractCase('not found'));
  });
});
