/**
 * The performance budget of the issue "Benchmark harness and performance budget", evaluated on one
 * run's figures (the machine is shared and noisy: ratios are only quoted within one run).
 */
import type { BudgetCheck, Contender, Measurement, MemoryFigures, MinimumPerQuery, TrailFigures } from './results.ts';
import type { ScenarioId } from './scenarios.ts';

/** The issue "The trail, second edition", item 6: the guards cost at most 10% on (a) and (b), at 0 and 20 ms. */
export const GUARD_COST_LIMIT = 0.10;
export const GUARD_COST_LATENCIES = [0, 20] as const;
/** Item 6 (2): bytes of store per disclosed record. */
export const BYTES_PER_RECORD_LIMIT = 300;
/** Item 6 (3): commit of a 280-record request on SQLite, p95, at every trail size measured. */
export const COMMIT_P95_LIMIT_MS = 3;
/** Item 6 (3) "independent of the trail's size": the largest trail's median within this factor of the smallest's. */
export const COMMIT_GROWTH_LIMIT = 1.5;
/** The trivial query (c) reads no guarded field: what is left is admission (trusted documents, rate limits). */
export const ADMISSION_COST_LIMIT = 0.10;
export const BASELINE_SPEEDUP_MIN = 5;
export const RSS_GROWTH_LIMIT = 0.2;

export interface Ratio {
  readonly name: string;
  readonly scenario: ScenarioId;
  readonly upstreamLatencyMs: number;
  readonly value: number;
}

function find(measurements: readonly Measurement[], contender: Contender, scenario: ScenarioId, latency: number): Measurement | undefined {
  return measurements.find((m) => m.contender === contender && m.scenario === scenario && m.upstreamLatencyMs === latency);
}

