/**
 * Covenant versions chosen by hand instead of by the calendar: which versions were in force at an
 * instant, and that set with another version of one agreement in place of the one it holds. Replaying
 * a logged decision under another version (Query.replayDecision) and rehearsing a version not yet in
 * force beside live traffic (shadow evaluation) decide under such a set with decideAmong. Pure.
 */
import type { CompiledPolicy } from './compile.ts';
import { inForceAt } from './validity.ts';

/** `id@version` of an agreement version, e.g. `groningen-ashg-amk@3`. */
export const AGREEMENT_KEY = /^([a-z0-9][a-z0-9-]*)@([1-9][0-9]*)$/;

/** The keys of the covenant versions in force at `at` (Europe/Amsterdam day), in covenant order. */
export function versionsInForce(policy: CompiledPolicy, at: Date): Set<string> {
  return new Set(policy.covenants.filter((covenant) => inForceAt(covenant, at)).map((covenant) => covenant.key));
}

export interface VersionInPlace {
  /** The versions to decide under. */
  readonly versions: ReadonlySet<string>;
  /** The version of the same agreement the set held before, which `agreementKey` stands in for; null when none. */
  readonly replaced: string | null;
}

/**
 * `versions` with `agreementKey` in place of whichever version of the same agreement it holds (added
 * when it holds none: "as if this version had been in force"). Null when the policy has no such version.
 */
export function withVersionInPlace(policy: CompiledPolicy, versions: ReadonlySet<string>, agreementKey: string): VersionInPlace | null {
  const chosen = policy.covenants.find((covenant) => covenant.key === agreementKey);
  if (!chosen) return null;
  const sameAgreement = new Set(policy.covenants.filter((covenant) => covenant.id === chosen.id).map((covenant) => covenant.key));
  const replaced = [...versions].find((key) => sameAgreement.has(key)) ?? null;
  const result = new Set([...versions].filter((key) => !sameAgreement.has(key)));
  result.add(chosen.key);
  return { versions: result, replaced };
}
