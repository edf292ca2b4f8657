/** The policy:* scripts as a privacy officer and CI run them: output, formats and exit codes. */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, test } from 'vitest';
import { COVENANTS_DIR, covenantsWith } from './fixtures.ts';

const run = promisify(execFile);
const cleanups: (() => void)[] = [];
afterAll(() => { for (const cleanup of cleanups) cleanup(); });

async function script(name: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [`scripts/${name}.ts`, ...args], { maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function copyWith(files: Record<string, string | null>): string {
  const copy = covenantsWith(files);
  cleanups.push(copy.cleanup);
  return copy.dir;
}

describe('npm run policy:matrix', () => {
  test('md: who may see a child\'s school on 1 March 2027, and under which article', async () => {
    const { code, stdout } = await script('policy-matrix', ['--at', '2027-03-01']);
    expect(code).toBe(0);
    expect(stdout).toContain('# Access matrix on 2027-03-01, region any, purpose any');
    const amk = stdout.slice(stdout.indexOf('## AMK reads ASHG'), stdout.indexOf('\n## ', stdout.indexOf('## AMK reads ASHG') + 1));
    expect(amk).toMatch(/\| [^|]*Child\.school[^|]* \| groningen-ashg-amk@3 art\. 4\.1 \| child-abuse-assessment \| groningen \| amk-groningen reads ashg-groningen \|/);
    expect(stdout).toContain('`Reporter.name`');
    // The examples of each agreement cited.
    expect(stdout).toContain('**allow** from March 2027 the AMK reads the school of a child the ASHG handed over');
  });

  test('the day before, the school is nobody\'s', async () => {
    const { stdout } = await script('policy-matrix', ['--at', '2027-02-28']);
    expect(stdout).toContain('groningen-ashg-amk@2 art. 4.1');
    expect(stdout.slice(stdout.indexOf('## Not shared')).split('\n## ')[0]).toContain('`Child.school`');
  });

  test('csv: one line per viewer kind, owner kind and field; one per grant where allowed', async () => {
    const { code, stdout } = await script('policy-matrix', ['--at', '2027-03-01', '--format', 'csv', '--purpose', 'child-abuse-assessment', '--region', 'groningen']);
    expect(code).toBe(0);
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    const school = rows.filter((row) => row.coordinate === 'Child.school' && row.status === 'allowed');
    expect(school).toEqual([expect.objectContaining({
      day: '2027-03-01', region: 'groningen', purpose: 'child-abuse-assessment', viewer_kind: 'AMK', owner_kind: 'ASHG', agreement: 'groningen-ashg-amk@3', article: 'art. 4.1',
    })]);
    expect(rows.find((row) => row.viewer_kind === 'ASHG' && row.owner_kind === 'AMK' && row.coordinate === 'Child.school')?.status).toBe('denied');
    expect(rows.find((row) => row.coordinate === 'Reporter.name')?.status).toBe('owner-only');
    expect(rows.filter((row) => row.status === 'denied').length).toBeGreaterThan(1000);
  });

  test('html: a self-contained table with headers, text and symbols besides colour', async () => {
    const { code, stdout } = await script('policy-matrix', ['--at', '2027-03-01', '--format', 'html']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<!doctype html>/);
    expect(stdout).toContain('<th scope="col">AMK reads ASHG</th>');
    expect(stdout).toMatch(/<th scope="row">Child\.school<\/th>/);
    expect(stdout).toContain('&#10003;</span> allowed');
    expect(stdout).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(stdout).not.toContain('<script');
    expect(stdout).toContain('from March 2027 the AMK reads the school of a child the ASHG handed over');
  });

  test('bad arguments exit 2 with one line saying what is wrong', async () => {
    for (const args of [[], ['--at', '2027-02-30'], ['--at', '2027-03-01', '--format', 'pdf'], ['--at', '2027-03-01', '--region', 'atlantis']]) {
      const { code, stderr } = await script('policy-matrix', args);
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr).toMatch(/^policy:matrix: (--at .*|--format must be md, csv or html, not pdf|unknown region "atlantis"; known: .*) \(see --help\)\n$/);
    }
  });
});

describe('npm run policy:lint', () => {
  test('the real covenants: exit 0, no warning', async () => {
    const { code, stdout } = await script('policy-lint', ['--today', '2026-11-23']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/policy:lint .* on 2026-11-23: 0 error\(s\), 0 warning\(s\)/);
  });

  test('a contradiction: exit 1, with file and line', async () => {
    const v3 = readFileSync(join(COVENANTS_DIR, 'groningen-ashg-amk.v3.yaml'), 'utf8').replace('grants:\n', `grants:
  - { id: loose, article: art. 9, viewerKinds: [AMK], ownerKinds: [ASHG], purposes: [child-abuse-assessment], coordinates: [Report.narrative], conditions: [] }
`);
    const { code, stdout } = await script('policy-lint', ['--covenants', copyWith({ 'groningen-ashg-amk.v3.yaml': v3 }), '--today', '2026-11-23']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/groningen-ashg-amk\.v3\.yaml:\d+: error \[contradicting-grants\]/);
  });

  test('covenants that do not load: exit 1, the loader\'s errors as findings', async () => {
    const { code, stdout } = await script('policy-lint', ['--covenants', copyWith({ 'wijkteam-betrokkenheid.v1.yaml': 'id: [unclosed' }), '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { errors: number; findings: { rule: string; where: string }[] };
    expect(report.errors).toBeGreaterThan(0);
    expect(report.findings[0]).toMatchObject({ rule: 'load-error', where: expect.stringMatching(/wijkteam-betrokkenheid\.v1\.yaml:\d+$/) });
  });
});

describe('npm run policy:diff', () => {
  test('two folders', async () => {
    const v3 = readFileSync(join(COVENANTS_DIR, 'groningen-ashg-amk.v3.yaml'), 'utf8').replace('validFrom: 2027-03-01', 'validFrom: 2027-06-01');
    const { code, stdout } = await script('policy-diff', [COVENANTS_DIR, copyWith({ 'groningen-ashg-amk.v3.yaml': v3 })]);
    expect(code).toBe(0);
    expect(stdout).toContain('LOST: AMK reads ASHG for child-abuse-assessment, 2027-03-01..2027-05-31');
    expect(stdout).toContain('fields: Child.school');
  });

  test('a git revision against the working tree; a revision from before the covenants grants nothing', async () => {
    const head = await script('policy-diff', ['HEAD', COVENANTS_DIR, '--format', 'json']);
    expect(head.code).toBe(0);
    expect(JSON.parse(head.stdout)).toMatchObject({ before: 'HEAD:covenants' });
    const root = execFileSync('git', ['rev-list', '--max-parents=0', 'HEAD'], { encoding: 'utf8' }).trim().split('\n')[0]!;
    const first = await script('policy-diff', [root, COVENANTS_DIR]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`${root}:covenants (no covenants)`);
    expect(first.stdout).toMatch(/GAINED: AMK reads ASHG for child-abuse-assessment/);
    expect(first.stdout).not.toContain('LOST:');
    // Two whole enumerations in child processes: about 16 s alone, more beside the other test files.
  }, 60_000);

  test('neither a folder nor a revision: exit 2', async () => {
    const { code, stderr } = await script('policy-diff', ['no-such-thing', COVENANTS_DIR]);
    expect(code).toBe(2);
    expect(stderr).toContain('neither a folder nor a git revision');
  });

  test('the CI diff against main (HEAD on main) runs and says what it compares', async () => {
    const { code, stdout } = await script('policy-diff-ci', []);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^policy-diff-ci: covenants of (main|HEAD) -> the working tree/);
    expect(stdout).toMatch(/Access diff: (main|HEAD):covenants ->/);
  });
});
