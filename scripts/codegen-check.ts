/** `npm run codegen:check`: fails when src/generated is not what codegen.ts makes of schema/ now. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = readFileSync('src/generated/graphql.ts', 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'ketenpoort-codegen-'));
try {
  execFileSync('npx', ['graphql-codegen', '--config', 'codegen.ts'], { stdio: 'pipe', env: { ...process.env, KETENPOORT_CODEGEN_OUT: join(scratch, 'graphql.ts') } });
  const fresh = readFileSync(join(scratch, 'graphql.ts'), 'utf8');
  if (fresh !== committed) {
    console.error('src/generated/graphql.ts is stale: run `npm run codegen` and commit the result.');
    process.exit(1);
  }
  console.log('codegen: src/generated/graphql.ts matches schema/');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
