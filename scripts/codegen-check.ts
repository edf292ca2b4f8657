/**
 * `npm run codegen:check`: fails when src/generated is not what codegen.ts makes of schema/ now, or
 * examples/client/gql not what examples/client/codegen.ts makes of schema.graphql and the example's operations.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine, runCommand } from './cli.ts';

parseCommandLine({
  name: 'codegen:check',
  usage: `Usage: npm run codegen:check

Fails (exit 1) when src/generated is not what codegen.ts makes of schema/ now, or examples/client/gql
not what examples/client/codegen.ts makes of schema.graphql and the example's operations; run
\`npm run codegen\` and commit the result. Exit 0: up to date; 2: codegen could not run.

  -h, --help  this text`,
});

const TARGETS = [
  { config: 'codegen.ts', committed: 'src/generated', source: 'schema/' },
  { config: 'examples/client/codegen.ts', committed: 'examples/client/gql', source: 'schema.graphql and examples/client' },
];

/** Exit 0: every target is fresh; 1: one is stale. */
function check(): number {
  let failed = false;
  for (const { config, committed, source } of TARGETS) {
    const scratch = mkdtempSync(join(tmpdir(), 'ketenpoort-codegen-'));
    try {
      execFileSync('npx', ['graphql-codegen', '--config', config], { stdio: 'pipe', env: { ...process.env, KETENPOORT_CODEGEN_OUT: scratch } });
      const fresh = readdirSync(scratch).sort();
      const stale = [...new Set([...fresh, ...readdirSync(committed)])].filter((name) => {
        const read = (dir: string) => { try { return readFileSync(join(dir, name), 'utf8'); } catch { return null; } };
        return read(scratch) !== read(committed);
      });
      if (stale.length > 0) {
        console.error(`${committed} is stale (${stale.join(', ')}): run \`npm run codegen\` and commit the result.`);
        failed = true;
      } else {
        console.log(`codegen: ${committed} (${fresh.join(', ')}) matches ${source}`);
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return failed ? 1 : 0;
}

runCommand('codegen:check', check);
