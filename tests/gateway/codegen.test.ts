/** The generated resolver types are what codegen.ts makes of schema/ now. */
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';

it('src/generated is fresh', () => {
  const output = execFileSync(process.execPath, ['scripts/codegen-check.ts'], { encoding: 'utf8' });
  expect(output).toContain('matches schema/');
}, 60_000);