export function ratiosOf(measurements: readonly Measurement[]): Ratio[] {
  const ratios: Ratio[] = [];
  const pairs: [string, Contender, Contender][] = [
    ['guarded / unguarded', 'guarded', 'unguarded'],
    ['guarded / baseline', 'guarded', 'baseline'],
    ['unguarded / baseline', 'unguarded', 'baseline'],
  ];
  for (const m of measurements) {
    if (m.contender !== 'guarded' || m.upstreamLatencyMs === null) continue;
    for (const [name, top, bottom] of pairs) {
      const a = find(measurements, top, m.scenario, m.upstreamLatencyMs);
      const b = find(measurements, bottom, m.scenario, m.upstreamLatencyMs);
      if (a && b && b.throughput > 0) ratios.push({ name, scenario: m.scenario, upstreamLatencyMs: m.upstreamLatencyMs, value: a.throughput / b.throughput });
    }
  }
  return ratios;
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

/** Operations where the contender's calls per query exceed the ideal plan's (the "one per agency per kind per level" rule). */
export function excessOperations(measured: Measurement['upstream'], minimum: MinimumPerQuery['operations']): string[] {
  if (!measured) return ['no upstream figures'];
  const excess: string[] = [];
  for (const [agencyId, operations] of Object.entries(measured.operations)) {
    for (const [operation, calls] of Object.entries(operations)) {
      const allowed = minimum[agencyId]?.[operation] ?? 0;
      if (calls > allowed + 1e-9) excess.push(`${agencyId} ${operation}: ${round(calls)} > ${allowed}`);
    }
  }
  return excess;
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

export function evaluateBudget(measurements: readonly Measurement[], minimum: Partial<Record<ScenarioId, MinimumPerQuery>>, memory: readonly MemoryFigures[],
  trail: TrailFigures | null = null): BudgetCheck[] {
  // A trail-only run (--trail-only) measured no contender: its checks would only say "not measured".
  if (measurements.length === 0) return trail ? trailChecks(trail) : [];
  const checks: BudgetCheck[] = [];
  const ratios = ratiosOf(measurements);

  // Every guarded run of (a) and (b) at 0 and 20 ms needs its ratio; one that cannot be formed (the
  // unguarded run served nothing, or was not run) leaves the check undetermined, which is not a pass.
  checks.push(guardCost(measurements, ratios));

  // (c) touches no upstream and no guarded field, so its ratio prices what every request pays before
  // execution: token, purpose, rate-limit buckets and the trusted-document lookup (all on in the guarded run).
  const trivialFigures: string[] = [];
  let trivialPass = true;
  for (const guarded of measurements.filter((m) => m.contender === 'guarded' && m.scenario === 'c')) {
    const latency = guarded.upstreamLatencyMs ?? 0;
    const ratio = ratios.find((r) => r.name === 'guarded / unguarded' && r.scenario === 'c' && r.upstreamLatencyMs === latency);
    if (ratio) {
      trivialFigures.push(`(c): ${ratio.value.toFixed(3)} (cost ${pct(1 - ratio.value)})`);
      trivialPass &&= ratio.value >= 1 - ADMISSION_COST_LIMIT;
    } else {
      trivialFigures.push('(c): undetermined (unguarded not measured or served nothing)');
      trivialPass = false;
    }
  }
  checks.push({
    name: 'the trivial query (c) guarded, with trusted documents and rate limiting on, within 10% of unguarded',
    limit: `guarded / unguarded >= ${1 - ADMISSION_COST_LIMIT}`,
    figures: trivialFigures,
    pass: trivialFigures.length > 0 && trivialPass,
  });

  const floor = minimum.b;
  for (const contender of ['guarded', 'unguarded'] as const) {
    const measured = find(measurements, contender, 'b', 0);
    const excess = measured && floor ? excessOperations(measured.upstream, contender === 'guarded' ? floor.operationsWithFacts : floor.operations) : ['not measured'];
    const perAgency = measured?.upstream ? Object.entries(measured.upstream.perAgency).map(([id, calls]) => `${id} ${round(calls)}`).join(', ') : '';
    checks.push({
      name: `(b) ${contender}: at most one upstream call per agency per entity kind per level`,
      limit: 'each legacy operation no more often than the ideal plan (listing pages + one batch per kind per level)',
      figures: [`calls/query ${measured?.upstream ? round(measured.upstream.total) : '?'} vs minimum ${floor ? floor.totalWithFacts : '?'}: ${perAgency}`,
        ...(excess.length > 0 ? excess.map((line) => `over: ${line}`) : ['no operation over its minimum'])],
      pass: excess.length === 0,
    });
  }

  const speedup = ratios.find((r) => r.name === 'guarded / baseline' && r.scenario === 'b' && r.upstreamLatencyMs === 20);
  const unguardedSpeedup = ratios.find((r) => r.name === 'unguarded / baseline' && r.scenario === 'b' && r.upstreamLatencyMs === 20);
  // A baseline that only failed in the window has no finite ratio (it collapsed); one that simply finished
  // nothing yet is undetermined (the window was shorter than its latency), which is not a pass.
  const baselineB = find(measurements, 'baseline', 'b', 20);
  const guardedB = find(measurements, 'guarded', 'b', 20);
  const unbounded = !speedup && baselineB?.throughput === 0 && (baselineB?.failed ?? 0) > 0 && (guardedB?.throughput ?? 0) > 0;
  const undetermined = !speedup && !unbounded && baselineB !== undefined;
  checks.push({
    name: 'at 20 ms upstream latency the gateway serves (b) at >= 5x the baseline throughput',
    limit: `guarded / baseline >= ${BASELINE_SPEEDUP_MIN}`,
    figures: [
      speedup ? `guarded / baseline ${speedup.value.toFixed(2)}x`
        : unbounded ? `baseline served no good reply in ${baselineB?.durationSeconds ?? '?'} s (${baselineB?.failed ?? 0} failed); ratio unbounded`
          : undetermined ? `undetermined: guarded ${guardedB?.served ?? 0} and baseline ${baselineB?.served ?? 0} good replies in the window; run longer` : 'not measured',
      ...(unguardedSpeedup ? [`(unguarded / baseline ${unguardedSpeedup.value.toFixed(2)}x)`] : []),
    ],
    pass: (!!speedup && speedup.value >= BASELINE_SPEEDUP_MIN) || unbounded,
  });

  for (const figures of memory.filter((m) => m.contender === 'guarded' || m.contender === 'unguarded')) {
    const growth = figures.rssAfterRunBytes / figures.rssAfterWarmupBytes - 1;
    checks.push({
      name: `${figures.contender}: RSS after the run within 20% of RSS after warm-up`,
      limit: `growth <= ${pct(RSS_GROWTH_LIMIT)}`,
      figures: [
        `${mib(figures.rssAfterWarmupBytes)} -> ${mib(figures.rssAfterRunBytes)} (${growth >= 0 ? '+' : ''}${pct(growth)})`,
        `V8 heap in use after full collections: ${mib(figures.heapAfterWarmupBytes)} -> ${mib(figures.heapAfterRunBytes)}`,
      ],
      pass: growth <= RSS_GROWTH_LIMIT,
    });
  }
  if (trail) checks.push(...trailChecks(trail));
  return checks;
}

function guardCost(measurements: readonly Measurement[], ratios: readonly Ratio[]): BudgetCheck {
  const figures: string[] = [];
  let pass = true;
  for (const scenario of ['a', 'b'] as const) {
    for (const latency of GUARD_COST_LATENCIES) {
      const ratio = ratios.find((r) => r.name === 'guarded / unguarded' && r.scenario === scenario && r.upstreamLatencyMs === latency);
      if (ratio) {
        figures.push(`(${scenario}) @${latency} ms: ${ratio.value.toFixed(3)} (cost ${pct(1 - ratio.value)})`);
        pass &&= ratio.value >= 1 - GUARD_COST_LIMIT;
        continue;
      }
      const guarded = find(measurements, 'guarded', scenario, latency);
      const unguarded = find(measurements, 'unguarded', scenario, latency);
      figures.push(`(${scenario}) @${latency} ms: undetermined (guarded ${guarded ? `served ${guarded.served}` : 'not measured'}, unguarded ${unguarded ? `served ${unguarded.served}, failed ${unguarded.failed}${failuresOf(unguarded)}` : 'not measured'})`);
      pass = false;
    }
  }
  return {
    name: 'guards (policy + durable audit) cost at most 10% throughput on (a) and (b) at 0 and 20 ms',
    limit: `guarded / unguarded >= ${(1 - GUARD_COST_LIMIT).toFixed(2)}`,
    figures,
    pass,
  };
}

const mibOf = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function trailChecks(trail: TrailFigures): BudgetCheck[] {
  const { storage } = trail;
  const perObject = Object.entries(storage.perObjectBytesPerEntry).filter(([, bytes]) => bytes >= 1).sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => `${name} ${bytes.toFixed(0)}`).join(', ');
  const largest = trail.commits.at(-1);
  const smallest = trail.commits[0];
  const growth = largest && smallest ? largest.medianMs / smallest.medianMs : Number.NaN;
  return [
    {
      name: 'the trail stores at most 300 bytes per disclosed record (SQLite)',
      limit: `bytes / disclosed record <= ${BYTES_PER_RECORD_LIMIT}`,
      figures: [
        `${storage.bytesPerDisclosedRecord.toFixed(0)} B/record: ${(storage.bytes / 1024).toFixed(0)} KiB for ${storage.disclosedRecords} disclosed records `
          + `(${storage.entries} entries, ${storage.bytesPerEntry.toFixed(0)} B/entry) of ${storage.requests} (b) requests, page size ${storage.pageSize}`,
        ...(perObject ? [`B/entry by table and index: ${perObject}`] : []),
        `grown trail (copies of those entries): ${trail.grownBytesPerDisclosedRecord.toFixed(0)} B/record`,
      ],
      pass: storage.bytesPerDisclosedRecord <= BYTES_PER_RECORD_LIMIT,
    },
    {
      name: 'commit of a 280-record request within 3 ms (p95, SQLite) at every trail size',
      limit: `p95 <= ${COMMIT_P95_LIMIT_MS} ms`,
      figures: [
        ...trail.commits.map((c) => `${mibOf(c.trailBytes)} (${c.trailEntries} entries): median ${c.medianMs.toFixed(2)} ms, p95 ${c.p95Ms.toFixed(2)} ms over ${c.commits}`),
        ...(trail.diskSync ? [`this disk's floor (8 KiB append + fdatasync, which a commit with synchronous=FULL waits for): median ${trail.diskSync.medianMs.toFixed(2)} ms, p95 ${trail.diskSync.p95Ms.toFixed(2)} ms over ${trail.diskSync.syncs}`] : []),
      ],
      pass: trail.commits.length > 0 && trail.commits.every((c) => c.p95Ms <= COMMIT_P95_LIMIT_MS),
    },
    {
      name: 'commit time independent of the trail\'s size',
      limit: `largest trail's median <= ${COMMIT_GROWTH_LIMIT}x the smallest's`,
      figures: [largest && smallest && trail.commits.length > 1
        ? `${mibOf(largest.trailBytes)}: ${largest.medianMs.toFixed(2)} ms vs ${mibOf(smallest.trailBytes)}: ${smallest.medianMs.toFixed(2)} ms (${growth.toFixed(2)}x); the issue asks up to 10 GB, measured up to ${mibOf(largest.trailBytes)}`
        : 'undetermined: fewer than two trail sizes measured'],
      pass: trail.commits.length > 1 && growth <= COMMIT_GROWTH_LIMIT,
    },
  ];
}

export function failuresOf(m: Measurement): string {
  const codes = Object.entries(m.failures).map(([code, n]) => `${code} ${n}`).join(', ');
  return codes ? `: ${codes}` : '';
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}
