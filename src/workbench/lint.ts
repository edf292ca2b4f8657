/**
 * Covenant lint: what loads and compiles but is probably not what the parties meant. Errors fail CI
 * (`npm run policy:lint` exits 1); warnings and notes are printed. Works on the loaded covenants and
 * the compiled policy, so it sees categories expanded, validity linked and owner-only fields applied
 * exactly as the engine does. Pure; `today` is passed in.
 */
import { dirname, join } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import type { CompiledPolicy } from '#src/policy/index.ts';
import type { LoadedCovenants } from '#src/policy/index.ts';
import { lintActs } from './lint-acts.ts';
import type { LintFinding, LintRule, LintSeverity } from './lint-finding.ts';
import { lintOrganisations } from './lint-organisations.ts';
import { lintOverlaps } from './lint-overlap.ts';
import { lintValidity } from './lint-validity.ts';

export type { LintFinding, LintRule, LintSeverity } from './lint-finding.ts';

export interface LintOptions {
  readonly loaded: LoadedCovenants;
  readonly policy: CompiledPolicy;
  /** The schema the policy was compiled against: which fields hold data and which only link records. */
  readonly schema: GraphQLSchema;
  /** The day (`yyyy-mm-dd`) expiry is judged on. */
  readonly today: string;
}

export function lintCovenants(options: LintOptions): LintFinding[] {
  const { loaded, policy } = options;
  const findings: LintFinding[] = [];
  const add = (severity: LintSeverity, rule: LintRule, where: { file: string; line: number }, message: string) =>
    void findings.push({ severity, rule, where: `${where.file}:${where.line}`, message });

  for (const compiled of policy.grants) {
    const { grant, covenant } = compiled;
    grant.coordinates.forEach((coordinate, i) => {
      const where = grant.coordinateSources[i] ?? grant.source;
      // DOMAIN rule 7 overrides every covenant: the grant reads as if it shared what it never can.
      if (policy.ownerOnlyCoordinates.has(coordinate)) add('error', 'owner-only-grant', where, `${covenant.key} ${grant.article} (${grant.id}) grants ${coordinate}, which never leaves its owner (DOMAIN rule 7); take it out of the grant`);
      else if (policy.publicCoordinates.has(coordinate)) add('warning', 'public-grant', where, `${covenant.key} ${grant.article} (${grant.id}) grants ${coordinate}, which is public anyway`);
    });
  }
  findings.push(...lintOverlaps(policy, options.schema), ...lintValidity(loaded.covenants, options.today), ...lintOrganisations(loaded.covenants, policy.organisations), ...lintActs(policy));

  const usedPurposes = new Set<string>();
  const usedCategories = new Set<string>();
  for (const covenant of loaded.covenants) {
    // A party that only acts (or is acted towards) under an act grant has a grant too.
    const kinds = new Set([
      ...covenant.grants.flatMap((grant) => [...grant.viewerKinds, ...grant.ownerKinds]),
      ...covenant.acts.flatMap((grant) => [...grant.senderKinds, ...grant.receiverKinds]),
    ]);
    for (const party of covenant.parties) {
      if (!kinds.has(party.agencyKind)) add('warning', 'party-without-grant', covenant.source, `${covenant.key}: party ${party.agencyId ?? `every ${party.agencyKind}`} (${party.agencyKind}) neither reads nor is read under any grant`);
    }
    const purposes = new Set([...covenant.grants, ...covenant.acts].flatMap((grant) => grant.purposes));
    for (const purpose of covenant.purposes) {
      usedPurposes.add(purpose.code);
      if (!purposes.has(purpose.code)) add('warning', 'unused-purpose', covenant.source, `${covenant.key} lists purpose ${purpose.code}, but no grant of it is for that purpose`);
    }
    for (const purpose of purposes) usedPurposes.add(purpose);
    for (const category of covenant.dataCategories) usedCategories.add(category.name);
  }
  const purposesFile = { file: join(dirname(loaded.dataCategories[0]?.source.file ?? 'covenants/x'), 'purposes.yaml'), line: 1 };
  for (const purpose of loaded.purposes) {
    // A note only: some purposes are for the gateway itself (own records, privacy audit), not for covenants.
    if (!usedPurposes.has(purpose.code)) add('note', 'purpose-no-grant-uses', purposesFile, `purpose ${purpose.code} is in no covenant; requests may declare it, but no grant releases anything for it`);
  }
  for (const category of loaded.dataCategories) {
    if (!usedCategories.has(category.name)) add('warning', 'unused-category', category.source, `data category ${category.name} is used by no grant`);
  }
  const order = { error: 0, warning: 1, note: 2 } as const;
  return findings.sort((a, b) => order[a.severity] - order[b.severity]);
}

export function lintSummary(findings: readonly LintFinding[]): { errors: number; warnings: number; notes: number } {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    notes: findings.filter((f) => f.severity === 'note').length,
  };
}
