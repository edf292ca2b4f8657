/**
 * A covenants folder for one suite: the real covenants plus test covenants that make a route
 * reachable which the real ones never open (a grant of a relation without its target, a filter field
 * withheld by conditions). Written to a temp folder; the real `covenants/` is never touched.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COVENANTS_DIR } from './oracle.ts';

export interface TestCovenants {
  readonly dir: string;
  remove(): void;
}

/** `files`: file name (`<id>.v<version>.yaml`) to YAML text. */
export function writeTestCovenants(files: Readonly<Record<string, string>>): TestCovenants {
  const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-covenants-'));
  cpSync(COVENANTS_DIR, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
