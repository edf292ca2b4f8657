/**
 * `npm run codegen:check`: fails when src/generated is not what codegen.ts makes of schema/ now, or
 * examples/client/gql not what examples/client/codegen.ts makes of schema.graphql and the example's operations.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TARGETS = [
  { config: 'codegen.ts', committed: 'src/generated', source: 'schema/' },
  { config: 'examples/client/codegen.ts', committed: 'examples/client/gql', source: 'schema.graphql and examples/client' },
];

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
if (failed) process.exit(1);
