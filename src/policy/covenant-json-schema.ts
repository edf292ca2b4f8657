/**
 * Internal to src/policy.
 * Validates the covenant files against `covenants/covenant.schema.json` (JSON Schema 2020-12, ajv).
 * One schema file holds the covenant shape and, under `$defs`, the four shared files' shapes.
 * schemaErrors also serves the register of processing activities, which has a schema file of its own.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { pointerToPath, type YamlSource } from './yaml-source.ts';

export type CovenantFileKind = 'covenant' | 'regionsFile' | 'purposesFile' | 'dataCategoriesFile' | 'organisationsFile';

export interface CovenantSchemaValidator {
  /** Errors as `file:line: message`; empty when the data is valid. */
  validate(kind: CovenantFileKind, source: YamlSource): readonly string[];
}

export function createCovenantSchemaValidator(jsonSchema: object): CovenantSchemaValidator {
  // Strict, except that `anyOf: [{ required: [a] }, { required: [b] }]` (a region lists municipalities,
  // includes regions, or both) may name properties declared beside it.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  ajv.addSchema(jsonSchema);
  const id = (jsonSchema as { $id?: unknown }).$id;
  if (typeof id !== 'string') throw new Error('covenant.schema.json has no $id');
  const validators = new Map<CovenantFileKind, ValidateFunction>();
  for (const kind of ['covenant', 'regionsFile', 'purposesFile', 'dataCategoriesFile', 'organisationsFile'] as const) {
    validators.set(kind, ajv.compile({ $ref: `${id}#/$defs/${kind}` }));
  }
  return { validate: (kind, source) => schemaErrors(validators.get(kind)!, source) };
}

/** Validates the source's data with a compiled schema; errors as `file:line: message`, empty when valid. */
export function schemaErrors(validate: ValidateFunction, source: YamlSource): readonly string[] {
  if (validate(source.data)) return [];
  const errors = validate.errors ?? [];
  return [...new Set(errors.filter((error) => isUseful(error, errors)).map((error) => format(error, source)))];
}

/**
 * Drops what repeats a more specific error: ajv's anyOf summaries, the enum error behind an unknown
 * property name (reported as "unknown condition kind"), and "must be null" beside the real mismatch
 * of a nullable value.
 */
function isUseful(error: ErrorObject, all: readonly ErrorObject[]): boolean {
  if (error.keyword === 'anyOf' || error.propertyName !== undefined) return false;
  const nullBranch = error.keyword === 'type' && (error.params as { type?: unknown }).type === 'null';
  return !(nullBranch && all.some((other) => other !== error && other.instancePath === error.instancePath && other.keyword !== 'anyOf'));
}

function format(error: ErrorObject, source: YamlSource): string {
  const path = pointerToPath(error.instancePath);
  const where = error.instancePath === '' ? '(top level)' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  let detail = error.message ?? error.keyword;
  if (error.keyword === 'additionalProperties') {
    return `${source.file}:${source.lineOf([...path, String(params.additionalProperty)])}: ${where}: unknown property "${String(params.additionalProperty)}"`;
  }
  if (error.keyword === 'propertyNames') {
    return `${source.file}:${source.lineOf([...path, String(params.propertyName)])}: ${where}: unknown condition kind "${String(params.propertyName)}"`;
  }
  if (error.keyword === 'enum') detail += `: ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
  if (error.keyword === 'const') detail += `: ${JSON.stringify(params.allowedValue)}`;
  return `${source.file}:${source.lineOf(path)}: ${where}: ${detail}`;
}
