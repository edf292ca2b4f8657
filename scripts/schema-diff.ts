/**
 * `npm run schema:diff [-- --base <ref>]`: what this change does to the published schema (schema.graphql in the
 * working tree) against a base revision, by @graphql-inspector/core's diff: breaking, dangerous and safe changes.
 * Exits 1 on a breaking change unless a commit since the base carries a `Schema-Breaking:` trailer saying why
 * (docs/schema.md). The base defaults to `main` on a branch and to `HEAD~1` on main; the comparison is made
 * against the merge base, so what main gained meanwhile is not counted against the branch. Without a base to
 * compare with (a shallow or single-commit clone, an unknown ref) it says so and passes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { parseCommandLine } from './cli.ts';

const FILE = 'schema.graphql';
const TRAILER = 'Schema-Breaking';

const { values } = parseCommandLine({
  name: 'schema:diff',
  usage: `Usage: npm run schema:diff [-- --base <git ref>]

Compares schema.graphql with the one at a base commit (default: main on a branch, HEAD~1 on main) and
prints breaking, dangerous and safe changes. Exit 1 on a breaking change, unless a commit since the
base carries a \`Schema-Breaking: <why>\` trailer; exit 0 when there is no base to compare with.

  --base <ref>  the commit to compare with
  -h, --help    this text`,
  options: { base: { type: 'string' } },
});

function git(...args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

const commit = (ref: string) => git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);

function pass(reason: string): never {
  console.log(`schema:diff: ${reason}; nothing to compare, passing.`);
  process.exit(0);
}

function defaultBase(): string {
  const head = commit('HEAD');
  const branch = git('branch', '--show-current');
  const main = ['main', 'origin/main'].find((ref) => commit(ref) !== null);
  // On main (checked out, or a detached HEAD at main's tip as CI checks it out): the last commit's change.
  if (branch === 'main' || (main && commit(main) === head)) return 'HEAD~1';
  return main ?? 'main';
}

const shallow = git('rev-parse', '--is-shallow-repository') === 'true';
const historyNote = shallow ? ' (this clone is shallow: fetch more history, e.g. `git fetch --unshallow`)' : '';
if (commit('HEAD') === null) pass('not in a git repository with commits');
const base = values.base ?? defaultBase();
if (commit(base) === null) pass(`the base ${base} is not in this clone${historyNote}`);
const since = git('merge-base', base, 'HEAD');
if (!since) pass(`${base} and HEAD share no history in this clone${historyNote}`);

/** The base's published schema; before schema.graphql existed, the base's schema/*.graphql put together. */
function baseSchema(rev: string): GraphQLSchema {
  const published = git('show', `${rev}:${FILE}`);
  if (published !== null) return buildSchema(published);
  const files = (git('ls-tree', '--name-only', rev, 'schema/') ?? '').split('\n').filter((name) => name.endsWith('.graphql')).sort();
  if (files.length === 0) pass(`${base} has neither ${FILE} nor schema/*.graphql`);
  return buildSchema(files.map((name) => git('show', `${rev}:${name}`) ?? '').join('\n'));
}

const before = baseSchema(since);
const after = buildSchema(readFileSync(FILE, 'utf8'));
const changes = await diff(before, after);

const groups: [CriticalityLevel, string][] = [
  [CriticalityLevel.Breaking, 'breaking'], [CriticalityLevel.Dangerous, 'dangerous'], [CriticalityLevel.NonBreaking, 'safe'],
];
const label = since === commit(base) ? base : `${base} (merge base ${since.slice(0, 12)})`;
console.log(`schema:diff: ${FILE} against ${label}: ${changes.length === 0 ? 'no changes' : `${changes.length} change(s)`}`);
for (const [level, name] of groups) {
  const found = changes.filter((change: Change) => change.criticality.level === level);
  if (found.length === 0) continue;
  console.log(`\n${name} (${found.length}):`);
  for (const change of found) {
    console.log(`  - ${change.message}${change.criticality.reason ? `\n      ${change.criticality.reason}` : ''}`);
  }
}

const breaking = changes.filter((change: Change) => change.criticality.level === CriticalityLevel.Breaking);
if (breaking.length === 0) process.exit(0);
const acknowledged = (git('log', `--format=%h %(trailers:key=${TRAILER},valueonly,separator=%x20)`, `${since}..HEAD`) ?? '')
  .split('\n').map((line) => line.trim()).filter((line) => / ./.test(line));
if (acknowledged.length > 0) {
  console.log(`\n${breaking.length} breaking change(s) acknowledged by ${TRAILER}: ${acknowledged.map((line) => `${line.slice(line.indexOf(' ') + 1)} (${line.slice(0, line.indexOf(' '))})`).join('; ')}`);
  process.exit(0);
}
console.error(`\n${breaking.length} breaking change(s) against ${base}. If they are meant, say so in a commit message trailer, e.g.\n  ${TRAILER}: Household.id is now sealed; clients re-read ids (announced to the agencies on 2026-12-01)\nand tell the consuming agencies (docs/schema.md).`);
process.exit(1);
