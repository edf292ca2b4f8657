/** What one case of the shared adapter contract suite is and what it is handed. */
import type nock from 'nock';
import type { AgencyAdapter } from '#kit/contract.ts';
import type { ResilienceOptions } from '#kit/http-types.ts';
import type { CountingUpstreamHttp } from '#kit/http.ts';
import type { AdapterContractFixture } from '#kit/contract-fixture.ts';

export interface CaseHarness {
  readonly fixture: AdapterContractFixture;
  readonly scope: nock.Scope;
  readonly adapter: AgencyAdapter;
  readonly http: CountingUpstreamHttp;
  /** Waits the retry loop asked for, in ms (nothing really sleeps). */
  readonly sleeps: readonly number[];
  /** The fixture's lookup through newly created loaders. */
  lookup(): Promise<unknown>;
}

export interface ContractCase {
  readonly name: string;
  /** Overrides of SUITE_RESILIENCE for this case. */
  readonly resilience?: ResilienceOptions;
  run(harness: CaseHarness): Promise<void>;
}
