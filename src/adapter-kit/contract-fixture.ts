/**
 * What an adapter hands the shared contract suite (tests/adapters/contract.test.ts): one lookup the
 * suite drives through every failure mode, and how to intercept the upstream call with nock.
 * Each adapter exports one of these from adapters/<agency>/contract-fixture.ts.
 */
import type nock from 'nock';
import type { AdapterContext, AgencyAdapter, AgencyDescriptor, AgencyLoaders } from '#kit/contract.ts';
import type { ActDelivery } from '#domain/acts.ts';

type Reply = { readonly status?: number; readonly headers?: Record<string, string>; readonly body: string };

/** The inbound operation an adapter with `deliver` hands the suite's deliver cases (issue 13). */
export interface DeliverContractFixture {
  /** An act this agency receives. */
  readonly delivery: ActDelivery;
  /** The upstream call behind delivering it, without its reply. */
  intercept(scope: nock.Scope): nock.Interceptor;
  /** The agency's answer when it stored the act, and the receipt's `receiverReference` it makes. */
  readonly stored: Reply & { readonly receiverReference: string };
  /** The agency refusing the act as invalid (a 4xx or a client fault); its body must never reach a message. */
  readonly refused: Reply & { readonly status: number };
  /** An act the agency does not receive, refused for good without a call; absent when it receives every kind. */
  readonly notReceived?: ActDelivery;
}

export interface AdapterContractFixture {
  readonly descriptor: AgencyDescriptor;
  /** Base URL the adapter is pointed at in the suite, e.g. `http://ashg.test`. */
  readonly baseUrl: string;
  create(context: AdapterContext): AgencyAdapter;
  /**
   * Intercepts anything the adapter needs before the lookup (a token endpoint, a key mapping),
   * as `.persist()`-free interceptors; called once per test. Optional.
   */
  prepare?(scope: nock.Scope): void;
  /** The upstream call behind `lookup`, without its reply. */
  intercept(scope: nock.Scope): nock.Interceptor;
  /** One lookup through the loaders, e.g. `loaders.report.load('M-2026-000101')`. */
  lookup(loaders: AgencyLoaders): Promise<unknown>;
  /** A valid upstream answer to the lookup, and what the lookup must then resolve to (checked with toMatchObject). */
  readonly happy: { readonly status?: number; readonly headers?: Record<string, string>; readonly body: string; readonly expected: unknown };
  /** The upstream's answer for an unknown id; the lookup must resolve to null (or []). */
  readonly notFound: { readonly status: number; readonly headers?: Record<string, string>; readonly body: string; readonly expected: null | readonly [] };
  /** A syntactically or structurally broken answer; the lookup must reject with UPSTREAM_BAD_RESPONSE. */
  readonly malformed: { readonly status?: number; readonly headers?: Record<string, string>; readonly body: string };
  /** The inbound operation, for an adapter with `deliver`. */
  readonly deliver?: DeliverContractFixture;
}
