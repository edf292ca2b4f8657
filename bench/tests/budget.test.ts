import { describe, expect, it } from 'vitest';
import { evaluateBudget, excessOperations, ratiosOf } from '../budget.ts';
import { percentile } from '../load.ts';
import type { Contender, Measurement, MinimumPerQuery, TrailFigures } from '../results.ts';
import type { ScenarioId } from '../scenarios.ts';

function m(contender: Contender, scenario: ScenarioId, latency: number, throughput: number, operations: Record<string, Record<string, number>> = {}): Measurement {
  const perAgency = Object.fromEntries(Object.entries(operations).map(([id, ops]) => [id, Object.values(ops).reduce((a, b) => a + b, 0)]));
  return {
    contender, scenario, upstreamLatencyMs: latency, throughput, served: 100, failed: 0, failures: {}, durationSeconds: 10,
    latencyMs: { p50: 1, p95: 2, p99: 3, mean: 1, max: 4 }, unloadedLatencyMs: 1,
    upstream: { total: Object.values(perAgency).reduce((a, b) => a + b, 0), perAgency, operations, underLoad: 0, ownCounter: 0, rejectedUnderLoad: {} },
    answer: null,
  };
}

const floorB: MinimumPerQuery = {
  total: 3, perAgency: { ashg: 3 }, operations: { ashg: { 'GET /list': 2, 'GET /refs': 1 } },
  totalWithFacts: 3, operationsWithFacts: { ashg: { 'GET /list': 2, 'GET /refs': 1 } },
};
const commit = { trailEntries: 1000, commits: 50, entriesPerCommit: 280 };
const trail: TrailFigures = {
  storage: { requests: 2, entries: 500, disclosedRecords: 400, bytes: 100_000, bytesPerEntry: 200, bytesPerDisclosedRecord: 250, pageSize: 4096, perObjectBytesPerEntry: { audit_record: 150 } },
  grownBytesPerDisclosedRecord: 240, growSeconds: 1, diskSync: { syncs: 50, medianMs: 0.4, p95Ms: 0.9 },
  commits: [{ ...commit, trailBytes: 10 * 2 ** 20, medianMs: 1.5, p95Ms: 2 }, { ...commit, trailBytes: 100 * 2 ** 20, medianMs: 2, p95Ms: 2.9 }],
};
const memory = [{ contender: 'guarded' as const, rssAfterWarmupBytes: 100, rssAfterRunBytes: 119, heapAfterWarmupBytes: 1, heapAfterRunBytes: 1 }];

