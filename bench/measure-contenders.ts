/**
 * Measures the server contenders, each in its own child process. All are started and warmed up
 * first; then, per upstream latency and scenario, each gets a sequential probe (exact calls per
 * query, answer check) and its load windows, interleaved in rounds whose order alternates (A B C,
 * then C B A: drift on a shared machine cancels instead of landing on one contender). Load is only
 * ever applied to one contender at a time; the others sit idle. The trivial query (c) has no
 * upstream, so it runs at the lowest latency only.
 */
import { spawnChild, type ChildHandle } from './ipc.ts';
import { mergeSamples, runLoad, type LoadRequest, type LoadSample } from './load.ts';
import type { MockAgency, MockCounts } from './mocks-process.ts';
import type { BenchOptions, ServerContenderName } from './options.ts';
import { probe, type ProbeResult } from './probe.ts';
import type { Measurement, MemoryFigures } from './results.ts';
import type { Scenario } from './scenarios.ts';
import type { ServerProcessArgs, ServerStats } from './server-process.ts';

export interface MeasureContext {
  readonly options: BenchOptions;
  readonly scenarios: readonly Scenario[];
  readonly mocks: ChildHandle;
  readonly mockAgencies: readonly MockAgency[];
  readonly dataDir: string;
  readonly now: Date;
  /** Bearer token per viewer agency id. */
  readonly tokens: ReadonlyMap<string, string>;
  readonly log: (line: string) => void;
  /** A covenants folder with generated organisations (--organisations), or null for the embedded chain. */
  readonly covenantsDir: string | null;
}

interface Running {
  readonly name: ServerContenderName;
  readonly child: ChildHandle;
  readonly url: string;
  readonly warm: ServerStats;
}

export function requestFor(url: string, scenario: Scenario, tokens: ReadonlyMap<string, string>): LoadRequest {
  const token = tokens.get(scenario.viewer.agencyId);
  if (!token) throw new Error(`no token for ${scenario.viewer.agencyId}`);
  return {
    url,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': scenario.viewer.purpose },
    body: JSON.stringify({ query: scenario.query, variables: scenario.variables }),
  };
}

function addRejected(into: Record<string, number>, before: MockCounts, after: MockCounts): void {
  for (const [agencyId, statuses] of Object.entries(after.rejected)) {
    for (const [status, n] of Object.entries(statuses)) {
      const delta = n - (before.rejected[agencyId]?.[status] ?? 0);
      if (delta > 0) into[`${agencyId} ${status}`] = (into[`${agencyId} ${status}`] ?? 0) + delta;
    }
  }
}

const totalCalls = (counts: MockCounts) => Object.values(counts.perAgency).reduce((sum, calls) => sum + calls, 0);

/**
 * Waits until a contender has finished the requests the load generator abandoned at the end of a
 * window (the server keeps resolving them): two windows in a row in which the mocks' counters stand
 * still and the contender's process uses next to no CPU. Otherwise the next window would pay for them.
 */
export async function settle(mocks: ChildHandle, server: ChildHandle, latencyMs: number): Promise<void> {
  const windowMs = Math.max(500, 3 * latencyMs + 200);
  for (let quiet = 0; quiet < 2;) {
    const before = totalCalls(await mocks.call<MockCounts>('counts'));
    const utilisation = await server.call<number>('utilisation', { windowMs });
    quiet = totalCalls(await mocks.call<MockCounts>('counts')) === before && utilisation < 0.1 ? quiet + 1 : 0;
  }
}

