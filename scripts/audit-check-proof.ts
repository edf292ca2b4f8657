/**
 * `npm run audit:check-proof -- <report.json> [--anchor <seq>:<hash>] [--json]`: an outsider's check of
 * a saved access request report (from audit:access-request --json or the privacy console's download).
 * Needs no store, no secret and no network: for every entry, its proof against the anchor recorded
 * elsewhere (or, without one, the report's own, which is then only as good as its source), and what the
 * report says of the entry against what was proved. Says which entries hold.
 *
 * Exit 0: every entry holds; 1: some entry fails or could not be checked; 2: bad arguments or no report.
 */
import { readFileSync } from 'node:fs';
import { checkAccessReport } from '#src/audit/access-report-check.ts';
import { parseAnchorOption } from './anchor-option.ts';
import { parseCommandLine, runCommand, UsageError } from './cli.ts';

const USAGE = `Usage: npm run audit:check-proof -- <report.json> [--anchor <seq>:<hash>] [--json]

Checks every proof in a saved access request report against an anchor recorded outside the trail, and
that what the report says of each entry is what its proof holds. Says which entries hold.

  --anchor <seq>:<hash>  the anchor you recorded (as audit:verify printed it); without it, the report's own
  --json                 one JSON object instead of text
  -h, --help             this text

Exit 0: every entry holds; 1: an entry fails or could not be checked; 2: bad arguments or no report.`;

const { values, positionals } = parseCommandLine({
  name: 'audit:check-proof', usage: USAGE, allowPositionals: true,
  options: { anchor: { type: 'string' }, json: { type: 'boolean', default: false } },
});

runCommand('audit:check-proof', () => {
  if (positionals.length !== 1) throw new UsageError('give exactly one report file');
  const recorded = values.anchor ? parseAnchorOption(values.anchor) : undefined;
  let report: unknown;
  try {
    report = JSON.parse(readFileSync(positionals[0] as string, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the report: ${(error as Error).message.split('\n')[0]}`);
  }
  const check = checkAccessReport(report, recorded);
  if (!check.ok) {
    if (values.json) console.log(JSON.stringify(check));
    else console.log(`not checked: ${check.reason}`);
    return 1;
  }
  const holding = check.verdicts.filter((verdict) => verdict.status === 'holds').length;
  if (values.json) {
    console.log(JSON.stringify({ ...check, holding, entries: check.verdicts.length }));
  } else {
    const against = check.anchor ? `${check.anchor.seq}:${check.anchor.hash}` : 'no anchor';
    console.log(`checked against ${check.recorded ? 'the anchor given' : 'the report\'s own anchor (compare it with one recorded elsewhere)'}: ${against}`);
    for (const verdict of check.verdicts) {
      const state = verdict.status === 'holds' ? 'holds' : verdict.status === 'fails' ? `FAILS: ${verdict.reason}` : `not checked: ${verdict.reason}`;
      console.log(`  entry ${verdict.seq ?? '?'}: ${state}`);
    }
    console.log(`${holding} of ${check.verdicts.length} entries hold`);
  }
  return holding === check.verdicts.length ? 0 : 1;
});
