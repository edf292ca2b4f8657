/**
 * The sequential probe: a few requests one after another with nothing else running, so the mocks'
 * request counters divide exactly into calls per query (per agency, per legacy operation). It also
 * checks the answer: replies with `errors` are counted (and their codes named) in the answer summary.
 */
import type { ChildHandle } from './ipc.ts';
import type { LoadRequest } from './load.ts';
import type { MockCounts } from './mocks-process.ts';
import type { UpstreamPerQuery } from './results.ts';
import type { ServerStats } from './server-process.ts';

export type ProbeResult = Omit<UpstreamPerQuery, 'underLoad' | 'rejectedUnderLoad'> & {
  readonly answer: Record<string, number>;
  /** Median time of the probe's requests, one at a time: the latency with no queueing anywhere. */
  readonly unloadedMs: number;
};

export async function probe(request: LoadRequest, count: number, mocks: ChildHandle, server: ChildHandle): Promise<ProbeResult> {
  const before = await mocks.call<MockCounts>('counts');
  const ownBefore = (await server.call<ServerStats>('stats')).upstreamCalls;
  let answer: Record<string, number> = {};
  const failures: Record<string, number> = {};
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
    const body = await response.text();
    times.push(performance.now() - started);
    const parsed = JSON.parse(body) as { errors?: { message: string; extensions?: { code?: string } }[] };
    if (response.status !== 200 || parsed.errors) {
      for (const error of parsed.errors ?? [{ message: `HTTP ${response.status}` }]) {
        const code = `error ${error.extensions?.code ?? 'HTTP'}`;
        failures[code] = (failures[code] ?? 0) + 1;
      }
      continue;
    }
    answer = summarize(parsed);
    answer.bytes = Buffer.byteLength(body);
  }
  answer = { ...answer, ...failures };
  const after = await mocks.call<MockCounts>('counts');
  const ownAfter = (await server.call<ServerStats>('stats')).upstreamCalls;
  const operations: Record<string, Record<string, number>> = {};
  for (const [agencyId, ops] of Object.entries(after.operations)) {
    for (const [operation, total] of Object.entries(ops)) {
      const delta = total - (before.operations[agencyId]?.[operation] ?? 0);
      if (delta > 0) (operations[agencyId] ??= {})[operation] = delta / count;
    }
  }
  const perAgency = Object.fromEntries(Object.entries(after.perAgency).map(([id, total]) => [id, (total - (before.perAgency[id] ?? 0)) / count]));
  const ownCounter = Object.entries(ownAfter).reduce((sum, [id, total]) => sum + total - (ownBefore[id] ?? 0), 0) / count;
  times.sort((a, b) => a - b);
  const unloadedMs = times[Math.floor((times.length - 1) / 2)] ?? Number.NaN;
  return { total: Object.values(perAgency).reduce((sum, calls) => sum + calls, 0), perAgency, operations, ownCounter, answer, unloadedMs };
}

/** Lengths of the arrays under each key (summed over the tree), and the number of redactions. */
export function summarize(reply: unknown): Record<string, number> {
  const counts: Record<string, number> = {};
  const walk = (value: unknown, key: string | null) => {
    if (Array.isArray(value)) {
      if (key && key !== 'redactions') counts[key] = (counts[key] ?? 0) + value.length;
      for (const item of value) walk(item, null);
    } else if (value && typeof value === 'object') {
      for (const [name, child] of Object.entries(value)) walk(child, name);
    }
  };
  const data = (reply as { data?: unknown }).data;
  walk(data, null);
  counts.redactions = ((reply as { extensions?: { redactions?: unknown[] } }).extensions?.redactions ?? []).length;
  return counts;
}
