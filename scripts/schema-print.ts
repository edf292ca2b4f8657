/**
 * `npm run schema:print [-- --check]`: writes schema.graphql (the published schema, docs/schema.md) from the
 * schema the gateway builds; with --check, writes nothing and fails when the committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { printPublishedSchema } from '#src/graph/published-schema.ts';

const FILE = 'schema.graphql';
const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
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
