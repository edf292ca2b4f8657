/**
 * The configuration file (KETENPOORT_CONFIG): JSON, `${ENV_VAR}` placeholders in its strings filled
 * from the environment (so secrets stay out of the file), then validated against config.schema.json
 * (draft 2020-12, unknown keys refused everywhere). Every problem is reported at once, by key path.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import type { AgencyConfig } from './agencies.ts';
import { ConfigError } from './config-error.ts';

/** The file's shape, as config.schema.json allows it. */
export interface ConfigFile {
  readonly agencies?: AgencyConfig[];
  readonly audit?: { readonly timeoutMs?: number };
  readonly rateLimits?: { readonly organisations?: Readonly<Record<string, { readonly perSecond: number; readonly burst: number }>> };
  readonly observability?: { readonly otlpEndpoint?: string };
  readonly shadow?: { readonly covenantsDir?: string; readonly agreementVersions?: readonly string[] };
}

const schema = JSON.parse(readFileSync(new URL('./config.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile<ConfigFile>(schema);

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function readConfigFile(path: string, env: Readonly<Record<string, string | undefined>>): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`KETENPOORT_CONFIG: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); set it to the configuration file`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`KETENPOORT_CONFIG: ${path} is not JSON (${(error as Error).message})`]);
  }
  const problems: string[] = [];
  const unset = new Set<string>();
  const filled = fill(parsed, [], env, problems, unset);
  if (!validate(filled)) {
    // A value whose variable is unset is reported once, as that, not again as an empty string or a bad URL;
    // the key choice (oneOf) once, not once per alternative it failed.
    problems.push(...(validate.errors ?? []).filter((error) => !unset.has(error.instancePath) && !error.schemaPath.includes('/oneOf/') && error.keyword !== 'propertyNames').map(describe));
  }
  if (problems.length > 0) throw new ConfigError(problems.map((problem) => `${path}: ${problem}`));
  return filled as ConfigFile;
}

/** Replaces `${NAME}` in every string with the environment's value; an unset or empty variable is a problem. */
function fill(value: unknown, path: readonly (string | number)[], env: Readonly<Record<string, string | undefined>>, problems: string[], unset: Set<string>): unknown {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (_whole, name: string) => {
      const given = env[name];
      if (given === undefined || given === '') {
        problems.push(`${keyPath(path)}: set the environment variable ${name} (the file refers to \${${name}})`);
        unset.add(path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join(''));
        return '';
      }
      return given;
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => fill(item, [...path, index], env, problems, unset));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, [...path, key], env, problems, unset)]));
  }
  return value;
}

/** `agencies[2].upstream.adapter`, from a JSON pointer's segments. */
function keyPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += /^[A-Za-z_$][\w$-]*$/.test(segment) ? (text ? `.${segment}` : segment) : `[${JSON.stringify(segment)}]`;
  }
  return text || '(the file)';
}

function pointerSegments(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((raw) => {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    return /^\d+$/.test(segment) ? Number(segment) : segment;
  });
}

function describe(error: ErrorObject): string {
  const at = pointerSegments(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${keyPath([...at, String(params.additionalProperty)])}: is not a key the configuration knows (misspelt?)`;
    case 'enum': {
      // Inside propertyNames the error is about a key's name (ajv puts the name on the error).
      const name = (error as ErrorObject & { propertyName?: string }).propertyName;
      const allowed = (params.allowedValues as unknown[]).join(', ');
      return name === undefined ? `${keyPath(at)}: must be one of ${allowed}` : `${keyPath([...at, name])}: is not a key the configuration knows; must be one of ${allowed}`;
    }
    case 'required':
      return `${keyPath([...at, String(params.missingProperty)])}: is required`;
    case 'oneOf':
      return `${keyPath(at)}: give at most one of jwksUrl, oidcIssuer and jwksFile`;
    default:
      return `${keyPath(at)}: ${error.message ?? 'is not valid'}`;
  }
}
