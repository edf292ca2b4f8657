/** `npm run codegen:check`: fails when src/generated is not what codegen.ts makes of schema/ now. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
    process.exit(1);
  }
  console.log(`codegen: src/generated (${fresh.join(', ')}) matches schema/`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
