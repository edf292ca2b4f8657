/**
 * Command-line options of `npm run bench`. `--quick` is the under-two-minutes smoke of the same
 * harness; the full run (default) is the one whose report is kept.
 */
import type { ParseArgsOptionsConfig } from 'node:util';
import type { ScenarioId } from './scenarios.ts';

export type ServerContenderName = 'guarded' | 'unguarded' | 'baseline';

export interface BenchOptions {
  readonly mode: 'quick' | 'full';
  /** Households in the world. Default 10000 (quick: 2000, so that (b) completes within seconds). */
  readonly households: number;
  /** Requests in flight during a load run. Default 10. */
  readonly connections: number;
  /** Seconds of load per contender, scenario and latency, split over the rounds. Default 30 (quick: 2). */
  readonly durationSeconds: number;
  /**
   * Requests per contender and latency for (b), split over the rounds, instead of a duration: its replies
   * take seconds each at concurrency 10, so a window would abandon much of its work. Default 80 (quick: 10).
   */
  readonly requestsB: number;
  /** Interleaved rounds (order alternating between rounds) the load is split into. Default 2 (quick: 1). */
  readonly rounds: number;
  /** Seconds of warm-up load per scenario before the measured runs. Default 5 (quick: 0, a probe request only). */
  readonly warmupSeconds: number;
  /** Requests of each sequential probe (at most 3 for (b)). Default 5 (quick: 2). */
  readonly probeRequests: number;
  /** Mock latencies to run at, in ms. Default 0 and 20. */
  readonly latencies: readonly number[];
  readonly scenarios: readonly ScenarioId[];
  readonly contenders: readonly ServerContenderName[];
  /** Whether to run the in-memory ceiling. Default true. */
  readonly ceiling: boolean;
  /** Write a V8 CPU profile of each server contender into this folder. Default none. */
  readonly cpuProfileDir: string | null;
  /** Folder the reports go to. Default `reports`. */
  readonly reportsDir: string;
  /** Per-client rate limit of the BJZ mock, requests per second; null keeps the mock's own (200). Default 1000000 (off). */
  readonly bjzRateLimit: number | null;
  /** The gateways' listing cache in seconds (KETENPOORT_LISTING_CACHE_SECONDS); null keeps the gateway's default. */
  readonly listingCacheSeconds: number | null;
  /** The guarded gateway tells owners of other organisations' reads (KETENPOORT_ACCESS_NOTIFICATIONS). Default on. */
  readonly accessNotifications: boolean;
  /** Both gateways route lookups by BSN through the involvement index (KETENPOORT_INVOLVEMENT_INDEX). Default off. */
  readonly involvementIndex: boolean;
  /** The baseline's upstream resilience (contenders/baseline.ts TOLERANT_RESILIENCE). Default tolerant. */
  readonly baselineResilience: 'default' | 'tolerant';
  /** The trail measurement (measure-trail.ts): with the contenders (default), skipped, or alone. */
  readonly trail: 'with' | 'skip' | 'only';
  /** Scenario (b) requests whose audit entries are captured and sized. Default 40 (quick: 10). */
  readonly trailRequests: number;
  /** Timed commits of one 280-entry request at each trail size. Default 50. */
  readonly trailCommits: number;
  /** Trail sizes the commits are timed at, in bytes. Default 10, 100 and 1000 MiB (quick: 10 and 100 MiB). */
  readonly trailSizesBytes: readonly number[];
  /** Acts of the write scenario per upstream latency (measure-acts.ts); 0 skips it. Default 400 (quick: 60). */
  readonly acts: number;
  /** Acts in flight at once. Default 10. */
  readonly actConcurrency: number;
}

