/// <reference types="vite/types/import-meta.d.ts" />
/**
 * The one shared contract suite every adapter must pass (cases in tests/adapter-kit/adapter-contract-cases.ts):
 * happy path, not found, 5xx with retry, persistent 5xx, timeout, malformed body, 429 with
 * Retry-After, and the circuit breaker, each against nock with a fresh scope and fresh loaders.
 */
import { describe, expect, it } from 'vitest';
import { describeAdapterContract } from '../adapter-kit/adapter-contract-suite.ts';
import type { AdapterContractFixture } from '#kit/contract-fixture.ts';

const REQUIRED_AGENCIES = ['ashg-groningen', 'amk-groningen', 'politie-noord-nederland', 'bjz-groningen'];

const modules = import.meta.glob<{ contractFixture: AdapterContractFixture }>('../../adapters/*/contract-fixture.ts', { eager: true });
const fixtures = Object.entries(modules)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([path, module]) => {
    if (!module.contractFixture) throw new Error(`${path} does not export contractFixture`);
    return module.contractFixture;
  });

describe('adapter contract fixtures', () => {
  it('include every agency the gateway ships with', () => {
    expect(fixtures.map((fixture) => fixture.descriptor.id)).toEqual(expect.arrayContaining(REQUIRED_AGENCIES));
  });

  it('name each agency once', () => {
    const ids = fixtures.map((fixture) => fixture.descriptor.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

for (const fixture of fixtures) describeAdapterContract(fixture);
