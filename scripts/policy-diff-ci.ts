/**
 * `node scripts/policy-diff-ci.ts`, from .ci/run: prints what the working tree's covenants change in
 * access against `main` (against HEAD when on main, so a commit's own change shows before it is made).
 * Informational: exit 0 whatever changed; 2 when a side cannot be loaded.
 */
import { execFileSync } from 'node:child_process';
import { loadConfig } from '#src/config/config.ts';
import { parseCommandLine, runCommand } from './cli.ts';
import { runDiff } from './policy-diff-run.ts';

parseCommandLine({
  name: 'policy-diff-ci',
  usage: `Usage: node scripts/policy-diff-ci.ts

What .ci/run prints: what the working tree's covenants change in access against main (against HEAD when
on main, or when the clone has no local main). Informational: exit 0 whatever changed; 2 when a side
cannot be loaded.

  -h, --help  this text`,
});

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

const branch = git(['rev-parse', '--abbrev-ref', 'HEAD']);
const hasMain = git(['rev-parse', '--verify', '--quiet', 'main^{commit}']) !== null;
// A CI clone may have no local main; then the change is shown against the commit being tested.
const base = branch === 'main' || !hasMain ? 'HEAD' : 'main';
runCommand('policy-diff-ci', () => {
  const config = loadConfig(process.env);
  console.log(`policy-diff-ci: covenants of ${base} -> the working tree (${config.covenantsDir})`);
  return runDiff({
    before: base, after: config.covenantsDir, format: 'text', covenantsDir: config.covenantsDir,
    agencies: config.agencies.map((agency) => ({ agencyId: agency.id, kind: agency.kind, region: agency.region })),
    print: (text) => process.stdout.write(text), printError: (text) => console.error(text),
  });
});