/** The command line of `npm run bench`, for parseArgs (scripts/cli.ts). */
export const BENCH_ARGS = {
  quick: { type: 'boolean', default: false },
  households: { type: 'string' },
  connections: { type: 'string' },
  duration: { type: 'string' },
  'requests-b': { type: 'string' },
  rounds: { type: 'string' },
  warmup: { type: 'string' },
  probe: { type: 'string' },
  latencies: { type: 'string' },
  scenarios: { type: 'string' },
  contenders: { type: 'string' },
  'no-ceiling': { type: 'boolean', default: false },
  'cpu-prof': { type: 'string' },
  reports: { type: 'string' },
  'baseline-resilience': { type: 'string' },
  'listing-cache': { type: 'string' },
  'access-notifications': { type: 'string' },
  'involvement-index': { type: 'string' },
  'bjz-rate-limit': { type: 'string' },
  'no-trail': { type: 'boolean', default: false },
  'trail-only': { type: 'boolean', default: false },
  'trail-requests': { type: 'string' },
  'trail-commits': { type: 'string' },
  'trail-sizes': { type: 'string' },
  acts: { type: 'string' },
  'act-concurrency': { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

export const BENCH_USAGE = `Usage: npm run bench -- [--quick] [options]

The guarded gateway, the unguarded gateway, a naive Apollo baseline and an in-memory ceiling, side by side
over loopback HTTP against the agency mocks; writes reports/bench-latest.md (see bench/README.md).

  --quick                       the under-two-minutes smoke of the same harness (defaults in brackets)
  --households <n>              households in the world (10000 [2000])
  --connections <n>             requests in flight during a load run (10)
  --duration <s>                seconds of load per contender, scenario and latency (30 [2])
  --requests-b <n>              requests per contender and latency for (b) (80 [10])
  --rounds <n>                  interleaved rounds the load is split into (2 [1])
  --warmup <s>                  seconds of warm-up load per scenario (5 [0])
  --probe <n>                   requests of each sequential probe (5 [2])
  --latencies <ms,ms>           mock latencies to run at (0,20)
  --scenarios <a,b,c>           scenarios to run (a,b,c)
  --contenders <list>           guarded, unguarded, baseline (all)
  --no-ceiling                  skip the in-memory ceiling
  --cpu-prof <dir>              write a V8 CPU profile of each server contender into <dir>
  --reports <dir>               where the reports go (reports)
  --baseline-resilience <mode>  tolerant or default (tolerant)
  --listing-cache <s>           the gateways' listing cache in seconds (the gateway's default)
  --access-notifications <on|off>  owners told of other organisations' reads, as KETENPOORT_ACCESS_NOTIFICATIONS (on)
  --involvement-index <on|off>  both gateways route lookups by BSN through the involvement index (off)
  --bjz-rate-limit <n>|mock     the BJZ mock's per-client limit per second (1000000; mock: its own 200)
  --no-trail                    skip the audit trail's own measurement
  --trail-only                  measure the audit trail only (no contenders, no ceiling)
  --trail-requests <n>          (b) requests whose audit entries are sized (40 [10])
  --trail-commits <n>           timed 280-entry commits per trail size (50)
  --trail-sizes <MiB,MiB>       trail sizes the commits are timed at (10,100,1000 [10,100])
  --acts <n>                    acts of the write scenario per latency; 0 skips it (400 [60])
  --act-concurrency <n>         acts in flight at once (10)
  -h, --help                    this text`;

type BenchArgValues = { -readonly [K in keyof typeof BENCH_ARGS]?: (typeof BENCH_ARGS)[K]['type'] extends 'boolean' ? boolean : string };

/** The options from parsed arguments; throws an Error naming the option when a value is bad. */
export function benchOptions(values: BenchArgValues): BenchOptions {
  const quick = values.quick ?? false;
  const list = (value: string | undefined, fallback: string) => (value ?? fallback).split(',').map((item) => item.trim()).filter(Boolean);
  const scenarios = list(values.scenarios, 'a,b,c');
  const contenders = list(values.contenders, 'guarded,unguarded,baseline');
  for (const id of scenarios) if (!['a', 'b', 'c'].includes(id)) throw new Error(`unknown scenario ${id}`);
  if (values['trail-only'] && values['no-trail']) throw new Error('--trail-only and --no-trail exclude each other');
  for (const name of contenders) if (!['guarded', 'unguarded', 'baseline'].includes(name)) throw new Error(`unknown contender ${name}`);
  return {
    mode: quick ? 'quick' : 'full',
    households: positive(values.households, quick ? 2_000 : 10_000, 'households'),
    connections: positive(values.connections, 10, 'connections'),
    durationSeconds: positive(values.duration, quick ? 2 : 30, 'duration'),
    requestsB: positive(values['requests-b'], quick ? 10 : 80, 'requests-b'),
    rounds: positive(values.rounds, quick ? 1 : 2, 'rounds'),
    warmupSeconds: positive(values.warmup, quick ? 0 : 5, 'warmup', true),
    probeRequests: positive(values.probe, quick ? 2 : 5, 'probe'),
    latencies: list(values.latencies, '0,20').map((value) => positive(value, 0, 'latencies', true)),
    scenarios: scenarios as ScenarioId[],
    contenders: contenders as ServerContenderName[],
    ceiling: !values['no-ceiling'],
    cpuProfileDir: values['cpu-prof'] ?? null,
    reportsDir: values.reports ?? 'reports',
    baselineResilience: resilience(values['baseline-resilience']),
    bjzRateLimit: values['bjz-rate-limit'] === 'mock' ? null : positive(values['bjz-rate-limit'], 1_000_000, 'bjz-rate-limit'),
    trail: values['trail-only'] ? 'only' : values['no-trail'] ? 'skip' : 'with',
    trailRequests: positive(values['trail-requests'], quick ? 10 : 40, 'trail-requests'),
    trailCommits: positive(values['trail-commits'], 50, 'trail-commits'),
    trailSizesBytes: list(values['trail-sizes'], quick ? '10,100' : '10,100,1000').map((value) => positive(value, 0, 'trail-sizes') * 2 ** 20),
    acts: positive(values.acts, quick ? 60 : 400, 'acts', true),
    actConcurrency: positive(values['act-concurrency'], 10, 'act-concurrency'),
    listingCacheSeconds: values['listing-cache'] === undefined ? null : positive(values['listing-cache'], 0, 'listing-cache', true),
    accessNotifications: onOff(values['access-notifications'], 'access-notifications'),
    involvementIndex: values['involvement-index'] === undefined ? false : onOff(values['involvement-index'], 'involvement-index'),
  };
}

function onOff(value: string | undefined, name: string): boolean {
  if (value === undefined || value === 'on') return true;
  if (value === 'off') return false;
  throw new Error(`--${name} must be on or off, got "${value}"`);
}

function resilience(value: string | undefined): 'default' | 'tolerant' {
  if (value === undefined || value === 'tolerant') return 'tolerant';
  if (value === 'default') return 'default';
  throw new Error(`--baseline-resilience must be default or tolerant, got "${value}"`);
}

function positive(value: string | undefined, fallback: number, name: string, zeroAllowed = false): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || (!zeroAllowed && parsed === 0)) throw new Error(`--${name} must be a ${zeroAllowed ? 'non-negative' : 'positive'} number, got "${value}"`);
  return parsed;
}
