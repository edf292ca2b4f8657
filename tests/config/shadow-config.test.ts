/** Shadow evaluation's configuration: KETENPOORT_SHADOW_COVENANTS, or the file's `shadow`; the environment wins. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadConfig } from '#src/config/config.ts';
import { ConfigError } from '#src/config/config-error.ts';

const cwd = mkdtempSync(join(tmpdir(), 'ketenpoort-shadow-config-'));
/** The working directory has no covenants folder; the organisations registry comes from the repository's. */
const REGISTRY = { KETENPOORT_COVENANTS_DIR: fileURLToPath(new URL('../../covenants', import.meta.url)) };
const file = (shadow: unknown): string => {
  const path = join(cwd, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify({ shadow }));
  return path;
};

it.each([
  ['off by default', {}, null],
  ['a version not yet in force', { KETENPOORT_SHADOW_COVENANTS: 'groningen-ashg-amk@3' }, { covenantsDir: null, agreementVersions: ['groningen-ashg-amk@3'] }],
  ['a draft folder, relative to the working directory', { KETENPOORT_SHADOW_COVENANTS: 'drafts/covenants' }, { covenantsDir: join(cwd, 'drafts/covenants'), agreementVersions: [] }],
  ['both, spaces and repeats ignored', { KETENPOORT_SHADOW_COVENANTS: ' drafts , groningen-ashg-amk@3, groningen-ashg-amk@3 ' }, { covenantsDir: join(cwd, 'drafts'), agreementVersions: ['groningen-ashg-amk@3'] }],
])('%s', (_name, env, expected) => {
  expect(loadConfig({ ...env, ...REGISTRY }, cwd).shadow).toEqual(expected);
});

it('refuses two draft folders', () => {
  expect(() => loadConfig({ ...REGISTRY, KETENPOORT_SHADOW_COVENANTS: 'a,b' }, cwd)).toThrow(ConfigError);
});

it('reads the file\'s shadow key, and lets the environment win', () => {
  const path = file({ covenantsDir: 'drafts', agreementVersions: ['groningen-ashg-amk@3'] });
  expect(loadConfig({ ...REGISTRY, KETENPOORT_CONFIG: path }, cwd).shadow).toEqual({ covenantsDir: join(cwd, 'drafts'), agreementVersions: ['groningen-ashg-amk@3'] });
  expect(loadConfig({ ...REGISTRY, KETENPOORT_CONFIG: path, KETENPOORT_SHADOW_COVENANTS: 'groningen-ashg-amk@1' }, cwd).shadow).toEqual({ covenantsDir: null, agreementVersions: ['groningen-ashg-amk@1'] });
  expect(loadConfig({ ...REGISTRY, KETENPOORT_CONFIG: file({}) }, cwd).shadow).toBeNull();
});

it.each([
  [{ agreementVersions: ['groningen-ashg-amk'] }, 'shadow.agreementVersions[0]: must match pattern'],
  [{ covenantDir: 'drafts' }, 'shadow.covenantDir: is not a key the configuration knows (misspelt?)'],
])('refuses a bad shadow key: %j', (shadow, problem) => {
  try {
    loadConfig({ ...REGISTRY, KETENPOORT_CONFIG: file(shadow) }, cwd);
    expect.unreachable();
  } catch (error) {
    expect((error as ConfigError).problems.join('\n')).toContain(problem);
  }
});
