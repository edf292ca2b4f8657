/**
 * Shared by policy:diff and policy-diff-ci: loads both sides (folders or git revisions), diffs them by
 * enumeration (src/workbench/diff.ts) and prints the result. A revision without a covenants folder grants
 * nothing. Returns the exit code: 0 printed, 2 a side could not be loaded.
 */
import type { Viewer } from '#src/policy/index.ts';
import { diffPolicies } from '#src/workbench/diff.ts';
import { diffToText } from '#src/workbench/diff-format.ts';
import { compileFolder, covenantSource, emptyPolicy, problemsOf, type CompiledFolder, type CovenantSource } from './policy-source.ts';

export interface DiffRun {
  readonly before: string;
  readonly after: string;
  readonly format: 'text' | 'md' | 'json';
  /** The configured covenants folder, to find it inside a revision. */
  readonly covenantsDir: string;
  /** Agencies the gateway knows, so named parties are tried in their own region. */
  readonly agencies: readonly Viewer[];
  readonly print: (text: string) => void;
  readonly printError: (text: string) => void;
}

export async function runDiff(run: DiffRun): Promise<number> {
  const sources: CovenantSource[] = [];
  try {
    const sides: (CompiledFolder | null)[] = [];
    for (const spec of [run.before, run.after]) {
      const source = covenantSource(spec, run.covenantsDir);
      sources.push(source);
      try {
        sides.push(source.dir === null ? null : await compileFolder(source.dir));
      } catch (error) {
        run.printError(`policy:diff: the covenants of ${source.label} do not load:\n  ${problemsOf(error).join('\n  ')}`);
        return 2;
      }
    }
    const [was, now] = sides as [CompiledFolder | null, CompiledFolder | null];
    const model = was ?? now;
    if (!model) {
      run.print(`Neither ${sources[0]!.label} nor ${sources[1]!.label} has covenants: no change in who may see what.\n`);
      return 0;
    }
    const before = was?.policy ?? emptyPolicy(model.policy);
    const after = now?.policy ?? emptyPolicy(model.policy);
    const diff = diffPolicies(before, after, { agencies: run.agencies });
    const keys = (policy: typeof before) => new Set(policy.covenants.map((covenant) => covenant.key));
    const [keysBefore, keysAfter] = [keys(before), keys(after)];
    const header = {
      before: sources[0]!.label + (was ? '' : ' (no covenants)'), after: sources[1]!.label + (now ? '' : ' (no covenants)'),
      onlyBefore: [...keysBefore].filter((key) => !keysAfter.has(key)), onlyAfter: [...keysAfter].filter((key) => !keysBefore.has(key)),
    };
    run.print(run.format === 'json' ? `${JSON.stringify({ ...header, ...diff }, null, 2)}\n` : diffToText(diff, header, run.format));
    return 0;
  } finally {
    for (const source of sources) source.cleanup();
  }
}