async function start(name: ServerContenderName, context: MeasureContext): Promise<Running> {
  const { options, scenarios, mocks, log } = context;
  const args: ServerProcessArgs = {
    mocks: context.mockAgencies, dataDir: context.dataDir, now: context.now.toISOString(), households: options.households, baselineResilience: options.baselineResilience,
    listingCacheSeconds: options.listingCacheSeconds, accessNotifications: options.accessNotifications, involvementIndex: options.involvementIndex,
    covenantsDir: context.covenantsDir,
  };
  const execArgv = ['--expose-gc', ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`, `--cpu-prof-name=${name}-${process.pid}.cpuprofile`] : [])];
  const { child, ready } = await spawnChild<{ url: string }>(new URL('./server-process.ts', import.meta.url).pathname, { args: [name, JSON.stringify(args)], execArgv });
  await mocks.call('setKnobs', { latencyMs: 0 });
  for (const scenario of scenarios) {
    const request = requestFor(ready.url, scenario, context.tokens);
    await probe(request, 1, mocks, child);
    if (options.warmupSeconds > 0) {
      // (b) warms three times as long: a few hundred of its replies bring the process's native memory
      // to the plateau it then keeps (measured: the same RSS after 600 and after 1,800 replies), so the
      // RSS check compares steady states rather than counting the way up as growth.
      await runLoad(request, { connections: options.connections, durationSeconds: scenario.id === 'b' ? 3 * options.warmupSeconds : options.warmupSeconds });
      await settle(mocks, child, 0);
    }
  }
  const warm = await child.call<ServerStats>('stats');
  log(`${name}: started and warm, RSS ${(warm.rssBytes / 1048576).toFixed(0)} MiB`);
  return { name, child, url: ready.url, warm };
}

export async function measureContenders(context: MeasureContext): Promise<{ measurements: Measurement[]; memory: MemoryFigures[] }> {
  const { options, scenarios, mocks, log } = context;
  const running: Running[] = [];
  try {
    for (const name of options.contenders) running.push(await start(name, context));
    const measurements: Measurement[] = [];
    for (const latency of options.latencies) {
      await mocks.call('setKnobs', { latencyMs: latency });
      for (const scenario of scenarios) {
        if (scenario.id === 'c' && latency !== Math.min(...options.latencies)) continue;
        const probes = new Map<ServerContenderName, ProbeResult>();
        const samples = new Map<ServerContenderName, LoadSample[]>(running.map((r) => [r.name, []]));
        const calls = new Map<ServerContenderName, number>(running.map((r) => [r.name, 0]));
        const rejected = new Map<ServerContenderName, Record<string, number>>(running.map((r) => [r.name, {}]));
        for (const contender of running) {
          probes.set(contender.name, await probe(requestFor(contender.url, scenario, context.tokens), scenario.id === 'b' ? Math.min(options.probeRequests, 3) : options.probeRequests, mocks, contender.child));
        }
        for (let round = 0; round < options.rounds; round++) {
          for (const contender of round % 2 === 0 ? running : [...running].reverse()) {
            const beforeCounts = await mocks.call<MockCounts>('counts');
            const before = totalCalls(beforeCounts);
            const sample = await runLoad(requestFor(contender.url, scenario, context.tokens), {
              connections: options.connections,
              durationSeconds: options.durationSeconds / options.rounds,
              ...(scenario.id === 'b' ? { requests: Math.ceil(options.requestsB / options.rounds) } : {}),
            });
            const afterCounts = await mocks.call<MockCounts>('counts');
            calls.set(contender.name, (calls.get(contender.name) ?? 0) + totalCalls(afterCounts) - before);
            addRejected(rejected.get(contender.name) ?? {}, beforeCounts, afterCounts);
            await settle(mocks, contender.child, latency);
            samples.get(contender.name)?.push(sample);
          }
        }
        for (const contender of running) {
          const result = mergeSamples(samples.get(contender.name) ?? []);
          const probed = probes.get(contender.name);
          if (!probed) throw new Error(`no probe for ${contender.name}`);
          const { answer, unloadedMs, ...upstream } = probed;
          measurements.push({
            contender: contender.name, scenario: scenario.id, upstreamLatencyMs: latency, ...result, unloadedLatencyMs: unloadedMs,
            upstream: {
              ...upstream, underLoad: result.served > 0 ? (calls.get(contender.name) ?? 0) / result.served : Number.NaN,
              rejectedUnderLoad: rejected.get(contender.name) ?? {},
            },
            answer,
          });
          const failures = Object.entries(result.failures).map(([code, n]) => `${code} ${n}`).join(', ');
          const upstreamRejected = Object.entries(rejected.get(contender.name) ?? {}).map(([key, n]) => `${key}: ${n}`).join(', ');
          log(`${contender.name} (${scenario.id}) @${latency} ms: ${result.throughput.toFixed(1)} req/s, p95 ${result.latencyMs.p95.toFixed(1)} ms, `
            + `${upstream.total.toFixed(2)} calls/query, ${result.failed} failed${failures ? ` (${failures})` : ''}`
            + `${upstreamRejected ? `; upstream rejected ${upstreamRejected}` : ''}`);
        }
      }
    }
    const memory: MemoryFigures[] = [];
    for (const contender of running) {
      const end = await contender.child.call<ServerStats>('stats');
      memory.push({
        contender: contender.name, rssAfterWarmupBytes: contender.warm.rssBytes, rssAfterRunBytes: end.rssBytes,
        heapAfterWarmupBytes: contender.warm.heapUsedBytes, heapAfterRunBytes: end.heapUsedBytes,
      });
    }
    return { measurements, memory };
  } finally {
    await Promise.all(running.map((contender) => contender.child.stop()));
  }
}

/** The ceiling: no server, no upstream; the same queries executed in memory in a child process. */
export async function measureCeiling(context: MeasureContext): Promise<{ measurements: Measurement[]; memory: MemoryFigures }> {
  const { options, scenarios, log } = context;
  const args: ServerProcessArgs = {
    mocks: [], dataDir: context.dataDir, now: context.now.toISOString(), households: options.households, baselineResilience: options.baselineResilience,
    listingCacheSeconds: options.listingCacheSeconds, accessNotifications: options.accessNotifications, involvementIndex: false,
    covenantsDir: null,
  };
  const { child } = await spawnChild<{ url: string }>(new URL('./server-process.ts', import.meta.url).pathname, { args: ['ceiling', JSON.stringify(args)] });
  try {
    for (const scenario of scenarios) {
      await child.call('measure', { query: scenario.query, variables: scenario.variables, durationMs: Math.max(options.warmupSeconds, 0.5) * 1000 });
    }
    const warm = await child.call<ServerStats>('stats');
    const measurements: Measurement[] = [];
    for (const scenario of scenarios) {
      const result = await child.call<{ throughput: number; executions: number; latencyMs: Measurement['latencyMs']; durationSeconds: number }>('measure',
        { query: scenario.query, variables: scenario.variables, durationMs: Math.min(options.durationSeconds, 10) * 1000 });
      measurements.push({
        contender: 'ceiling', scenario: scenario.id, upstreamLatencyMs: null, throughput: result.throughput, served: result.executions, failed: 0, failures: {},
        latencyMs: result.latencyMs, unloadedLatencyMs: null, durationSeconds: result.durationSeconds, upstream: null, answer: null,
      });
      log(`ceiling (${scenario.id}): ${result.throughput.toFixed(0)} executions/s, p95 ${result.latencyMs.p95.toFixed(3)} ms`);
    }
    const end = await child.call<ServerStats>('stats');
    return {
      measurements,
      memory: { contender: 'ceiling', rssAfterWarmupBytes: warm.rssBytes, rssAfterRunBytes: end.rssBytes, heapAfterWarmupBytes: warm.heapUsedBytes, heapAfterRunBytes: end.heapUsedBytes },
    };
  } finally {
    await child.stop();
  }
}
