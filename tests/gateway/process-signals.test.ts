/**
 * The gateway as an operator runs it (`node src/main.ts`): on SIGTERM or SIGINT it answers the request
 * in flight, then exits with code 0, instead of hanging on with its port closed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { ensureDevKeys } from '#src/identity/dev-keys.ts';
import { signDevToken } from '#src/identity/sign-dev-token.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it.each(['SIGTERM', 'SIGINT'] as const)('on %s, answers the request in flight and exits with code 0', async (signal) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ketenpoort-signals-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', PORT: '0', KETENPOORT_DATA_DIR: dataDir, KETENPOORT_MOCK_LATENCY_MS: '300', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const found = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/graphql"/.exec(out)?.[1];
        if (found) resolve(found);
      });
      void exited.then((code) => reject(new Error(`the gateway exited with ${code} before it listened`)));
    });
    const { privateJwk } = await ensureDevKeys(dataDir, 'ashg-groningen');
    const token = await signDevToken(privateJwk, { agencyId: 'ashg-groningen', role: 'caseworker', purposes: ['case-conference'], issuedAt: new Date() });
    const inFlight = fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-purpose': 'case-conference', 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id } }', variables: { bsn: createWorld().households[0]!.members[0]!.bsn } }),
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill(signal);
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { householdsOfPerson: unknown[] } }).data.householdsOfPerson).toHaveLength(1);
    const code = await Promise.race([exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000))]);
    expect(code).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 60_000);
