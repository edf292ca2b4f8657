/**
 * Internal to src/policy.
 * The three files every covenant refers to: regions, purposes and data categories. Validated against
 * covenant.schema.json first; here the checks JSON Schema cannot make (duplicates, region includes).
 */
import type { DataCategoryDef, PurposeDef, RegionDef, SourceRef } from './covenant-types.ts';
import type { YamlSource } from './yaml-source.ts';

interface RawRegion { id: string; name: string; includes?: string[]; municipalities?: string[] }
interface RawPurpose { code: string; description: string }
interface RawCategory { name: string; description: string; coordinates: string[] }

export function buildRegions(source: YamlSource, errors: string[]): RegionDef[] {
  const raw = (source.data as { regions: RawRegion[] }).regions;
  const byId = new Map<string, { region: RawRegion; index: number }>();
  raw.forEach((region, index) => {
    if (byId.has(region.id)) errors.push(`${at(source, ['regions', index, 'id'])}: region "${region.id}" is defined twice`);
    else byId.set(region.id, { region, index });
  });
  const expanded = new Map<string, readonly string[]>();
  const expand = (id: string, trail: readonly string[]): readonly string[] => {
    const done = expanded.get(id);
    if (done) return done;
    const entry = byId.get(id)!;
    const municipalities = new Set<string>();
    (entry.region.includes ?? []).forEach((included, i) => {
      const where = at(source, ['regions', entry.index, 'includes', i]);
      if (!byId.has(included)) errors.push(`${where}: region "${id}" includes unknown region "${included}"`);
      else if (trail.includes(included)) errors.push(`${where}: region "${id}" includes "${included}", which includes it back`);
      else for (const m of expand(included, [...trail, included])) municipalities.add(m);
    });
    for (const m of entry.region.municipalities ?? []) municipalities.add(m);
    const list = [...municipalities];
    expanded.set(id, list);
    return list;
  };
  return [...byId.values()].map(({ region }) => ({ id: region.id, name: region.name, municipalities: expand(region.id, [region.id]) }));
}

export function buildPurposes(source: YamlSource, errors: string[]): PurposeDef[] {
  const raw = (source.data as { purposes: RawPurpose[] }).purposes;
  const seen = new Set<string>();
  return raw.filter((purpose, index) => {
    if (!seen.has(purpose.code)) return seen.add(purpose.code);
    errors.push(`${at(source, ['purposes', index, 'code'])}: purpose "${purpose.code}" is defined twice`);
    return false;
  }).map(({ code, description }) => ({ code, description }));
}

export function buildCategories(source: YamlSource, errors: string[]): DataCategoryDef[] {
  const raw = (source.data as { categories: RawCategory[] }).categories;
  const seen = new Set<string>();
  const categories: DataCategoryDef[] = [];
  raw.forEach((category, index) => {
    if (seen.has(category.name)) {
      errors.push(`${at(source, ['categories', index, 'name'])}: data category "${category.name}" is defined twice`);
      return;
    }
    seen.add(category.name);
    categories.push({
      name: category.name,
      description: category.description,
      coordinates: category.coordinates,
      source: ref(source, ['categories', index]),
      coordinateSources: category.coordinates.map((_, i) => ref(source, ['categories', index, 'coordinates', i])),
    });
  });
  return categories;
}

export function ref(source: YamlSource, path: readonly (string | number)[]): SourceRef {
  return { file: source.file, line: source.lineOf(path) };
}

export function at(source: YamlSource, path: readonly (string | number)[]): string {
  return `${source.file}:${source.lineOf(path)}`;
}
