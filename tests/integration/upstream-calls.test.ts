/**
 * No N+1: a nested query over 50 households with their children, reports and referrals makes at most
 * one upstream call per agency per entity kind per level (split only where an upstream's batch limit
 * forces it). Counted from the adapters' HTTP clients, not estimated.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestGateway, upstreamCalls, type TestGateway } from '../support/test-gateway.ts';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({
    env: { KETENPOORT_MOCK_HOUSEHOLDS: '2000' },
    // No retries and a generous timeout: on a loaded machine a retried call would be counted twice.
    configure: (config) => ({
      ...config,
      agencies: config.agencies.map((agency) => agency.upstream ? { ...agency, upstream: { ...agency.upstream, resilience: { retries: 0, timeoutMs: 15_000 } } } : agency),
    }),
  });
}, 60_000);
afterAll(async () => gateway?.close());

const calls = () => upstreamCalls(gateway);
const delta = (before: Map<string, number>) => new Map([...calls()].map(([agency, count]) => [agency, count - (before.get(agency) ?? 0)]));

it('lists 50 households with children, reports and referrals in a bounded number of upstream calls', async () => {
  const as = { agencyId: 'ashg-groningen', purpose: 'case-conference' };
  const page = '{ households(municipality: "Groningen", first: 50) { edges { node { id } } } }';
  const nested = `{ households(municipality: "Groningen", first: 50) { edges { node { id
    children { name } reports { phase narrative } referrals { status kind } } } } }`;

  const beforeList = calls();
  const listed = await gateway.query(as, page);
  expect(listed.status).toBe(200);
  const listing = delta(beforeList);

  const beforeNested = calls();
  const response = await gateway.query(as, nested);
  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
  const edges = (response.body.data?.households as { edges: unknown[] }).edges;
  expect(edges).toHaveLength(50);
  const nestedCalls = delta(beforeNested);

  // Per agency: the listing walk again, plus at most one call per entity kind (children, reports,
  // referrals) per batch of the upstream's limit; the referrals double as the policy's facts.
  const batchLimit: Record<string, number> = { 'ashg-groningen': 50, 'amk-groningen': 25, 'politie-noord-nederland': 100, 'bjz-groningen': 100 };
  for (const [agency, count] of nestedCalls) {
    const extra = count - (listing.get(agency) ?? 0);
    const perKind = Math.ceil(50 / (batchLimit[agency] ?? 1));
    // Politie and BJZ answer children/reports/involvement of one household from one call (see their loaders),
    // and BJZ needs a client search before its aanmelding search: allow 2 calls per kind there.
    const kinds = agency === 'bjz-groningen' ? 4 : 3;
    expect.soft(extra, `${agency}: ${count} calls (listing ${listing.get(agency)})`).toBeLessThanOrEqual(kinds * perKind);
    expect.soft(extra, `${agency} must not call once per household`).toBeLessThan(50);
  }
  console.log('upstream calls, nested query over 50 households:', Object.fromEntries(nestedCalls), 'of which listing:', Object.fromEntries(listing));
}, 60_000);
