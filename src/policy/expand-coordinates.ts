/**
 * Internal to src/policy.
 * A grant's written coordinates into schema coordinates: `category:<name>` expanded through
 * data-categories.yaml, duplicates dropped, each with the line it was written on (the grant's line,
 * or the category's), so compilePolicy can name `file:line` for a coordinate the schema lacks.
 */
import type { DataCategoryDef, SourceRef } from './covenant-types.ts';
import { ref } from './load-shared-files.ts';
import type { DataPath, YamlSource } from './yaml-source.ts';

export interface ExpandedCoordinates {
  readonly coordinates: string[];
  readonly coordinateSources: SourceRef[];
}

/** `path` is the grant's; `used` collects the categories named, `fail` reports an unknown one. */
export function expandCoordinates(written: readonly string[], path: DataPath, source: YamlSource, categories: readonly DataCategoryDef[],
  used: Map<string, DataCategoryDef>, fail: (path: DataPath, message: string) => void): ExpandedCoordinates {
  const coordinates: string[] = [];
  const coordinateSources: SourceRef[] = [];
  const add = (coordinate: string, where: SourceRef): void => {
    if (coordinates.includes(coordinate)) return;
    coordinates.push(coordinate);
    coordinateSources.push(where);
  };
  written.forEach((entry, i) => {
    if (!entry.startsWith('category:')) return add(entry, ref(source, [...path, 'coordinates', i]));
    const name = entry.slice('category:'.length);
    const category = categories.find((known) => known.name === name);
    if (!category) return fail([...path, 'coordinates', i], `unknown data category "${name}" (covenants/data-categories.yaml)`);
    used.set(name, category);
    category.coordinates.forEach((coordinate, c) => add(coordinate, category.coordinateSources[c]!));
  });
  return { coordinates, coordinateSources };
}
