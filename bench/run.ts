/**
 * `npm run bench [-- --quick]`: the guarded gateway, the unguarded gateway, a naive Apollo baseline
 * and an in-memory ceiling, side by side over real loopback HTTP against the agency mocks on the
 * scaled world, at 0 and 20 ms upstream latency. Writes reports/ and prints the budget.
 * Processes: this one generates load (autocannon) and orchestrates; the mocks run in one child and
 * each contender in another, one contender at a time (see bench/README.md for why).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { writeCovenantsWithExtraOrganisations } from '#mock-world/extra-organisations.ts';
import { createWorld } from '#mock-world/index.ts';
import { DEFAULT_COVENANTS_DIR, EMBEDDED_AGENCIES } from '#src/config/agencies.ts';
import { ensureDevKeys } from '#src/identity/dev-keys.ts';
import { signDevToken } from '#src/identity/sign-dev-token.ts';
import { evaluateBudget, ratiosOf } from './budget.ts';
import { createAgencyClients } from './contenders/agency-clients.ts';
import { TOLERANT_RESILIENCE } from './contenders/baseline.ts';
import { spawnChild } from './ipc.ts';
import { measureCeiling, measureContenders, type MeasureContext } from './measure-contenders.ts';
import { measureListingFloor, measureMinimum } from './measure-minimum.ts';
import { measureActs } from './measure-acts.ts';
import { measureTrail } from './measure-trail.ts';
import type { MockAgency } from './mocks-process.ts';
import { BENCH_ARGS, BENCH_USAGE, benchOptions, type BenchOptions } from './options.ts';
import { writeReports } from './report.ts';
import type { BenchResults, Measurement, MemoryFigures } from './results.ts';
import { createScenarios } from './scenarios.ts';
import { parseCommandLine, usageError } from '../scripts/cli.ts';

/** The day requests are judged at: inside every current covenant's validity, as in the scenario tests. */
const JUDGED_AT = new Date('2026-11-23T10:00:00+01:00');

const options = ((): BenchOptions => {
  const { values } = parseCommandLine({ name: 'bench', usage: BENCH_USAGE, options: BENCH_ARGS });
  try {
    return benchOptions(values);
  } catch (error) {
    return usageError('bench', (error as Error).message);
  }
})();
const startedAt = new Date();
/** Organisations of the embedded chain with a record system (the mocks serve each). */
const EMBEDDED_SYSTEMS = EMBEDDED_AGENCIES.filter((agency) => agency.upstream).length;
// Taken at the start: the contenders run the code as it was when they started.
const commit = gitCommit();
const log = (line: string) => console.log(`[bench ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)}s] ${line}`);
const allScenarios = createScenarios(createWorld({ households: options.households }));
// The trail is measured on (b) whichever scenarios the contenders run; alone, the contenders run none.
const scenarios = options.trail === 'only' ? [] : allScenarios.filter((scenario) => options.scenarios.includes(scenario.id));
const trailScenarios = options.trail === 'skip' ? [] : allScenarios.filter((scenario) => scenario.id === 'b');
log(`${options.mode} run: ${options.households} households, ${options.connections} connections, ${options.durationSeconds} s of load (b: ${options.requestsB} requests) per contender, scenario and latency, in ${options.rounds} round(s)`);

