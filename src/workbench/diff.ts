/**
 * What changes in access between two compiled policies, found by deciding both on every point of the
 * finite space (diff-space.ts): viewer kinds x owner kinds x coordinates x purposes x household regions
 * x representative facts x the days on which anything changes. Not a comparison of YAML text: a renamed
 * category, a reordered grant or a reworded article changes nothing here, and a changed condition does.
 * The acts (issue 13) are compared beside the reads, on the same days (diff-acts.ts).
 */
import type { AgencyKind } from '#domain/records.ts';
import type { CompiledGrant, CompiledPolicy } from '#src/policy/index.ts';
import { agreementOf, describeCondition, ruleIdOf } from '#src/policy/index.ts';
import type { Decision, Viewer } from '#src/policy/index.ts';
import { describePlaces } from './diff-places.ts';
import { changeDays, representativeAgencies, representativeFacts, representativePlaces } from './diff-space.ts';
import type { AccessBasis } from './diff-basis.ts';
import { diffActGrants, type ActGrantChange } from './diff-acts.ts';
import { collectChanges, type AccessChange, type ChangeKind } from './diff-collect.ts';
import { describeSituation } from './diff-words.ts';
import { decideOn } from '#src/policy/index.ts';
import { AGENCY_KINDS } from './matrix-kinds.ts';

export type { AccessBasis } from './diff-basis.ts';
export type { AccessChange, AccessPeriod, ChangeKind } from './diff-collect.ts';
export type { ActChangeKind, ActGrantBasis, ActGrantChange } from './diff-acts.ts';

export interface PolicyDiffOptions {
  /** Agencies the gateway knows (id, kind, region), so a named party is tried in its own region only. Default: none; a named party is tried in every region. */
  readonly agencies?: readonly Viewer[];
  /** Days to decide on. Default: every day on which a version of either policy starts, stops or is superseded. */
  readonly days?: readonly string[];
  /** Agency kinds to enumerate. Default AGENCY_KINDS. */
  readonly kinds?: readonly AgencyKind[];
}

export interface PolicyDiff {
  readonly days: readonly string[];
  /** Gained first, then lost, then basis changed; each by viewer kind, owner kind, purpose. */
  readonly changes: readonly AccessChange[];
  /** Situations decided on both sides. */
  readonly situationsChecked: number;
  /** Acts gained, then lost, then changed (what travels, conditions, parties or article), with the grants on each side. */
  readonly actChanges: readonly ActGrantChange[];
}

export function diffPolicies(before: CompiledPolicy, after: CompiledPolicy, options: PolicyDiffOptions = {}): PolicyDiff {
  const days = options.days ?? changeDays([before, after]);
  const kinds = options.kinds ?? AGENCY_KINDS;
  const places = representativePlaces([before, after]);
  const regionIds = [...new Set([...before.regionMunicipalities.keys(), ...after.regionMunicipalities.keys()])].sort();
  const coordinates = [...new Set([
    ...before.grantsByCoordinate.keys(), ...after.grantsByCoordinate.keys(),
    ...symmetricDifference(before.publicCoordinates, after.publicCoordinates),
    ...symmetricDifference(before.ownerOnlyCoordinates, after.ownerOnlyCoordinates),
  ])].sort();
  const collect = collectChanges();
  let situationsChecked = 0;

  for (const viewerKind of kinds) {
    for (const ownerKind of kinds) {
      // Coordinates whose decisions are made by the same grants in the same order on both sides are decided once.
      const classes = new Map<string, { coordinates: string[]; grants: CompiledGrant[] }>();
      for (const coordinate of coordinates) {
        const side = (policy: CompiledPolicy) => (policy.grantsByCoordinate.get(coordinate) ?? []).filter((grant) => grant.viewerKinds.has(viewerKind) && grant.ownerKinds.has(ownerKind));
        const [was, now] = [side(before), side(after)];
        const flags = (policy: CompiledPolicy) => `${policy.publicCoordinates.has(coordinate)}${policy.ownerOnlyCoordinates.has(coordinate)}`;
        if (was.length === 0 && now.length === 0 && flags(before) === flags(after)) continue;
        const key = JSON.stringify([was.map(grantKey), now.map(grantKey), flags(before), flags(after)]);
        const found = classes.get(key) ?? { coordinates: [], grants: [...was, ...now] };
        found.coordinates.push(coordinate);
        classes.set(key, found);
      }
      for (const { coordinates: members, grants } of classes.values()) {
        const coordinate = members[0]!;
        const purposes = [...new Set(grants.flatMap((grant) => grant.grant.purposes))];
        const { viewers, owners } = representativeAgencies(viewerKind, ownerKind, grants, options.agencies ?? [], regionIds);
        for (const viewer of viewers) for (const owner of owners) {
          if (viewer.agencyId === owner.agencyId) continue;
          const ownerTag = { agencyId: owner.agencyId, kind: owner.kind, region: owner.region };
          for (const { facts, place } of representativeFacts(grants, viewer, owner, places)) {
            for (const purpose of purposes.length > 0 ? purposes : ['']) {
              days.forEach((day, dayIndex) => {
                const request = { viewer, owner: ownerTag, purpose, coordinate, at: new Date(`${day}T12:00:00Z`) };
                const was = decideOn(before, request, () => facts, day);
                const now = decideOn(after, request, () => facts, day);
                situationsChecked++;
                const change = classify(was, now);
                if (!change) return;
                const deciding = change === 'LOST' ? findGrant(before, was) : findGrant(after, now);
                collect.add({
                  change, viewerKind, ownerKind, purpose, coordinates: members, place, dayIndex,
                  before: basisOf(was), after: basisOf(now), viewer: viewer.agencyId, owner: owner.agencyId,
                  conditions: deciding?.grant.conditions.map(describeCondition) ?? [],
                  situation: () => describeSituation(viewer, owner, purpose, facts, place),
                });
              });
            }
          }
        }
      }
    }
  }
  return { days, changes: collect.result(days, describePlaces([before, after], places)), situationsChecked, actChanges: diffActGrants(before, after, days, kinds) };
}

function classify(was: Decision, now: Decision): ChangeKind | null {
  if (was.effect !== now.effect) return now.effect === 'allow' ? 'GAINED' : 'LOST';
  if (was.effect === 'deny') return null;
  // A new version of the same agreement citing the same article and grant is not a change of basis.
  const same = was.reason === now.reason && ruleIdOf(was) === ruleIdOf(now)
    && agreementOf(was)?.id === agreementOf(now)?.id && agreementOf(was)?.article === agreementOf(now)?.article;
  return same ? null : 'BASIS_CHANGED';
}

function basisOf(decision: Decision): AccessBasis | null {
  return decision.effect === 'deny' ? null : { reason: decision.reason, agreement: agreementOf(decision), ruleId: ruleIdOf(decision) };
}

function findGrant(policy: CompiledPolicy, decision: Decision): CompiledGrant | undefined {
  const agreement = agreementOf(decision);
  if (!agreement) return undefined;
  return policy.grants.find((grant) => grant.agreement.key === agreement.key && grant.grant.id === ruleIdOf(decision));
}

function grantKey(grant: CompiledGrant): string {
  return `${grant.agreement.key}#${grant.grant.id}`;
}

function symmetricDifference(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  return [...[...a].filter((x) => !b.has(x)), ...[...b].filter((x) => !a.has(x))];
}
