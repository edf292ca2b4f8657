/**
 * `npm run policy:diff -- <A> <B> [--format text|md|json]`: what B changes in who may see what,
 * against A. A and B are covenant folders or git revisions (whose covenants/ is read with git archive).
 * Found by deciding both policies on every point of the finite space, not by comparing text.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '#src/config/config.ts';
import { runDiff } from './policy-diff-run.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } } });
const format = values.format as 'text' | 'md' | 'json';
if (values.help || positionals.length !== 2 || !['text', 'md', 'json'].includes(format)) {
  console.error('Usage: npm run policy:diff -- <folder or git revision A> <folder or git revision B> [--format text|md|json]');
  process.exit(values.help ? 0 : 2);
}
const config = loadConfig(process.env);
runDiff({
  before: positionals[0]!, after: positionals[1]!, format, covenantsDir: config.covenantsDir,
  agencies: config.agencies.map((agency) => ({ agencyId: agency.id, kind: agency.kind, region: agency.region })),
  print: (text) => process.stdout.write(text), printError: (text) => console.error(text),
}).then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(`policy:diff: ${(error as Error).message}`);
  process.exitCode = 2;
});
