/**
 * The nock scenarios of the shared adapter contract suite, for an integration tester who intercepts an
 * agency rather than running its mock: per agency, one lookup's upstream call (from the agency's
 * contract fixture) answered happily, as not found, or with a fault. Development and tests only.
 */
import nock from 'nock';
import type { AdapterContractFixture } from '#kit/contract-fixture.ts';
import { contractFixture as amk } from '#adapters/amk/contract-fixture.ts';
import { contractFixture as ashg } from '#adapters/ashg/contract-fixture.ts';
import { contractFixture as bjz } from '#adapters/bjz/contract-fixture.ts';
import { contractFixture as politie } from '#adapters/politie/contract-fixture.ts';
import type { AdapterName } from '#src/config/agencies.ts';
import type { FaultScenario } from './faults.ts';

/**
 * Per agency: the base URL intercepted, how to create its adapter, the lookup, and the canned bodies
 * (a valid answer with what it maps to, a not-found answer, a malformed one).
 */
export const AGENCY_FIXTURES: Readonly<Record<AdapterName, AdapterContractFixture>> = { ashg, amk, politie, bjz };

export type NockScenario = 'happy' | 'notFound' | FaultScenario;

export const NOCK_SCENARIOS: readonly NockScenario[] = ['happy', 'notFound', 'timeout', 'unavailable', 'malformed', 'rateLimited'];

export interface NockScenarioOptions {
  /** Base URL to intercept. Default the fixture's (`http://ashg.test`, ...). */
  readonly baseUrl?: string;
  /** How long the `timeout` scenario holds its answer, in ms. Default 60 000 (longer than any client waits). */
  readonly delayMs?: number;
}

/**
 * Intercepts the agency's lookup call (and what it needs first: a token, a key mapping) once, answered as
 * the scenario says. Check `scope.isDone()` afterwards; `nock.cleanAll()` removes what was not used.
 */
export function nockScenario(adapter: AdapterName, scenario: NockScenario, options: NockScenarioOptions = {}): nock.Scope {
  const fixture = AGENCY_FIXTURES[adapter];
  // With Content-Length set, undici reads a delayed reply the way it reads a real one (as the contract suite does).
  const scope = nock(options.baseUrl ?? fixture.baseUrl).replyContentLength();
  fixture.prepare?.(scope);
  const call = fixture.intercept(scope);
  const text = { 'content-type': 'text/plain' };
  switch (scenario) {
    case 'happy': return call.reply(fixture.happy.status ?? 200, fixture.happy.body, fixture.happy.headers);
    case 'notFound': return call.reply(fixture.notFound.status, fixture.notFound.body, fixture.notFound.headers);
    case 'malformed': return call.reply(fixture.malformed.status ?? 200, fixture.malformed.body, fixture.malformed.headers);
    case 'unavailable': return call.reply(503, 'Service Unavailable', text);
    case 'rateLimited': return call.reply(429, 'Too Many Requests', { ...text, 'retry-after': '1' });
    case 'timeout': return call.delay(options.delayMs ?? 60_000).reply(fixture.happy.status ?? 200, fixture.happy.body, fixture.happy.headers);
  }
}
