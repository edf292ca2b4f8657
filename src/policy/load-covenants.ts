/**
 * Loads `covenants/`: the JSON Schema, the shared files and one YAML file per covenant version.
 * Everything is checked before anything is returned; all problems are reported together, each as
 * `file:line: message`, in a CovenantLoadError. Whether coordinates exist in the GraphQL schema is
 * checked by compilePolicy, which has the schema (with the same `file:line`).
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { buildCovenant, type CovenantDraft, type SharedDefinitions } from './build-covenant.ts';
import { createCovenantSchemaValidator, type CovenantFileKind } from './covenant-json-schema.ts';
import type { Covenant } from './covenant-types.ts';
import { CovenantLoadError } from './errors.ts';
import { at, buildCategories, buildOrganisations, buildPurposes, buildRegions } from './load-shared-files.ts';
import { PROCESSING_REGISTER_FILE } from './processing-register.ts';
import { parseYamlSource, type YamlSource } from './yaml-source.ts';

export const JSON_SCHEMA_FILE = 'covenant.schema.json';
const SHARED = { regions: 'regions.yaml', purposes: 'purposes.yaml', dataCategories: 'data-categories.yaml', organisations: 'organisations.yaml' } as const;

export interface CovenantFile {
  /** Path as it should appear in messages, e.g. `covenants/groningen-ashg-amk.v2.yaml`. */
  readonly name: string;
  readonly text: string;
}

export interface LoadedCovenants extends SharedDefinitions {
  /** Ordered by id, then version. */
  readonly covenants: readonly Covenant[];
}

export async function loadCovenants(dir: string): Promise<LoadedCovenants> {
  const jsonSchema = JSON.parse(await readFile(join(dir, JSON_SCHEMA_FILE), 'utf8')) as object;
  const names = (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort();
  const files = await Promise.all(names.map(async (name) => ({ name: join(dir, name), text: await readFile(join(dir, name), 'utf8') })));
  return parseCovenantFiles({ jsonSchema, files });
}

/** The pure part of loadCovenants: the same checks on texts already read. */
export function parseCovenantFiles(input: { jsonSchema: object; files: readonly CovenantFile[] }): LoadedCovenants {
  const validator = createCovenantSchemaValidator(input.jsonSchema);
  const errors: string[] = [];
  const parse = (file: CovenantFile, kind: CovenantFileKind): YamlSource | null => {
    const source = parseYamlSource(file.name, file.text);
    const found = source.errors.length > 0 ? source.errors : validator.validate(kind, source);
    errors.push(...found);
    return found.length > 0 ? null : source;
  };
  const shared = (name: string, kind: CovenantFileKind): YamlSource | null => {
    const file = input.files.find((candidate) => basename(candidate.name) === name);
    if (!file) errors.push(`${name}:1: missing; covenants need it`);
    return file ? parse(file, kind) : null;
  };
  const regionsSource = shared(SHARED.regions, 'regionsFile');
  const purposesSource = shared(SHARED.purposes, 'purposesFile');
  const categoriesSource = shared(SHARED.dataCategories, 'dataCategoriesFile');
  const organisationsSource = shared(SHARED.organisations, 'organisationsFile');
  const regions = regionsSource ? buildRegions(regionsSource, errors) : [];
  const definitions: SharedDefinitions = {
    regions,
    organisations: organisationsSource && regionsSource ? buildOrganisations(organisationsSource, regions, errors) : [],
    purposes: purposesSource ? buildPurposes(purposesSource, errors) : [],
    dataCategories: categoriesSource ? buildCategories(categoriesSource, errors) : [],
  };
  // The register of processing activities lives beside the covenants but is no covenant: it is
  // checked against the configured agencies, which only the gateway knows (load-processing-register.ts).
  const sharedNames = new Set<string>([...Object.values(SHARED), PROCESSING_REGISTER_FILE]);
  // With a broken shared file every covenant would report its purposes and regions unknown; check
  // the covenants against the JSON Schema only, and let the shared file's errors speak.
  const sharedOk = errors.length === 0;
  const drafts: { draft: CovenantDraft; source: YamlSource }[] = [];
  let unreadable = 0;
  for (const file of input.files) {
    if (sharedNames.has(basename(file.name))) continue;
    const source = parse(file, 'covenant');
    if (source && sharedOk) drafts.push({ draft: buildCovenant(source, definitions, errors), source });
    else if (!source) unreadable++;
  }
  const covenants = linkVersions(drafts, unreadable === 0, errors);
  if (errors.length > 0) throw new CovenantLoadError(errors);
  return { ...definitions, covenants };
}

/** Checks keys are unique and `supersedes` resolves; computes supersededBy and supersededFrom. */
function linkVersions(drafts: readonly { draft: CovenantDraft; source: YamlSource }[], allRead: boolean, errors: string[]): Covenant[] {
  const byKey = new Map<string, CovenantDraft>();
  for (const { draft, source } of drafts) {
    if (byKey.has(draft.key)) errors.push(`${at(source, ['version'])}: ${draft.key} is defined twice`);
    else byKey.set(draft.key, draft);
  }
  const successor = new Map<string, CovenantDraft>();
  for (const { draft, source } of drafts) {
    if (draft.supersedes === null) continue;
    const where = at(source, ['supersedes']);
    const previous = byKey.get(draft.supersedes);
    // When a file could not be read, the version it holds may be the missing one: report that file only.
    if (!previous) { if (allRead) errors.push(`${where}: ${draft.key} supersedes ${draft.supersedes}, which is not loaded`); }
    else if (successor.has(previous.key)) errors.push(`${where}: ${previous.key} is superseded twice (by ${successor.get(previous.key)!.key} and ${draft.key})`);
    else if (draft.validFrom <= previous.validFrom) errors.push(`${where}: ${draft.key} must take effect after ${previous.key} (validFrom ${previous.validFrom})`);
    else successor.set(previous.key, draft);
  }
  return [...byKey.values()]
    .map((draft): Covenant => ({
      ...draft,
      supersededBy: successor.get(draft.key)?.key ?? null,
      supersededFrom: successor.get(draft.key)?.validFrom ?? null,
    }))
    .sort((a, b) => (a.id === b.id ? a.version - b.version : a.id < b.id ? -1 : 1));
}
