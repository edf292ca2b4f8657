/**
 * The policy a shadow evaluation rehearses beside the live one: compiled covenants (the live ones, or
 * a draft folder's) and agreement versions put in force in place of those the calendar chooses (a
 * version not yet in force, typically). Built once at start-up; an unknown version fails start-up.
 */
import {
  versionsInForce, withVersionInPlace, amsterdamDay, type CompiledPolicy, type Covenant,
} from '#src/policy/index.ts';

/** How a covenant version of the shadow policy differs from the live policy. */
export type ShadowCovenantChange = 'REHEARSED' | 'ADDED' | 'CHANGED' | 'REMOVED';

export interface ShadowCovenant {
  readonly key: string;
  readonly title: string;
  readonly validFrom: string;
  readonly change: ShadowCovenantChange;
}

export interface ShadowPolicy {
  readonly policy: CompiledPolicy;
  /** The draft folder the covenants come from, as configured; null: the live folder. */
  readonly draftFolder: string | null;
  /** Versions (`id@version`) put in force in place of their agreements' versions in force. */
  readonly agreementVersions: readonly string[];
  /** What differs from the live policy, for the report. */
  readonly covenants: readonly ShadowCovenant[];
  /** The versions the shadow decides under at an instant (memoised per Europe/Amsterdam day). */
  versionsAt(at: Date): ReadonlySet<string>;
}

export interface ShadowPolicyOptions {
  readonly live: CompiledPolicy;
  /** The shadow's compiled covenants: the live policy itself when no draft folder is configured. */
  readonly policy: CompiledPolicy;
  readonly draftFolder: string | null;
  readonly agreementVersions: readonly string[];
}

export function createShadowPolicy(options: ShadowPolicyOptions): ShadowPolicy {
  const { policy, agreementVersions } = options;
  const unknown = agreementVersions.filter((key) => !policy.covenants.some((covenant) => covenant.key === key));
  if (unknown.length > 0) {
    throw new Error(`shadow evaluation: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not among the ${options.draftFolder ? 'draft folder\'s' : 'loaded'} covenant versions`);
  }
  const byDay = new Map<string, ReadonlySet<string>>();
  return {
    policy, draftFolder: options.draftFolder, agreementVersions,
    covenants: [...changedCovenants(options.live, policy), ...agreementVersions.map((key) => describe(policy.covenants.find((covenant) => covenant.key === key)!, 'REHEARSED'))],
    versionsAt(at) {
      const day = amsterdamDay(at);
      let versions = byDay.get(day);
      if (!versions) {
        let chosen: ReadonlySet<string> = versionsInForce(policy, at);
        for (const key of agreementVersions) chosen = withVersionInPlace(policy, chosen, key)?.versions ?? chosen;
        versions = chosen;
        // A long-running gateway sees a new day now and then; the days before are not asked again.
        if (byDay.size >= 4) byDay.clear();
        byDay.set(day, versions);
      }
      return versions;
    },
  };
}

function describe(covenant: Covenant, change: ShadowCovenantChange): ShadowCovenant {
  return { key: covenant.key, title: covenant.title, validFrom: covenant.validFrom, change };
}

/**
 * What a covenant version says, without where it was written or its worked examples (of reads or of
 * acts). A change to its act grants counts: the version says something else, though the shadow
 * evaluation rehearses reads only.
 */
function substance(covenant: Covenant): string {
  return JSON.stringify(covenant, (name, value: unknown) => (name === 'source' || name === 'coordinateSources' || name === 'examples' || name === 'actExamples' ? undefined : value));
}

function changedCovenants(live: CompiledPolicy, shadow: CompiledPolicy): ShadowCovenant[] {
  if (live === shadow) return [];
  const liveByKey = new Map(live.covenants.map((covenant) => [covenant.key, covenant]));
  const shadowKeys = new Set(shadow.covenants.map((covenant) => covenant.key));
  const changed: ShadowCovenant[] = [];
  for (const covenant of shadow.covenants) {
    const before = liveByKey.get(covenant.key);
    if (!before) changed.push(describe(covenant, 'ADDED'));
    else if (substance(before) !== substance(covenant)) changed.push(describe(covenant, 'CHANGED'));
  }
  for (const covenant of live.covenants) if (!shadowKeys.has(covenant.key)) changed.push(describe(covenant, 'REMOVED'));
  return changed;
}
