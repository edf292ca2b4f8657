/**
 * Writes one run's results: `reports/bench-<iso>.json` (kept), and `reports/bench-latest.json` and
 * `reports/bench-latest.md` (overwritten each run). The Markdown is what a reviewer reads.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mib } from './budget.ts';
import type { BenchResults, Measurement } from './results.ts';

const CONTENDER_ORDER = ['guarded', 'unguarded', 'baseline', 'ceiling'] as const;

export function writeReports(results: BenchResults, folder: string): { json: string; latestJson: string; markdown: string } {
  mkdirSync(folder, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const json = join(folder, `bench-${stamp}${results.mode === 'quick' ? '-quick' : ''}.json`);
  const latestJson = join(folder, 'bench-latest.json');
  const markdown = join(folder, 'bench-latest.md');
  const text = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(json, text);
  writeFileSync(latestJson, text);
  writeFileSync(markdown, renderMarkdown(results, json));
  return { json, latestJson, markdown };
}

const n = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const calls = (value: number | undefined) => (value === undefined ? '-' : Number.isInteger(value) ? String(value) : value.toFixed(2));

export function renderMarkdown(results: BenchResults, jsonPath: string): string {
  const lines: string[] = [];
  const passCount = results.budget.filter((check) => check.pass).length;
  lines.push(`# Benchmark report (${results.mode} run)`, '');
  lines.push(`Run ${results.startedAt} to ${results.finishedAt}. Full figures: \`${jsonPath}\`. How to read this: \`bench/README.md\`.`, '');
  lines.push(`Budget: **${passCount} of ${results.budget.length} checks pass**.`, '');
  lines.push('| check | limit | figures | verdict |', '| --- | --- | --- | --- |');
  for (const check of results.budget) {
    lines.push(`| ${check.name} | ${check.limit} | ${check.figures.join('<br>')} | ${check.pass ? 'PASS' : '**MISS**'} |`);
  }
  lines.push('', '## Setting', '');
  for (const [key, value] of [...Object.entries(results.environment), ...Object.entries(results.settings)]) {
    lines.push(`- ${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  }
  lines.push('', '## Scenarios', '');
  for (const scenario of results.scenarios) {
    lines.push(`- **(${scenario.id})** ${scenario.title}: ${scenario.subject}; viewer ${scenario.viewer}.`);
    lines.push('', '  ```graphql', ...scenario.query.split('\n').map((line) => `  ${line}`), '  ```', '');
  }

  lines.push('## Throughput, latency and upstream calls', '');
  lines.push('Concurrency is fixed; req/s counts only good replies (2xx without `errors`). "Unloaded" is the median of the sequential',
    'probe (one request at a time). Upstream calls per query come from that probe, counted at the mocks (exact); "under load"',
    'divides the mocks\' count over the load window by the good replies. The ceiling runs in memory, one execution at a time.', '');
  lines.push('| scen. | upstream latency | contender | req/s | p50 ms | p95 ms | p99 ms | unloaded ms | failed | calls/query | under load | minimum | upstream rejected | answer |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |');
  const sorted = [...results.measurements].sort((a, b) => a.scenario.localeCompare(b.scenario)
    || (a.upstreamLatencyMs ?? -1) - (b.upstreamLatencyMs ?? -1) || CONTENDER_ORDER.indexOf(a.contender) - CONTENDER_ORDER.indexOf(b.contender));
  for (const m of sorted) {
    const floor = results.minimum[m.scenario];
    const minimum = m.contender === 'ceiling' ? '-' : floor ? (m.contender === 'guarded' ? calls(floor.totalWithFacts) : calls(floor.total)) : '0';
    lines.push(`| ${m.scenario} | ${m.upstreamLatencyMs === null ? 'none (in memory)' : `${m.upstreamLatencyMs} ms`} | ${m.contender} | ${n(m.throughput)} | ${n(m.latencyMs.p50)} | ${n(m.latencyMs.p95)} | ${n(m.latencyMs.p99)} | ${m.unloadedLatencyMs === null ? '-' : n(m.unloadedLatencyMs)} | ${m.failed}${m.failed > 0 ? ` (${Object.entries(m.failures).map(([code, k]) => `${code} ${k}`).join(', ')})` : ''} | ${calls(m.upstream?.total)} | ${m.upstream ? n(m.upstream.underLoad, 2) : '-'} | ${minimum} | ${rejectedOf(m)} | ${answerOf(m)} |`);
  }

  if (results.listingFloor.length > 0) {
    lines.push('', '**Floor under (b)**: listing the municipality through the same adapters alone, one request at a time (median of 3):', '');
    for (const floor of results.listingFloor) {
      lines.push(`- @${floor.upstreamLatencyMs} ms: all four agencies in parallel ${n(floor.allMs, 0)} ms; ${Object.entries(floor.perAgencyMs).map(([id, ms]) => `${id} ${n(ms, 0)} ms`).join(', ')}`);
    }
  }
  lines.push('', '## Ratios (throughput, same run)', '',
    'Query (c) reads no guarded field, so its guarded / unguarded ratio shows how far this run\'s noise alone moves a ratio.', '',
    '| ratio | scenario | upstream latency | value |', '| --- | --- | --- | ---: |');
  for (const ratio of results.ratios) lines.push(`| ${ratio.name} | ${ratio.scenario} | ${ratio.upstreamLatencyMs} ms | ${ratio.value.toFixed(3)} |`);

  lines.push('', '## Upstream calls per query, per agency and legacy operation (probe at 0 ms)', '');
  for (const scenario of ['a', 'b'] as const) {
    const floor = results.minimum[scenario];
    const rows = results.measurements.filter((m) => m.scenario === scenario && m.upstreamLatencyMs === 0 && m.upstream);
    if (rows.length === 0) continue;
    const keys = new Set<string>();
    for (const m of rows) for (const [agency, ops] of Object.entries(m.upstream?.operations ?? {})) for (const op of Object.keys(ops)) keys.add(`${agency}\t${op}`);
    for (const [agency, ops] of Object.entries(floor?.operationsWithFacts ?? {})) for (const op of Object.keys(ops)) keys.add(`${agency}\t${op}`);
    lines.push(`### (${scenario})`, '', `| agency | operation | ${rows.map((m) => m.contender).join(' | ')} | minimum | minimum with facts |`,
      `| --- | --- | ${rows.map(() => '---:').join(' | ')} | ---: | ---: |`);
    for (const key of [...keys].sort()) {
      const [agency = '', op = ''] = key.split('\t');
      lines.push(`| ${agency} | \`${op}\` | ${rows.map((m) => calls(m.upstream?.operations[agency]?.[op] ?? 0)).join(' | ')} | ${calls(floor?.operations[agency]?.[op] ?? 0)} | ${calls(floor?.operationsWithFacts[agency]?.[op] ?? 0)} |`);
    }
    lines.push(`| **total** | | ${rows.map((m) => `**${calls(m.upstream?.total)}**`).join(' | ')} | **${calls(floor?.total)}** | **${calls(floor?.totalWithFacts)}** |`, '');
  }

  if (results.acts.length > 0) {
    lines.push('## Acts (the write scenario)', '',
      'The ASHG hands cases over to the AMK through the guarded gateway; audit entries and the outbox durable in SQLite. '
      + 'Accepted: the mutation answered PENDING (decided, composed, queued with its entries in one commit). '
      + 'End to end: from the request to the AMK\'s receipt recorded in the outbox.', '',
      '| upstream latency | acts | in flight | acts/s accepted | accept p50 | accept p95 | delivered | end to end p50 | end to end p95 | max |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const a of results.acts) {
      lines.push(`| ${a.upstreamLatencyMs} ms | ${a.acts} | ${a.concurrency} | ${n(a.actsPerSecond)} | ${n(a.acceptP50Ms)} ms | ${n(a.acceptP95Ms)} ms | ${a.delivered} (${a.deliveredRows} rows) | ${n(a.deliveryP50Ms)} ms | ${n(a.deliveryP95Ms)} ms | ${n(a.deliveryMaxMs)} ms |`);
    }
    lines.push('');
  }

  lines.push('## Memory (contender process)', '', '| contender | RSS after warm-up | RSS after run | growth | heap after warm-up | heap after run |', '| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const m of results.memory) {
    lines.push(`| ${m.contender} | ${mib(m.rssAfterWarmupBytes)} | ${mib(m.rssAfterRunBytes)} | ${n((m.rssAfterRunBytes / m.rssAfterWarmupBytes - 1) * 100)}% | ${mib(m.heapAfterWarmupBytes)} | ${mib(m.heapAfterRunBytes)} |`);
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}

function rejectedOf(m: Measurement): string {
  const entries = Object.entries(m.upstream?.rejectedUnderLoad ?? {});
  return entries.length > 0 ? entries.map(([key, count]) => `${key}: ${count}`).join(', ') : '-';
}

function answerOf(m: Measurement): string {
  if (!m.answer) return '-';
  return Object.entries(m.answer).map(([key, value]) => `${key} ${value}`).join(', ');
}
