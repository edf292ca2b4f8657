/**
 * Every command of package.json (and the CI's policy diff) behaves on the command line (issue 17):
 * `--help`/`-h` prints its usage and exits 0; a bad option is one line on stderr and exit 2, never a
 * stack trace; a reader that goes away ends a printing script quietly. The scripts run in parallel.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const STACK = /^\s+at .+:\d+:\d+\)?$/m;

function run(file: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [file, ...args], { timeout: 150_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
const EXEMPT = new Set<string>();
const COMMANDS = [
  ...Object.entries(scripts).flatMap(([name, line]) => {
    const file = /^node ((?:scripts|bench)\/[\w-]+\.ts)$/.exec(line)?.[1];
    return file && !EXEMPT.has(name) ? [{ name, file }] : [];
  }),
  { name: 'policy-diff-ci', file: 'scripts/policy-diff-ci.ts' },
];

describe('the command lines', () => {
  test('every script of package.json under scripts/ and bench/ is here, but the exempt', () => {
    const nodeScripts = Object.entries(scripts).filter(([, line]) => /^node (scripts|bench)\//.test(line)).map(([name]) => name);
    expect(COMMANDS.map((command) => command.name).sort()).toEqual([...nodeScripts.filter((name) => !EXEMPT.has(name)), 'policy-diff-ci'].sort());
    expect(COMMANDS.length).toBeGreaterThanOrEqual(10);
  });

  // Two cores shared with other work: thirty Node processes at once take their time.
  const SLOW = 180_000;

  test('--help: the usage on stdout, exit 0; a bad option: one line on stderr, exit 2', async () => {
    const results = await Promise.all(COMMANDS.map(async ({ name, file }) => {
      const [help, bad] = await Promise.all([run(file, ['--help']), run(file, ['--no-such-option'])]);
      return { name, help, bad };
    }));
    for (const { name, help, bad } of results) {
      expect({ name, code: help.code, stderr: help.stderr }).toEqual({ name, code: 0, stderr: '' });
      expect(help.stdout, name).toMatch(/^Usage: (npm run|node) /);
      expect(help.stdout, name).toContain('-h, --help');
      expect({ name, code: bad.code, stdout: bad.stdout }).toEqual({ name, code: 2, stdout: '' });
      expect(bad.stderr, name).toMatch(/^[\w:-]+: Unknown option '--no-such-option'.* \(see --help\)\n$/);
      expect(bad.stderr, name).not.toMatch(STACK);
    }
  }, SLOW);

  test('-h is --help', async () => {
    const [short, long] = await Promise.all([run('scripts/policy-lint.ts', ['-h']), run('scripts/policy-lint.ts', ['--help'])]);
    expect(short).toEqual(long);
    expect(short.code).toBe(0);
  }, SLOW);

  test('a bad value is one line and exit 2, not a stack trace', async () => {
    const cases = [
      ['scripts/policy-matrix.ts', ['--at', '2027-13-45']],
      ['scripts/policy-lint.ts', ['--today', 'tomorrow']],
      ['scripts/policy-diff.ts', ['only-one']],
      ['scripts/audit-prune.ts', ['--retention', 'ashg-groningen=forever']],
      ['scripts/audit-verify.ts', ['--anchor', 'not-an-anchor']],
      ['scripts/token.ts', ['--agency', 'no-such-agency', '--purpose', 'child-abuse-assessment']],
      ['bench/run.ts', ['--rounds', 'many']],
    ] as const;
    const results = await Promise.all(cases.map(([file, args]) => run(file, args).then((result) => ({ file, ...result }))));
    for (const { file, code, stderr } of results) {
      expect({ file, code }).toEqual({ file, code: 2 });
      expect(stderr.split('\n').filter(Boolean), file).toHaveLength(1);
      expect(stderr, file).not.toMatch(STACK);
    }
  }, SLOW);

  test('the token help names the configured gateway address, not a fixed port', async () => {
    const help = await new Promise<Run>((resolve) => {
      execFile(process.execPath, ['scripts/token.ts', '--help'], { env: { ...process.env, PORT: '4711', HOST: '0.0.0.0' } }, (error, stdout, stderr) =>
        resolve({ code: error ? 1 : 0, stdout, stderr }));
    });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('curl -s http://127.0.0.1:4711/graphql');
    expect(help.stdout).toContain('http://127.0.0.1:4711/privacy');
    expect(help.stdout).not.toContain(':4000');
  }, SLOW);

  test('a reader that goes away (| head -1): the script ends quietly, exit 0', async () => {
    // The read end is closed before the script writes, so its write fails with EPIPE for sure.
    const child = spawn(process.execPath, ['scripts/policy-matrix.ts', '--at', '2027-03-01'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  }, SLOW);
});