describe('budget', () => {
  it('passes when every limit holds', () => {
    const ops = { ashg: { 'GET /list': 2, 'GET /refs': 1 } };
    const checks = evaluateBudget([
      m('guarded', 'a', 0, 90), m('unguarded', 'a', 0, 100), m('guarded', 'a', 20, 91), m('unguarded', 'a', 20, 100),
      m('guarded', 'b', 0, 90, ops), m('unguarded', 'b', 0, 100, ops),
      m('guarded', 'b', 20, 50, ops), m('unguarded', 'b', 20, 55, ops), m('baseline', 'b', 20, 10),
      m('guarded', 'c', 0, 91), m('unguarded', 'c', 0, 100),
    ], { b: floorB }, memory, trail);
    expect(checks.map((check) => [check.name.slice(0, 20), check.pass])).toEqual(checks.map((check) => [check.name.slice(0, 20), true]));
  });

  it('misses on guard cost above 10%, an extra call, a small speedup and RSS growth above 20%', () => {
    const checks = evaluateBudget([
      m('guarded', 'a', 0, 84), m('unguarded', 'a', 0, 100),
      m('guarded', 'b', 0, 100, { ashg: { 'GET /list': 2, 'GET /refs': 3 } }), m('unguarded', 'b', 0, 100, { ashg: { 'GET /list': 2, 'GET /refs': 1 } }),
      m('guarded', 'b', 20, 40), m('baseline', 'b', 20, 10),
      m('guarded', 'c', 0, 89), m('unguarded', 'c', 0, 100),
    ], { b: floorB }, [{ ...memory[0]!, rssAfterRunBytes: 121 }]);
    const verdict = Object.fromEntries(checks.map((check) => [check.name, check.pass]));
    expect(verdict['guards (policy + durable audit) cost at most 10% throughput on (a) and (b) at 0 and 20 ms']).toBe(false);
    expect(verdict['(b) guarded: at most one upstream call per agency per entity kind per level']).toBe(false);
    expect(verdict['(b) unguarded: at most one upstream call per agency per entity kind per level']).toBe(true);
    expect(verdict['at 20 ms upstream latency the gateway serves (b) at >= 5x the baseline throughput']).toBe(false);
    expect(verdict['guarded: RSS after the run within 20% of RSS after warm-up']).toBe(false);
    expect(verdict['the trivial query (c) guarded, with trusted documents and rate limiting on, within 10% of unguarded']).toBe(false);
  });

  it('calls a baseline that only failed unbounded, and one that finished nothing yet undetermined', () => {
    const speedupCheck = (baseline: Measurement) => evaluateBudget([m('guarded', 'b', 20, 2), baseline], {}, [])
      .find((check) => check.name.startsWith('at 20 ms'));
    const collapsed = speedupCheck({ ...m('baseline', 'b', 20, 0), failed: 12 });
    const slow = speedupCheck({ ...m('baseline', 'b', 20, 0), served: 0, failed: 0 });
    expect([collapsed?.pass, collapsed?.figures[0]]).toEqual([true, expect.stringContaining('ratio unbounded')]);
    expect([slow?.pass, slow?.figures[0]]).toEqual([false, expect.stringContaining('undetermined')]);
  });

  it('misses guard cost above 10%, and a latency not measured', () => {
    const both = (guardedB0: number) => [m('guarded', 'a', 0, 95), m('unguarded', 'a', 0, 100), m('guarded', 'a', 20, 95), m('unguarded', 'a', 20, 100),
      m('guarded', 'b', 0, guardedB0), m('unguarded', 'b', 0, 100), m('guarded', 'b', 20, 95), m('unguarded', 'b', 20, 100)];
    const guard = (measurements: Measurement[]) => evaluateBudget(measurements, {}, []).find((check) => check.name.startsWith('guards'));
    expect(guard(both(90))?.pass).toBe(true);
    expect(guard(both(89))?.pass).toBe(false);
    const missing = guard(both(95).filter((x) => x.upstreamLatencyMs !== 20));
    expect([missing?.pass, missing?.figures.filter((line) => line.includes('undetermined')).length]).toEqual([false, 2]);
  });

  it('checks the trail: bytes per record, commit p95 at every size, and growth with size', () => {
    const verdict = (figures: TrailFigures) => Object.fromEntries(evaluateBudget([], {}, [], figures).map((check) => [check.name.split(' ')[1] ?? '', check.pass]));
    expect(verdict(trail)).toEqual({ trail: true, of: true, time: true });
    expect(verdict({ ...trail, storage: { ...trail.storage, bytesPerDisclosedRecord: 301 } })).toEqual({ trail: false, of: true, time: true });
    const slowLarge = { ...trail, commits: [trail.commits[0]!, { ...trail.commits[1]!, medianMs: 2.5, p95Ms: 3.1 }] };
    expect(verdict(slowLarge)).toEqual({ trail: true, of: false, time: false });
    expect(verdict({ ...trail, commits: [trail.commits[0]!] })).toEqual({ trail: true, of: true, time: false });
  });

  it('prints the disk\'s own sync floor beside the commit times, without judging by it', () => {
    const commitCheck = (figures: TrailFigures) => evaluateBudget([], {}, [], figures).find((check) => check.name.startsWith('commit of'))!;
    expect(commitCheck(trail).figures.at(-1)).toBe('this disk\'s floor (8 KiB append + fdatasync, which a commit with synchronous=FULL waits for): median 0.40 ms, p95 0.90 ms over 50');
    expect(commitCheck({ ...trail, diskSync: { syncs: 50, medianMs: 7, p95Ms: 26 } }).pass).toBe(true);
    expect(commitCheck({ ...trail, diskSync: null }).figures).toHaveLength(2);
  });

  it('names each operation over its minimum', () => {
    const over = excessOperations(m('guarded', 'b', 0, 1, { ashg: { 'GET /refs': 3, 'GET /new': 1 } }).upstream, floorB.operations);
    expect(over).toEqual(['ashg GET /refs: 3 > 1', 'ashg GET /new: 1 > 0']);
  });

  it('divides throughputs within one run', () => {
    const ratios = ratiosOf([m('guarded', 'a', 20, 30), m('unguarded', 'a', 20, 40), m('baseline', 'a', 20, 10)]);
    expect(ratios.map((r) => [r.name, r.value])).toEqual([['guarded / unguarded', 0.75], ['guarded / baseline', 3], ['unguarded / baseline', 4]]);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99)]).toEqual([50, 95, 99]);
    expect(percentile([7], 95)).toBe(7);
  });
});
