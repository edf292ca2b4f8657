/**
 * Internal to the covenant diff: the household regions a set of representative places (diff-space.ts)
 * stands for, in words a privacy officer reads without knowing how the space was cut.
 */
import type { CompiledPolicy } from '#src/policy/index.ts';
import type { Place } from './diff-space.ts';

/**
 * The household regions a set of places stands for, in words: the largest regions all of whose places
 * are in the set (groningen, not groningen plus the gemeente-groningen inside it), then the places no
 * such region covers, by their smallest region.
 */
export function describePlaces(policies: readonly CompiledPolicy[], places: readonly Place[]): (set: ReadonlySet<Place>) => string[] {
  const regions = new Map<string, Set<Place>>();
  for (const policy of policies) {
    for (const [id, municipalities] of policy.regionMunicipalities) {
      const inside = regions.get(id) ?? new Set<Place>();
      for (const place of places) if (place.municipality !== null && municipalities.has(place.municipality)) inside.add(place);
      regions.set(id, inside);
    }
  }
  return (set) => {
    if ([...set].some((place) => place.region === '*')) return ['*'];
    const covered = [...regions].filter(([, inside]) => inside.size > 0 && [...inside].every((place) => set.has(place)));
    const largest = covered.filter(([id, inside], i) => !covered.some(([other, more], j) => other !== id
      && [...inside].every((place) => more.has(place)) && (more.size > inside.size || j < i)));
    const named = new Set(largest.flatMap(([, inside]) => [...inside]));
    const rest = [...set].filter((place) => !named.has(place)).map((place) => place.region);
    return [...new Set([...largest.map(([id]) => id), ...rest])].sort();
  };
}