const dataDir = mkdtempSync(join(tmpdir(), 'ketenpoort-bench-'));
// More organisations than the embedded chain's: a covenants folder with generated ones, for the mocks and the contenders alike.
const extraOrganisations = options.organisations === null ? 0 : Math.max(0, options.organisations - EMBEDDED_SYSTEMS);
const covenantsDir = extraOrganisations > 0 ? writeCovenantsWithExtraOrganisations(DEFAULT_COVENANTS_DIR, join(dataDir, 'covenants'), extraOrganisations) : null;
const { child: mocks, ready } = await spawnChild<{ agencies: MockAgency[]; households: number }>(new URL('./mocks-process.ts', import.meta.url).pathname, {
  args: [String(options.households), options.bjzRateLimit === null ? '' : String(options.bjzRateLimit), covenantsDir ?? ''],
});
try {
  log(`mocks up (${ready.households} households): ${ready.agencies.map((agency) => agency.url).join(' ')}`);
  const tokens = new Map<string, string>();
  for (const viewer of new Set([...scenarios, ...trailScenarios].map((scenario) => scenario.viewer.agencyId))) {
    const scenario = [...scenarios, ...trailScenarios].find((candidate) => candidate.viewer.agencyId === viewer);
    const { privateJwk } = await ensureDevKeys(dataDir, viewer);
    // Valid for the whole run: the contenders judge tokens at JUDGED_AT, whatever the wall clock says.
    tokens.set(viewer, await signDevToken(privateJwk, { agencyId: viewer, role: scenario?.viewer.role ?? 'caseworker', purposes: [scenario?.viewer.purpose ?? ''], issuedAt: JUDGED_AT, ttlSeconds: 86_400 }));
  }

  const oracle = createAgencyClients({ mocks: ready.agencies, logger: pino({ level: 'silent' }), clock: () => JUDGED_AT, covenantsDir });
  const minimum = await measureMinimum(oracle, mocks, scenarios);
  const listingFloor = scenarios.some((scenario) => scenario.id === 'b') ? await measureListingFloor(oracle, mocks, options.latencies) : [];
  await oracle.close();
  log(`minimum calls/query: ${Object.entries(minimum).map(([id, floor]) => `(${id}) ${floor.total} (with facts ${floor.totalWithFacts})`).join(', ')}`);
  for (const floor of listingFloor) log(`listing floor of (b) @${floor.upstreamLatencyMs} ms: ${floor.allMs.toFixed(0)} ms (${Object.entries(floor.perAgencyMs).map(([id, ms]) => `${id} ${ms.toFixed(0)}`).join(', ')})`);

  const context: MeasureContext = { options, scenarios, mocks, mockAgencies: ready.agencies, dataDir, now: JUDGED_AT, tokens, log, covenantsDir };
  const { measurements, memory } = scenarios.length > 0 ? await measureContenders(context) : { measurements: [] as Measurement[], memory: [] as MemoryFigures[] };
  if (options.ceiling && scenarios.length > 0) {
    const run = await measureCeiling(context);
    measurements.push(...run.measurements);
    memory.push(run.memory);
  }

  // Last, so its minutes of disk writes land in no contender's load window.
  const trail = trailScenarios.length > 0 ? await measureTrail({ ...context, scenarios: trailScenarios }) : null;
  const acts = options.acts > 0 ? await measureActs(context) : [];
  const budget = evaluateBudget(measurements, minimum, memory, trail);
  const results: BenchResults = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    mode: options.mode,
    environment: {
      node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30),
      commit,
    },
    settings: {
      households: options.households, connections: options.connections, loadSeconds: options.durationSeconds, requestsB: options.requestsB, rounds: options.rounds, warmupSeconds: options.warmupSeconds,
      probeRequests: options.probeRequests, upstreamLatenciesMs: options.latencies, judgedAt: JUDGED_AT.toISOString(),
      processes: 'load generator + orchestrator | mocks child | one child per contender, loaded one at a time in alternating rounds',
      bjzRateLimit: options.bjzRateLimit === null ? 'the mock\'s own (200 per second, then 429 with Retry-After: 1)' : `${options.bjzRateLimit} per second`,
      accessNotifications: options.accessNotifications ? 'on (owners told of other organisations\' reads)' : 'off',
      involvementIndex: options.involvementIndex ? 'on (lookups by BSN routed through it, reconciled before the run)' : 'off',
      organisations: `${ready.agencies.length} with a record system connected${extraOrganisations > 0 ? ` (${extraOrganisations} generated by configuration, holding no household)` : ''}`,
      listingCache: options.listingCacheSeconds === null ? 'gateway default (KETENPOORT_LISTING_CACHE_SECONDS unset)' : `${options.listingCacheSeconds} s`,
      trail: options.trail === 'skip' ? 'not measured' : `${options.trailRequests} (b) requests sized; ${options.trailCommits} commits of 280 entries at ${options.trailSizesBytes.map((bytes) => `${bytes / 2 ** 20} MiB`).join(', ')}`,
      acts: options.acts > 0 ? `${options.acts} handovers (ASHG to AMK) per latency, ${options.actConcurrency} in flight, audit and outbox in SQLite` : 'not measured',
      baselineResilience: options.baselineResilience === 'tolerant' ? `tolerant (${JSON.stringify(TOLERANT_RESILIENCE)})` : 'kit defaults',
    },
    scenarios: scenarios.map((scenario) => ({ id: scenario.id, title: scenario.title, subject: scenario.subject, viewer: `${scenario.viewer.agencyId} (${scenario.viewer.role}, purpose ${scenario.viewer.purpose})`, query: scenario.query })),
    measurements, minimum, listingFloor, memory, ratios: ratiosOf(measurements), trail, acts, budget,
  };
  const written = writeReports(results, options.reportsDir);
  console.log('');
  for (const check of budget) console.log(`${check.pass ? 'PASS' : 'MISS'}  ${check.name}\n      ${check.figures.join('\n      ')}`);
  log(`report: ${written.markdown}, ${written.json}`);
} finally {
  await mocks.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() !== '';
    return `${head}${dirty ? ' (uncommitted changes)' : ''}`;
  } catch {
    return 'unknown';
  }
}
