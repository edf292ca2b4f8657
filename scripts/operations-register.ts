/**
 * `npm run operations:register -- --organisation <agency-id> [--officer] <files.graphql...>`
 * `npm run operations:register -- --console`
 * Registers a client's operations as trusted documents (src/gateway/trusted-documents.ts): each file,
 * verbatim, under its sha256 in operations/organisations/<agency-id>.json, after it validates against
 * the schema the organisation's callers get (its privacy officers' with --officer). --console writes
 * operations/privacy-console.json from the console's queries (src/web/assets/queries.js). The
 * manifest is then reviewed in a pull request like code. Prints `sha256:<hex>  <file>` per document,
 * the documentId a client may send instead of the text. Exit 1 when a document does not validate.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '#src/config/config.ts';
import { buildSchema } from '#src/graph/schema.ts';
import { buildSchemaVariant } from '#src/graph/schema-variants.ts';
import { registerOperations, type ClientDocument } from '#src/gateway/register-operations.ts';
import { baseSchema } from '#src/gateway/services.ts';
import { CONSOLE_MANIFEST, ORGANISATIONS_DIR, readManifest } from '#src/gateway/trusted-documents.ts';
import { compilePolicy, loadCovenants, PUBLIC_COORDINATES } from '#src/policy/index.ts';
import { parseCommandLine, runCommand, usageError } from './cli.ts';

const CONSOLE_QUERIES = new URL('../src/web/assets/queries.js', import.meta.url).pathname;

const { values, positionals } = parseCommandLine({
  name: 'operations:register',
  usage: `Usage: npm run operations:register -- --organisation <agency-id> [--officer] <files.graphql...>
       npm run operations:register -- --console

Registers a client's operations as trusted documents: each file, verbatim, under its sha256 in
operations/organisations/<agency-id>.json, after it validates against the schema that organisation's
callers get. Review the manifest in a pull request like code. Prints sha256:<hex> per document (the
documentId a client may send instead of the text). Exit 1 when a document does not validate.

  --organisation <id>  the configured agency whose callers send these operations
  --officer            validate against its privacy officers' schema
  --console            write operations/privacy-console.json from the console's queries
  -h, --help           this text`,
  allowPositionals: true,
  options: { organisation: { type: 'string' }, officer: { type: 'boolean', default: false }, console: { type: 'boolean', default: false } },
});

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const loaded = await loadCovenants(config.covenantsDir);
  const policy = compilePolicy({ ...loaded, schema: baseSchema(), publicCoordinates: PUBLIC_COORDINATES });
  const full = buildSchema({ isPublic: (coordinate) => policy.publicCoordinates.has(coordinate) });

  let path: string;
  let documents: ClientDocument[];
  let schema = full;
  if (values.console) {
    path = join(config.trustedDocuments.dir, CONSOLE_MANIFEST);
    // The console is plain JavaScript outside the type-checked sources; its module is read at run time.
    const consoleQueries = (await import(pathToFileURL(CONSOLE_QUERIES).href)) as Record<string, unknown>;
    documents = Object.entries(consoleQueries).filter((entry): entry is [string, string] => entry[0].endsWith('_QUERY') && typeof entry[1] === 'string')
      .map(([name, text]) => ({ name: `src/web/assets/queries.js ${name}`, text }));
  } else {
    const agency = config.agencies.find((candidate) => candidate.id === values.organisation);
    if (!values.organisation) usageError('operations:register', 'give --organisation <agency-id> and .graphql files, or --console');
    if (!agency) usageError('operations:register', `no configured agency ${values.organisation}`);
    if (positionals.length === 0) usageError('operations:register', 'give the .graphql files to register');
    path = join(config.trustedDocuments.dir, ORGANISATIONS_DIR, `${agency.id}.json`);
    documents = positionals.map((file) => ({ name: file, text: readFileSync(file, 'utf8') }));
    const ownsRecords = config.agencies.some((candidate) => candidate.kind === agency.kind && candidate.upstream !== undefined);
    schema = buildSchemaVariant(full, policy, { kind: agency.kind, officer: values.officer, ownsRecords });
  }
  // The console's manifest is written whole: what the console no longer sends is no longer trusted.
  const before = !values.console && existsSync(path) ? readManifest(path) : {};
  const result = registerOperations(before, documents, schema);
  for (const error of result.errors) console.error(`operations:register: ${error}`);
  if (result.errors.length > 0) return 1;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(result.manifest, null, 2)}\n`);
  for (const { name, hash } of result.added) console.log(`sha256:${hash}  ${name}`);
  console.log(`operations:register: ${result.added.length} document(s) in ${path}`);
  return 0;
}

runCommand('operations:register', main);
