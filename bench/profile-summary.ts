/**
 * `node bench/profile-summary.ts <file.cpuprofile> [top] [filter]`: where a contender's CPU went, from
 * a V8 profile written by `npm run bench -- --cpu-prof <dir>`. Prints self time per file, then per
 * function, then inclusive time of the project's own functions (optionally only those whose file
 * contains `filter`), so a budget miss can be pinned to file and function.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
}

const [path, topArg, filter] = process.argv.slice(2);
if (!path) throw new Error('usage: node bench/profile-summary.ts <file.cpuprofile> [top] [filter]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
const totalMs = (profile.endTime - profile.startTime) / 1000;
const msPerSample = totalMs / Math.max(1, profile.samples.length);
const root = process.cwd();

const short = (url: string) => url.replace(`file://${root}/`, '').replace(/^file:\/\/.*node_modules\//, 'node_modules/') || '(native)';
const label = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${short(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfByFile = new Map<string, number>();
const selfByFunction = new Map<string, number>();
for (const node of profile.nodes) {
  const ms = (node.hitCount ?? 0) * msPerSample;
  if (ms === 0) continue;
  const file = short(node.callFrame.url).replace(/^(node_modules\/(@[^/]+\/)?[^/]+).*/, '$1');
  selfByFile.set(file, (selfByFile.get(file) ?? 0) + ms);
  selfByFunction.set(label(node), (selfByFunction.get(label(node)) ?? 0) + ms);
}

// Inclusive time: a frame counts once per sample, however often it recurs on the stack.
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const inclusive = new Map<string, number>();
const counts = new Map<number, number>();
for (const sample of profile.samples) counts.set(sample, (counts.get(sample) ?? 0) + 1);
for (const [leaf, hits] of counts) {
  const seen = new Set<string>();
  for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
    const node = byId.get(id);
    if (!node || !node.callFrame.url.startsWith(`file://${root}/`) || node.callFrame.url.includes('node_modules')) continue;
    if (filter && !node.callFrame.url.includes(filter)) continue;
    const key = label(node);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + hits * msPerSample);
  }
}

const print = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((ms / totalMs) * 100).toFixed(1).padStart(5)}%  ${key}`);
  }
};
console.log(`${path}: ${totalMs.toFixed(0)} ms profiled, ${profile.samples.length} samples`);
print('self time by file or package', selfByFile);
print('self time by function', selfByFunction);
print(`inclusive time, project functions${filter ? ` in files matching "${filter}"` : ''}`, inclusive);
