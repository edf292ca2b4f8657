/**
 * Internal to src/policy.
 * The three files every covenant refers to: regions, purposes and data categories. Validated against
 * covenant.schema.json first; here the checks JSON Schema cannot make (duplicates, region includes).
 */
import type { AgencyKind } from '#domain/records.ts';
import type { DataCategoryDef, PurposeDef, RegionDef, RegionKind, SourceRef } from './covenant-types.ts';
import type { OrganisationDef } from './organisations.ts';
import { isCalendarDay } from './validity.ts';
import type { YamlSource } from './yaml-source.ts';

interface RawRegion { id: string; kind: RegionKind; name: string; includes?: string[]; municipalities?: string[] }
interface RawOrganisation {
  id: string; kind: AgencyKind; name: string; code: string; regions: Partial<Record<RegionKind, string>>;
  system?: { adapter: string }; validFrom?: string | null; validTo?: string | null; successor?: string | null;
}
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
  return [...byId.values()].map(({ region }) => ({ id: region.id, kind: region.kind, name: region.name, municipalities: expand(region.id, [region.id]) }));
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

/**
 * The organisations file: ids and codes unique, every region known and of the kind it is listed
 * under, validity a real interval, successors known, without cycles, and taking over on the day
 * after their predecessor's last (no overlap, no gap).
 */
export function buildOrganisations(source: YamlSource, regions: readonly RegionDef[], errors: string[]): OrganisationDef[] {
  const raw = (source.data as { organisations: RawOrganisation[] }).organisations;
  const regionById = new Map(regions.map((region) => [region.id, region]));
  const indexById = new Map<string, number>();
  const codes = new Map<string, string>();
  const organisations: OrganisationDef[] = [];
  raw.forEach((organisation, index) => {
    const where = (...path: (string | number)[]): string => at(source, ['organisations', index, ...path]);
    if (indexById.has(organisation.id)) return errors.push(`${where('id')}: organisation "${organisation.id}" is defined twice`);
    indexById.set(organisation.id, index);
    if (codes.has(organisation.code)) errors.push(`${where('code')}: code ${organisation.code} is used by ${codes.get(organisation.code)!} too`);
    codes.set(organisation.code, organisation.id);
    const entries = Object.entries(organisation.regions) as [RegionKind, string][];
    for (const [kind, regionId] of entries) {
      const region = regionById.get(regionId);
      if (!region) errors.push(`${where('regions', kind)}: ${organisation.id} serves unknown region "${regionId}" (covenants/regions.yaml)`);
      else if (region.kind !== kind) errors.push(`${where('regions', kind)}: ${organisation.id} lists "${regionId}" as its ${kind} region, but it is a ${region.kind} region`);
    }
    const validFrom = organisation.validFrom ?? null;
    const validTo = organisation.validTo ?? null;
    for (const [name, day] of [['validFrom', validFrom], ['validTo', validTo]] as const) {
      if (day !== null && !isCalendarDay(day)) errors.push(`${where(name)}: ${name} ${day} is not a calendar day`);
    }
    if (validFrom !== null && validTo !== null && validTo < validFrom) errors.push(`${where('validTo')}: validTo ${validTo} lies before validFrom ${validFrom}`);
    const successor = organisation.successor ?? null;
    if (successor !== null && validTo === null) errors.push(`${where('successor')}: ${organisation.id} has a successor but no validTo: say on which day it ends`);
    organisations.push({
      id: organisation.id, kind: organisation.kind, name: organisation.name, code: organisation.code,
      regions: new Map(entries), homeRegion: entries[0]![1], adapter: organisation.system?.adapter ?? null,
      validFrom, validTo, successor, source: ref(source, ['organisations', index]),
    });
  });
  const byId = new Map(organisations.map((organisation) => [organisation.id, organisation]));
  for (const organisation of organisations) {
    if (organisation.successor === null) continue;
    const where = at(source, ['organisations', indexById.get(organisation.id)!, 'successor']);
    const next = byId.get(organisation.successor);
    if (!next) {
      errors.push(`${where}: ${organisation.id} is succeeded by unknown organisation "${organisation.successor}"`);
      continue;
    }
    const trail = [organisation.id];
    for (let step: OrganisationDef | undefined = next; step; step = step.successor === null ? undefined : byId.get(step.successor)) {
      if (trail.includes(step.id)) {
        errors.push(`${where}: succession cycle ${[...trail, step.id].join(' -> ')}`);
        break;
      }
      trail.push(step.id);
    }
    if (organisation.validTo !== null && next.validFrom !== null && next.validFrom <= organisation.validTo) {
      errors.push(`${where}: ${next.id} exists from ${next.validFrom}, before ${organisation.id} ends (${organisation.validTo}): their validities overlap`);
    } else if (organisation.validTo !== null && next.validTo !== null && next.validTo <= organisation.validTo) {
      errors.push(`${where}: ${next.id} ends (${next.validTo}) before it would succeed ${organisation.id} (after ${organisation.validTo})`);
    }
  }
  return organisations;
}
