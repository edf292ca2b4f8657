/**
 * Internal to the covenant diff. Folds the many situations in which a decision changed into few
 * readable changes: the coordinates that change alike become one change, with the household regions,
 * periods, agencies and number of situations it covers, and one situation in words as an example.
 */
import type { AgencyKind } from '#domain/records.ts';
import type { AccessBasis } from './diff-basis.ts';
import { addDays, type Place } from './diff-space.ts';

export type ChangeKind = 'GAINED' | 'LOST' | 'BASIS_CHANGED';

/** Days, inclusive; `to` null: open-ended. */
export interface AccessPeriod {
  readonly from: string;
  readonly to: string | null;
}

export interface AccessChange {
  readonly change: ChangeKind;
  readonly viewerKind: AgencyKind;
  readonly ownerKind: AgencyKind;
  readonly purpose: string;
  readonly coordinates: readonly string[];
  /** Household regions (the smallest region of the municipality), or `*` where no condition looks at the region. */
  readonly regions: readonly string[];
  readonly periods: readonly AccessPeriod[];
  /** What allowed it before; null: denied. */
  readonly before: AccessBasis | null;
  /** What allows it after; null: denied. */
  readonly after: AccessBasis | null;
  /** The conditions of the grant that decides: the one after for a gain or new basis, the one before for a loss. */
  readonly conditions: readonly string[];
  readonly viewerAgencies: readonly string[];
  readonly ownerAgencies: readonly string[];
  /** Representative situations in which it changed. */
  readonly situations: number;
  readonly example: string;
}

export interface Observation {
  readonly change: ChangeKind;
  readonly viewerKind: AgencyKind;
  readonly ownerKind: AgencyKind;
  readonly purpose: string;
  readonly coordinates: readonly string[];
  readonly place: Place;
  readonly dayIndex: number;
  readonly before: AccessBasis | null;
  readonly after: AccessBasis | null;
  readonly viewer: string;
  readonly owner: string;
  readonly conditions: readonly string[];
  /** Called once per change kept, not per situation. */
  readonly situation: () => string;
}

interface Fold {
  readonly first: Observation;
  readonly coordinates: Set<string>;
  readonly places: Set<Place>;
  readonly dayIndexes: Set<number>;
  readonly viewers: Set<string>;
  readonly owners: Set<string>;
  situations: number;
  example: string;
}

const ORDER: Record<ChangeKind, number> = { GAINED: 0, LOST: 1, BASIS_CHANGED: 2 };

export function collectChanges() {
  const observed = new Map<string, Fold>();
  return {
    add(observation: Observation): void {
      const key = [headKey(observation), observation.dayIndex, observation.coordinates.join(' ')].join('|');
      let fold = observed.get(key);
      if (!fold) {
        fold = { first: observation, coordinates: new Set(observation.coordinates), places: new Set(), dayIndexes: new Set([observation.dayIndex]), viewers: new Set(), owners: new Set(), situations: 0, example: observation.situation() };
        observed.set(key, fold);
      }
      fold.places.add(observation.place);
      fold.viewers.add(observation.viewer);
      fold.owners.add(observation.owner);
      fold.situations++;
    },
    /** `regionsOf` names the household regions a set of places stands for (diff-space.ts describePlaces). */
    result(days: readonly string[], regionsOf: (places: ReadonlySet<Place>) => string[]): AccessChange[] {
      // Same day and regions: one change for all their coordinates. Then the same change on several days: one, with periods.
      const byRegions = merge([...observed.values()], (fold) => [headKey(fold.first), [...fold.dayIndexes].join(','), placesKey(fold.places)].join('|'), 'coordinates');
      const byCoordinates = merge(byRegions, (fold) => [headKey(fold.first), placesKey(fold.places), sorted(fold.coordinates)].join('|'), 'dayIndexes');
      return byCoordinates.map((fold): AccessChange => ({
        change: fold.first.change, viewerKind: fold.first.viewerKind, ownerKind: fold.first.ownerKind, purpose: fold.first.purpose,
        coordinates: [...fold.coordinates].sort(), regions: regionsOf(fold.places), periods: periodsOf([...fold.dayIndexes], days),
        before: fold.first.before, after: fold.first.after, conditions: fold.first.conditions,
        viewerAgencies: [...fold.viewers].sort(), ownerAgencies: [...fold.owners].sort(), situations: fold.situations, example: fold.example,
      })).sort((a, b) => ORDER[a.change] - ORDER[b.change] || cmp(a.viewerKind, b.viewerKind) || cmp(a.ownerKind, b.ownerKind)
        || cmp(a.purpose, b.purpose) || cmp(a.periods[0]?.from ?? '', b.periods[0]?.from ?? '') || cmp(a.coordinates[0] ?? '', b.coordinates[0] ?? ''));
    },
  };
}

function merge(folds: readonly Fold[], keyOf: (fold: Fold) => string, union: 'coordinates' | 'dayIndexes'): Fold[] {
  const merged = new Map<string, Fold>();
  for (const fold of folds) {
    const key = keyOf(fold);
    const into = merged.get(key);
    if (!into) { merged.set(key, { ...fold, coordinates: new Set(fold.coordinates), dayIndexes: new Set(fold.dayIndexes), viewers: new Set(fold.viewers), owners: new Set(fold.owners) }); continue; }
    for (const value of fold[union]) (into[union] as Set<string | number>).add(value);
    for (const viewer of fold.viewers) into.viewers.add(viewer);
    for (const owner of fold.owners) into.owners.add(owner);
    into.situations += fold.situations;
  }
  return [...merged.values()];
}

/** Consecutive day indexes become one period; a period runs to the day before the next change day. */
export function periodsOf(indexes: number[], days: readonly string[]): AccessPeriod[] {
  const periods: AccessPeriod[] = [];
  const sortedIndexes = indexes.sort((a, b) => a - b);
  for (let i = 0; i < sortedIndexes.length; i++) {
    const start = sortedIndexes[i]!;
    let end = start;
    while (sortedIndexes[i + 1] === end + 1) end = sortedIndexes[++i]!;
    const next = days[end + 1];
    periods.push({ from: days[start]!, to: next === undefined ? null : addDays(next, -1) });
  }
  return periods;
}

function headKey(observation: Observation): string {
  const basis = (value: AccessBasis | null) => (value ? `${value.reason} ${value.agreement?.key ?? ''} ${value.agreement?.article ?? ''} ${value.ruleId ?? ''}` : '-');
  return [observation.change, observation.viewerKind, observation.ownerKind, observation.purpose, basis(observation.before), basis(observation.after)].join('|');
}

function placesKey(places: ReadonlySet<Place>): string {
  return [...places].map((place) => `${place.municipality ?? ''}/${place.region}`).sort().join(',');
}

function sorted(values: ReadonlySet<string | number>): string {
  return [...values].map(String).sort().join(',');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
