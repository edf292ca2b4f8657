/**
 * `npm run policy:matrix -- --at <yyyy-mm-dd> [--region <id>] [--purpose <code>] [--format md|csv|html] [--covenants <dir>] [--out <file>]`
 * Prints who may see which field of whose records on that day, and which organisation may make which act towards
 * which with what travelling, from the compiled policy the gateway enforces.
 * Exit 0: printed; 2: bad arguments or covenants that do not load.
 */
import { writeFileSync } from 'node:fs';
import { loadConfig } from '#src/config/config.ts';
import { objectFieldCoordinates } from '#src/policy/index.ts';
import { buildAccessMatrix } from '#src/workbench/matrix.ts';
import { matrixToCsv } from '#src/workbench/matrix-csv.ts';
import { matrixToHtml } from '#src/workbench/matrix-html.ts';
import { matrixToMarkdown } from '#src/workbench/matrix-markdown.ts';
import { isCalendarDay } from '#src/policy/index.ts';
import { parseCommandLine, runCommand, usageError } from './cli.ts';
import { compileFolder, problemsOf } from './policy-source.ts';

const FORMATS = { md: matrixToMarkdown, csv: matrixToCsv, html: matrixToHtml } as const;

const USAGE = `Usage: npm run policy:matrix -- --at <yyyy-mm-dd> [--region <id>] [--purpose <code>] [--format md|csv|html] [--covenants <dir>] [--out <file>]

Prints who may see which field of whose records on that day, each allowed cell citing agreement and
article, and the acts (handover, referral, answer, feedback) one organisation may make towards another
with the fields that travel, from the compiled policy the gateway enforces.

  --at <yyyy-mm-dd>    the day (required)
  --region <id>        only this region (default: any)
  --purpose <code>     only this purpose (default: any)
  --format md|csv|html the output (default md)
  --covenants <dir>    the covenant folder (default: the configured one, ./covenants)
  --out <file>         write to this file instead of stdout
  -h, --help           this text

Exit 0: printed; 2: bad arguments or covenants that do not load.`;

async function main(): Promise<number> {
  const { values } = parseCommandLine({
    name: 'policy:matrix', usage: USAGE,
    options: {
      at: { type: 'string' }, region: { type: 'string' }, purpose: { type: 'string' }, format: { type: 'string', default: 'md' },
      covenants: { type: 'string' }, out: { type: 'string' },
    },
  });
  const format = values.format as keyof typeof FORMATS;
  if (!values.at) usageError('policy:matrix', '--at <yyyy-mm-dd> is required');
  if (!isCalendarDay(values.at)) usageError('policy:matrix', `--at ${values.at} is not a yyyy-mm-dd day`);
  if (!Object.hasOwn(FORMATS, format)) usageError('policy:matrix', `--format must be md, csv or html, not ${format}`);
  const dir = values.covenants ?? loadConfig(process.env).covenantsDir;
  let compiled;
  try {
    compiled = await compileFolder(dir);
  } catch (error) {
    console.error(`policy:matrix: the covenants in ${dir} do not load:\n  ${problemsOf(error).join('\n  ')}`);
    return 2;
  }
  const { loaded, policy, schema } = compiled;
  if (values.region && !loaded.regions.some((region) => region.id === values.region)) {
    usageError('policy:matrix', `unknown region "${values.region}"; known: ${loaded.regions.map((region) => region.id).join(', ')}`);
  }
  if (values.purpose && !loaded.purposes.some((purpose) => purpose.code === values.purpose)) {
    usageError('policy:matrix', `unknown purpose "${values.purpose}"; known: ${loaded.purposes.map((purpose) => purpose.code).join(', ')}`);
  }
  const matrix = buildAccessMatrix(policy, { at: values.at, region: values.region ?? null, purpose: values.purpose ?? null, coordinates: objectFieldCoordinates(schema) });
  const text = FORMATS[format](matrix);
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
  return 0;
}

runCommand('policy:matrix', main);
