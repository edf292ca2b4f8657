/**
 * `npm run policy:matrix -- --at <yyyy-mm-dd> [--region <id>] [--purpose <code>] [--format md|csv|html] [--covenants <dir>] [--out <file>]`
 * Prints who may see which field of whose records on that day, from the compiled policy the gateway enforces.
 * Exit 0: printed; 2: bad arguments or covenants that do not load.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '#src/config/config.ts';
import { objectFieldCoordinates } from '#src/policy/index.ts';
import { buildAccessMatrix } from '#src/workbench/matrix.ts';
import { matrixToCsv } from '#src/workbench/matrix-csv.ts';
import { matrixToHtml } from '#src/workbench/matrix-html.ts';
import { matrixToMarkdown } from '#src/workbench/matrix-markdown.ts';
import { isCalendarDay } from '#src/policy/index.ts';
import { compileFolder, problemsOf } from './policy-source.ts';

const FORMATS = { md: matrixToMarkdown, csv: matrixToCsv, html: matrixToHtml } as const;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      at: { type: 'string' }, region: { type: 'string' }, purpose: { type: 'string' }, format: { type: 'string', default: 'md' },
      covenants: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  const format = values.format as keyof typeof FORMATS;
  if (values.help || !values.at || !isCalendarDay(values.at) || !(format in FORMATS)) {
    console.error('Usage: npm run policy:matrix -- --at <yyyy-mm-dd> [--region <id>] [--purpose <code>] [--format md|csv|html] [--covenants <dir>] [--out <file>]');
    return values.help ? 0 : 2;
  }
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
    console.error(`policy:matrix: unknown region "${values.region}"; known: ${loaded.regions.map((region) => region.id).join(', ')}`);
    return 2;
  }
  if (values.purpose && !loaded.purposes.some((purpose) => purpose.code === values.purpose)) {
    console.error(`policy:matrix: unknown purpose "${values.purpose}"; known: ${loaded.purposes.map((purpose) => purpose.code).join(', ')}`);
    return 2;
  }
  const matrix = buildAccessMatrix(policy, { at: values.at, region: values.region ?? null, purpose: values.purpose ?? null, coordinates: objectFieldCoordinates(schema) });
  const text = FORMATS[format](matrix);
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
  return 0;
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(`policy:matrix: ${(error as Error).message}`);
  process.exitCode = 2;
});
