/** `npm run codegen:check`: fails when src/generated is not what codegen.ts makes of schema/ now. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine, runCommand } from './cli.ts';

parseCommandLine({
  name: 'codegen:check',
  usage: `Usage: npm run codegen:check

Fails (exit 1) when src/generated is not what codegen.ts makes of schema/ now; run \`npm run codegen\`
and commit the result. Exit 0: up to date; 2: codegen could not run.

  -h, --help  this text`,
});

/** Exit 0: src/generated is fresh; 1: stale. */
function check(): number {
  const scratch = mkdtempSync(join(tmpdir(), 'ketenpoort-codegen-'));
  try {
    execFileSync('npx', ['graphql-codegen', '--config', 'codegen.ts'], { stdio: 'pipe', env: { ...process.env, KETENPOORT_CODEGEN_OUT: scratch } });
    const fresh = readdirSync(scratch).sort();
    const committed = readdirSync('src/generated').sort();
    const stale = [...new Set([...fresh, ...committed])].filter((name) => {
      const read = (dir: string) => { try { return readFileSync(join(dir, name), 'utf8'); } catch { return null; } };
      return read(scratch) !== read('src/generated');
    });
    if (stale.length > 0) {
      console.error(`src/generated is stale (${stale.join(', ')}): run \`npm run codegen\` and commit the result.`);
      return 1;
    }
    console.log(`codegen: src/generated (${fresh.join(', ')}) matches schema/`);
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

runCommand('codegen:check', check);
