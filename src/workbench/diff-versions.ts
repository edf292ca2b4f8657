/**
 * The diff between two agreement versions (`id@version`) on their own: each version's compiled grants,
 * taken from the policy the gateway enforces, as if it were the only agreement and in force, so what
 * shows is what the text of the new version changes, not what its dates or other agreements do.
 */
import type { CompiledActGrant, CompiledGrant, CompiledPolicy } from '#src/policy/index.ts';
import type { Covenant } from '#src/policy/index.ts';
import { diffPolicies, type PolicyDiff, type PolicyDiffOptions } from './diff.ts';

export class DiffInputError extends Error {}

export interface VersionDiff extends PolicyDiff {
  readonly from: Covenant;
  readonly to: Covenant;
}

// Any day: both versions are opened to every day.
const ONE_DAY = ['2000-01-01'];

export function diffVersions(policy: CompiledPolicy, fromKey: string, toKey: string, options: Omit<PolicyDiffOptions, 'days'> = {}): VersionDiff {
  const from = versionOnly(policy, fromKey);
  const to = versionOnly(policy, toKey);
  const diff = diffPolicies(from.policy, to.policy, { ...options, days: ONE_DAY });
  // Periods mean nothing when both sides are opened to every day.
  return {
    ...diff, days: [], changes: diff.changes.map((change) => ({ ...change, periods: [] })),
    actChanges: diff.actChanges.map((change) => ({ ...change, periods: [] })), from: from.covenant, to: to.covenant,
  };
}

/** The policy with one version's grants and act grants only, that version valid on every day; public and owner-only sets kept. */
export function versionOnly(policy: CompiledPolicy, key: string): { covenant: Covenant; policy: CompiledPolicy } {
  const covenant = policy.covenants.find((candidate) => candidate.key === key);
  if (!covenant) throw new DiffInputError(`no agreement version "${key}" is loaded (write id@version)`);
  const opened: Covenant = { ...covenant, validFrom: '0001-01-01', validTo: null, tacitRenewal: false, renewalPeriodMonths: null, supersededBy: null, supersededFrom: null };
  const grants: CompiledGrant[] = policy.grants.filter((grant) => grant.covenant === covenant).map((grant) => ({ ...grant, covenant: opened }));
  const grantsByCoordinate = new Map<string, CompiledGrant[]>();
  for (const grant of grants) {
    for (const coordinate of grant.coordinates) grantsByCoordinate.set(coordinate, [...(grantsByCoordinate.get(coordinate) ?? []), grant]);
  }
  const actGrants: CompiledActGrant[] = policy.actGrants.filter((grant) => grant.covenant === covenant).map((grant) => ({ ...grant, covenant: opened }));
  return { covenant, policy: { ...policy, covenants: [opened], grants, grantsByCoordinate, actGrants } };
}
