/**
 * Runs the ideal plans of bench/minimum.ts against the mocks and counts them there, per agency and
 * legacy operation, the same way the contenders are counted. Each plan runs once unmeasured first
 * (BJZ's OAuth token is fetched once per client lifetime, not per query).
 */
import type { AgencyClients } from './contenders/agency-clients.ts';
import type { ChildHandle } from './ipc.ts';
import { planForPage, planForPerson } from './minimum.ts';
import type { MockCounts } from './mocks-process.ts';
import type { ListingFloor, MinimumPerQuery } from './results.ts';
import { MUNICIPALITY_B, PAGE_B, type Scenario, type ScenarioId } from './scenarios.ts';

type Counted = { total: number; perAgency: Record<string, number>; operations: Record<string, Record<string, number>> };

async function counted(mocks: ChildHandle, plan: () => Promise<void>): Promise<Counted> {
  await plan();
  const before = await mocks.call<MockCounts>('counts');
  await plan();
  const after = await mocks.call<MockCounts>('counts');
  const operations: Record<string, Record<string, number>> = {};
  for (const [agencyId, ops] of Object.entries(after.operations)) {
    for (const [operation, total] of Object.entries(ops)) {
      const delta = total - (before.operations[agencyId]?.[operation] ?? 0);
      if (delta > 0) (operations[agencyId] ??= {})[operation] = delta;
    }
  }
  const perAgency = Object.fromEntries(Object.entries(after.perAgency).map(([id, total]) => [id, total - (before.perAgency[id] ?? 0)]));
  return { total: Object.values(perAgency).reduce((sum, calls) => sum + calls, 0), perAgency, operations };
}

export async function measureMinimum(clients: AgencyClients, mocks: ChildHandle, scenarios: readonly Scenario[]): Promise<Partial<Record<ScenarioId, MinimumPerQuery>>> {
  await mocks.call('setKnobs', { latencyMs: 0 });
  const minimum: Partial<Record<ScenarioId, MinimumPerQuery>> = {};
  const a = scenarios.find((scenario) => scenario.id === 'a');
  if (a) {
    const bsn = String(a.variables.bsn);
    const plain = await counted(mocks, () => planForPerson(clients, bsn, false));
    const facts = await counted(mocks, () => planForPerson(clients, bsn, true));
    minimum.a = { ...plain, totalWithFacts: facts.total, operationsWithFacts: facts.operations };
  }
  if (scenarios.some((scenario) => scenario.id === 'b')) {
    const plain = await counted(mocks, () => planForPage(clients, MUNICIPALITY_B, PAGE_B));
    minimum.b = { ...plain, totalWithFacts: plain.total, operationsWithFacts: plain.operations };
  }
  if (scenarios.some((scenario) => scenario.id === 'c')) {
    minimum.c = { total: 0, perAgency: {}, operations: {}, totalWithFacts: 0, operationsWithFacts: {} };
  }
  return minimum;
}

/**
 * How long listing the municipality of (b) takes through the same adapters with nothing else running:
 * each agency on its own, then all four in parallel as a (b) request does. No contender can answer (b)
 * faster than this; the second of three runs is kept (the first warms the connections).
 */
export async function measureListingFloor(clients: AgencyClients, mocks: ChildHandle, latencies: readonly number[]): Promise<ListingFloor[]> {
  const floors: ListingFloor[] = [];
  const scope = { signal: new AbortController().signal };
  const timed = async (run: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[1] ?? Number.NaN;
  };
  for (const latency of latencies) {
    await mocks.call('setKnobs', { latencyMs: latency });
    const perAgencyMs: Record<string, number> = {};
    for (const [agencyId, adapter] of clients.adapters) perAgencyMs[agencyId] = await timed(() => adapter.listHouseholds([MUNICIPALITY_B], scope));
    const allMs = await timed(() => Promise.all([...clients.adapters.values()].map((adapter) => adapter.listHouseholds([MUNICIPALITY_B], scope))));
    floors.push({ upstreamLatencyMs: latency, allMs, perAgencyMs });
  }
  await mocks.call('setKnobs', { latencyMs: 0 });
  return floors;
}
