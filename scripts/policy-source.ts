/**
 * Shared by the policy:* scripts: a covenant folder, or `covenants/` as it was at a git revision, loaded
 * with loadCovenants and compiled with compilePolicy against the schema, exactly as the gateway does at
 * start-up (src/gateway/services.ts), so the scripts show the policy that is enforced.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';
import { loadTypeDefs } from '#src/graph/schema-files.ts';
import { compilePolicy, type CompiledPolicy } from '#src/policy/index.ts';
import { loadCovenants, type LoadedCovenants } from '#src/policy/index.ts';
import { PUBLIC_COORDINATES } from '#src/policy/index.ts';

export interface CompiledFolder {
  readonly loaded: LoadedCovenants;
  readonly policy: CompiledPolicy;
  readonly schema: GraphQLSchema;
}

/** The same schema baseSchema() builds: every schema/*.graphql. */
export function contractSchema(): GraphQLSchema {
  return buildASTSchema(parse(loadTypeDefs().join('\n')));
}

/** Loads and compiles; throws CovenantLoadError or PolicyConfigError with every problem listed. */
export async function compileFolder(dir: string): Promise<CompiledFolder> {
  const loaded = await loadCovenants(dir);
  const schema = contractSchema();
  const policy = compilePolicy({ covenants: loaded.covenants, schema, regions: loaded.regions, organisations: loaded.organisations, dataCategories: loaded.dataCategories, publicCoordinates: PUBLIC_COORDINATES });
  return { loaded, policy, schema };
}

export interface CovenantSource {
  /** What the user named: the folder or the revision. */
  readonly label: string;
  /** The folder to load, or null when the revision has no covenants folder. */
  readonly dir: string | null;
  readonly cleanup: () => void;
}

/**
 * `spec` is a folder, or a git revision whose `covenants/` (the folder `covenantsDir` is, relative to
 * the repository root) is unpacked into a temporary folder with `git archive`.
 */
export function covenantSource(spec: string, covenantsDir: string): CovenantSource {
  if (existsSync(spec) && statSync(spec).isDirectory()) return { label: spec, dir: resolve(spec), cleanup: () => {} };
  const git = (args: string[]) => execFileSync('git', args, { encoding: 'buffer', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  try {
    git(['rev-parse', '--verify', '--quiet', `${spec}^{commit}`]);
  } catch {
    throw new Error(`"${spec}" is neither a folder nor a git revision`);
  }
  const top = git(['rev-parse', '--show-toplevel']).toString('utf8').trim();
  const inRepo = relative(top, resolve(covenantsDir)).split('\\').join('/');
  const listed = git(['ls-tree', '--name-only', spec, `${inRepo}/`]).toString('utf8').trim();
  if (listed === '') return { label: `${spec}:${inRepo}`, dir: null, cleanup: () => {} };
  const scratch = mkdtempSync(join(tmpdir(), 'ketenpoort-covenants-'));
  execFileSync('tar', ['-x', '-C', scratch], { input: git(['archive', '--format=tar', spec, inRepo]) });
  return { label: `${spec}:${inRepo}`, dir: join(scratch, inRepo), cleanup: () => rmSync(scratch, { recursive: true, force: true }) };
}

/** A policy granting nothing (a revision before covenants existed), shaped like `like`. */
export function emptyPolicy(like: CompiledPolicy): CompiledPolicy {
  return { ...like, covenants: [], grants: [], actGrants: [], grantsByCoordinate: new Map(), warnings: [] };
}

/** Problems of a CovenantLoadError or PolicyConfigError, one per line; other errors by message. */
export function problemsOf(error: unknown): string[] {
  const listed = (error as { errors?: unknown }).errors;
  return Array.isArray(listed) ? listed.map(String) : [(error as Error).message];
}
