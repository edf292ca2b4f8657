/**
 * `npm run schema:print [-- --check]`: writes schema.graphql (the published schema, docs/schema.md) from the
 * schema the gateway builds; with --check, writes nothing and fails when the committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { printPublishedSchema } from '#src/graph/published-schema.ts';
import { parseCommandLine } from './cli.ts';

const FILE = 'schema.graphql';
const { values } = parseCommandLine({
  name: 'schema:print',
  usage: `Usage: npm run schema:print [-- --check]

Prints the merged schema the gateway serves (schema/*.graphql) to schema.graphql.

  --check     write nothing; exit 1 when schema.graphql is stale
  -h, --help  this text`,
  options: { check: { type: 'boolean', default: false } },
});
const fresh = printPublishedSchema();

if (values.check) {
  let committed: string | null = null;
  try { committed = readFileSync(FILE, 'utf8'); } catch { /* missing counts as stale */ }
  if (committed !== fresh) {
    console.error(`${FILE} is stale: run \`npm run schema:print\` and commit the result.`);
    process.exit(1);
  }
  console.log(`schema:print: ${FILE} matches schema/`);
} else {
  writeFileSync(FILE, fresh);
  console.log(`schema:print: wrote ${FILE}`);
}
