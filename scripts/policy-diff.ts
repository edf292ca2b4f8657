/**
 * `npm run policy:diff -- <A> <B> [--format text|md|json]`: what B changes in who may see what,
 * and in which acts may be made with what travelling, against A. A and B are covenant folders or git
 * revisions (whose covenants/ is read with git archive). Found by deciding both policies on every point
 * of the finite space, not by comparing text.
 */
import { loadConfig } from '#src/config/config.ts';
import { parseCommandLine, runCommand, usageError } from './cli.ts';
import { runDiff } from './policy-diff-run.ts';

const USAGE = `Usage: npm run policy:diff -- <A> <B> [--format text|md|json]

What B changes in who may see what, and in which acts may be made with what travelling, against A.
A and B are covenant folders or git revisions (whose covenants/ is read with git archive), e.g.
\`main covenants\`. Found by deciding both policies on every point of the finite space, not by comparing
text.

  --format text|md|json  the output (default text)
  -h, --help             this text

Exit 0: printed (whatever changed); 2: bad arguments or a side that does not load.`;

const FORMATS = ['text', 'md', 'json'] as const;
const { values, positionals } = parseCommandLine({ name: 'policy:diff', usage: USAGE, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
const format = values.format as (typeof FORMATS)[number];
if (positionals.length !== 2) usageError('policy:diff', `expected two covenant folders or git revisions, got ${positionals.length}`);
if (!FORMATS.includes(format)) usageError('policy:diff', `--format must be text, md or json, not ${format}`);
runCommand('policy:diff', () => {
  const config = loadConfig(process.env);
  return runDiff({
    before: positionals[0]!, after: positionals[1]!, format, covenantsDir: config.covenantsDir,
    agencies: config.agencies.map((agency) => ({ agencyId: agency.id, kind: agency.kind, region: agency.region })),
    print: (text) => process.stdout.write(text), printError: (text) => console.error(text),
  });
});
