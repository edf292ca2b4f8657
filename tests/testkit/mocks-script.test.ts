/** `npm run mocks -- --help` lists every mock's endpoints from the mocks' own route tables; bad options exit 2 in one line. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MOCKS } from '#src/dev/embedded-agencies.ts';
import { MOCKED_AGENCIES } from '#testkit';

const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/mocks.ts', ...args], { encoding: 'utf8', timeout: 30_000 });

describe('npm run mocks', () => {
  it('--help lists every endpoint of every mock, with what it does, and exits 0', () => {
    const { status, stdout, stderr } = run('--help');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    for (const { id, adapter } of MOCKED_AGENCIES) {
      expect(stdout).toContain(id);
      for (const endpoint of MOCKS[adapter].endpoints) {
        expect(stdout).toContain(`${endpoint.method.padEnd(5)} ${endpoint.path}\n`);
        expect(stdout).toContain(endpoint.does);
      }
    }
  });

  it.each([
    [['--bogus'], /^mocks: Unknown option '--bogus'/],
    [['--latency', 'soon'], /^mocks: --latency "soon" is out of range/],
    [['--error-rate', '2'], /^mocks: --error-rate "2" is out of range/],
    [['stray'], /^mocks: .*positional/i],
    [['--agency', 'veilig-thuis-drenthe'], /^mocks: --agency "veilig-thuis-drenthe" is not <adapter>:<organisation id>/],
    [['--agency', 'soap:veilig-thuis-drenthe'], /^mocks: --agency "soap:veilig-thuis-drenthe" is not <adapter>:<organisation id>/],
    [['--agency', 'amk:amk-groningen'], /^mocks: --agency "amk:amk-groningen": amk-groningen has its mock already/],
    [['--agency', 'amk:x', '--agency', 'bjz:x'], /^mocks: --agency names one organisation twice/],
  ])('%j: one line on stderr, exit 2, no stack', (args, message) => {
    const { status, stdout, stderr } = run(...args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('stays quiet when the reader closes the pipe early', () => {
    const { status, stderr } = spawnSync('bash', ['-c', `"${process.execPath}" scripts/mocks.ts --help | head -c 1 >/dev/null; exit \${PIPESTATUS[0]}`], { encoding: 'utf8', timeout: 30_000 });
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });
});
