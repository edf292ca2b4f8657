/**
 * Child process of the benchmark: one contender server, alone in its process so its RSS is its own
 * and the load generator does not share its event loop. Answers `stats` (memory, upstream calls);
 * the ceiling contender has no server and answers `measure` (execute in a loop) instead.
 * Usage (by bench/run.ts only): node bench/server-process.ts <guarded|unguarded|baseline|ceiling> <json>
 */
import type { GraphQLSchema } from 'graphql';
import { pino } from 'pino';
import { createWorld } from '#mock-world/index.ts';
import { createAgencyClients } from './contenders/agency-clients.ts';
import { startBaseline, TOLERANT_RESILIENCE, type RunningContender } from './contenders/baseline.ts';
import { createCeilingSchema, measureCeiling } from './contenders/ceiling.ts';
import { startGatewayContender } from './contenders/gateway.ts';
import { serve } from './ipc.ts';
import type { MockAgency } from './mocks-process.ts';

export type ServerContender = 'guarded' | 'unguarded' | 'baseline' | 'ceiling';

export interface ServerProcessArgs {
  readonly mocks: readonly MockAgency[];
  readonly dataDir: string;
  /** ISO instant the contender judges requests at. */
  readonly now: string;
  /** Households of the world the ceiling holds in memory (the mocks' world). */
  readonly households: number;
  /** The baseline's upstream resilience: the kit's defaults, or tolerant (see TOLERANT_RESILIENCE). */
  readonly baselineResilience: 'default' | 'tolerant';
  /** The gateways' listing cache in seconds; null keeps the gateway's default. */
  readonly listingCacheSeconds: number | null;
  readonly accessNotifications: boolean;
  readonly involvementIndex: boolean;
  /** A covenants folder with generated organisations (--organisations), or null. */
  readonly covenantsDir: string | null;
}


export interface ServerStats {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** Upstream attempts per agency since start, counted by the contender's own HTTP clients. */
  readonly upstreamCalls: Readonly<Record<string, number>>;
}

const contender = process.argv[2] as ServerContender;
const args = JSON.parse(process.argv[3] ?? '{}') as ServerProcessArgs;
const now = new Date(args.now);
const clock = () => now;

let running: RunningContender;
let upstreamCalls: () => Record<string, number>;
let ceiling: GraphQLSchema | null = null;
if (contender === 'ceiling') {
  ceiling = createCeilingSchema(createWorld({ households: args.households }));
  running = { url: '', close: async () => {} };
  upstreamCalls = () => ({});
} else if (contender === 'baseline') {
  const clients = createAgencyClients({
    mocks: args.mocks, covenantsDir: args.covenantsDir, logger: pino({ level: 'silent' }), clock, resilience: args.baselineResilience === 'tolerant' ? TOLERANT_RESILIENCE : {},
  });
  const baseline = await startBaseline({ clients, dataDir: args.dataDir, clock });
  running = { url: baseline.url, close: async () => { await baseline.close(); await clients.close(); } };
  upstreamCalls = clients.calls;
} else if (contender === 'guarded' || contender === 'unguarded') {
  const gateway = await startGatewayContender({
    guards: contender === 'guarded', mocks: args.mocks, dataDir: args.dataDir, clock, listingCacheSeconds: args.listingCacheSeconds, accessNotifications: args.accessNotifications,
    involvementIndex: args.involvementIndex, covenantsDir: args.covenantsDir,
  });
  running = gateway;
  upstreamCalls = gateway.upstreamCalls;
} else {
  throw new Error(`unknown contender ${String(contender)}`);
}

serve({
  /**
   * CPU time over the next `windowMs` as a share of it: near 0 once no abandoned request is still being
   * resolved. (Not event-loop utilisation: under --cpu-prof the profiler keeps that near 1 when idle.)
   */
  utilisation: async (request: { windowMs: number }): Promise<number> => {
    const start = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, request.windowMs));
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000 / request.windowMs;
  },
  stats: (): ServerStats => {
    // After full collections: memory the process keeps, not the garbage it has yet to collect (with
    // --expose-gc, which the orchestrator passes; without it, as it stands).
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const memory = process.memoryUsage();
    return { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, upstreamCalls: upstreamCalls() };
  },
  measure: async (request: { query: string; variables: Record<string, unknown>; durationMs: number }) => {
    if (!ceiling) throw new Error('only the ceiling contender measures in-process');
    return measureCeiling(ceiling, request.query, request.variables, request.durationMs);
  },
  close: () => running.close(),
}, { url: running.url });
