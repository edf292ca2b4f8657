/**
 * `npm run policy:lint [-- --covenants <dir>] [--today <yyyy-mm-dd>] [--json]`
 * Lints the covenants (src/workbench/lint.ts). Exit 1 when there is an error (CI fails), 0 otherwise;
 * warnings and notes are printed. Covenants that do not load or compile count as errors.
 */
import { loadConfig } from '#src/config/config.ts';
import { lintCovenants, lintSummary, type LintFinding } from '#src/workbench/lint.ts';
import { amsterdamDay, isCalendarDay } from '#src/policy/index.ts';
import { parseCommandLine, runCommand, usageError } from './cli.ts';
import { compileFolder, problemsOf } from './policy-source.ts';

const USAGE = `Usage: npm run policy:lint -- [--covenants <dir>] [--today <yyyy-mm-dd>] [--json]

Lints the covenants: owner-only grants, overlapping or contradicting grants, validity gaps, idle parties,
purposes and categories, stale references. Covenants that do not load or compile count as errors.

  --covenants <dir>     the covenant folder (default: the configured one, ./covenants)
  --today <yyyy-mm-dd>  the day expiry is judged on (default: today in Amsterdam)
  --json                one JSON object instead of text
  -h, --help            this text

Exit 0: no error (warnings and notes are printed); 1: at least one error; 2: bad arguments.`;

async function main(): Promise<number> {
  const { values } = parseCommandLine({
    name: 'policy:lint', usage: USAGE,
    options: { covenants: { type: 'string' }, today: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const dir = values.covenants ?? loadConfig(process.env).covenantsDir;
  const today = values.today ?? amsterdamDay(new Date());
  if (!isCalendarDay(today)) usageError('policy:lint', `--today ${today} is not a yyyy-mm-dd day`);
  let findings: LintFinding[];
  try {
    const { loaded, policy, schema } = await compileFolder(dir);
    findings = lintCovenants({ loaded, policy, schema, today });
  } catch (error) {
    const rule = (error as Error).name === 'PolicyConfigError' ? 'compile-error' : 'load-error';
    findings = problemsOf(error).map((problem) => {
      const match = /^(\S+:\d+): (.*)$/s.exec(problem);
      return { severity: 'error', rule, where: match?.[1] ?? dir, message: match?.[2] ?? problem };
    });
  }
  const summary = lintSummary(findings);
  if (values.json) console.log(JSON.stringify({ dir, today, ...summary, findings }, null, 2));
  else {
    for (const finding of findings) console.log(`${finding.where}: ${finding.severity} [${finding.rule}] ${finding.message}`);
    console.log(`policy:lint ${dir} on ${today}: ${summary.errors} error(s), ${summary.warnings} warning(s), ${summary.notes} note(s)`);
  }
  return summary.errors > 0 ? 1 : 0;
}

runCommand('policy:lint', main);
