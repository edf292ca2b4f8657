/**
 * Internal to src/policy.
 * One covenant file, already valid against covenant.schema.json, into a `Covenant`: categories
 * expanded, conditions parsed, and the cross-references JSON Schema cannot check, each error naming
 * its `file:line`. Supersession links are set afterwards, across all versions (load-covenants.ts).
 */
import { basename } from 'node:path';
import type { AgencyKind } from '#domain/records.ts';
import type {
  Covenant, CovenantExample, CovenantGrant, DataCategoryDef, PurposeDef, RegionDef, RegionKind,
} from './covenant-types.ts';
import { buildActExamples, buildActGrants, type RawActExample, type RawActGrant } from './build-act-grants.ts';
import type { DecisionReason } from './decision.ts';
import { expandCoordinates } from './expand-coordinates.ts';
import { NO_FACTS, type RecordFacts } from './facts.ts';
import { at, ref } from './load-shared-files.ts';
import type { OrganisationDef } from './organisations.ts';
import { parseCondition, type RawCondition } from './parse-condition.ts';
import { isCalendarDay } from './validity.ts';
import type { DataPath, YamlSource } from './yaml-source.ts';

export { parseCondition };

export type CovenantDraft = Omit<Covenant, 'supersededBy' | 'supersededFrom'>;

export interface SharedDefinitions {
  readonly regions: readonly RegionDef[];
  readonly purposes: readonly PurposeDef[];
  readonly dataCategories: readonly DataCategoryDef[];
  readonly organisations: readonly OrganisationDef[];
}

interface RawGrant {
  id: string; article: string; viewerKinds: AgencyKind[]; ownerKinds: AgencyKind[]; purposes: string[];
  coordinates: string[]; conditions: RawCondition[];
}
interface RawExample extends Omit<CovenantExample, 'facts' | 'reason' | 'source'> { facts?: Partial<RecordFacts>; reason?: DecisionReason }
interface RawCovenant {
  id: string; version: number; title: string; parties: { agencyKind: AgencyKind; agencyId?: string; role: string }[];
  purposes: string[]; legalBasis: { article: string; text: string }[]; regions: string[]; validFrom: string;
  validTo?: string | null; tacitRenewal?: { periodMonths: number } | null; supersedes?: string | null;
  grants: RawGrant[]; examples?: RawExample[]; acts?: RawActGrant[]; actExamples?: RawActExample[];
}

export function buildCovenant(source: YamlSource, shared: SharedDefinitions, errors: string[]): CovenantDraft {
  const raw = source.data as RawCovenant;
  const fail = (path: DataPath, message: string): void => { errors.push(`${at(source, path)}: ${message}`); };
  const key = `${raw.id}@${raw.version}`;
  if (basename(source.file) !== `${raw.id}.v${raw.version}.yaml`) fail(['id'], `file should be named ${raw.id}.v${raw.version}.yaml`);
  const validTo = raw.validTo ?? null;
  if (!isCalendarDay(raw.validFrom)) fail(['validFrom'], `validFrom ${raw.validFrom} is not a calendar day`);
  if (validTo !== null && !isCalendarDay(validTo)) fail(['validTo'], `validTo ${validTo} is not a calendar day`);
  if (validTo !== null && validTo < raw.validFrom) fail(['validTo'], `validTo ${validTo} lies before validFrom ${raw.validFrom}`);
  if (raw.tacitRenewal && validTo === null) fail(['tacitRenewal'], 'tacit renewal needs a validTo to renew after');

  const purposes = raw.purposes.map((code, i) => {
    const found = shared.purposes.find((purpose) => purpose.code === code);
    if (!found) fail(['purposes', i], `unknown purpose "${code}" (covenants/purposes.yaml)`);
    return found ?? { code, description: '' };
  });
  let regionKind: RegionKind | null = null;
  raw.regions.forEach((region, i) => {
    const known = shared.regions.find((candidate) => candidate.id === region);
    if (!known) return fail(['regions', i], `unknown region "${region}" (covenants/regions.yaml)`);
    if (regionKind !== null && known.kind !== regionKind) fail(['regions', i], `region "${region}" is a ${known.kind} region, but ${key} covers ${regionKind} regions: a covenant's regions are of one kind`);
    regionKind ??= known.kind;
  });
  raw.parties.forEach((party, i) => {
    if (party.agencyId === undefined) return;
    const organisation = shared.organisations.find((candidate) => candidate.id === party.agencyId);
    if (!organisation) fail(['parties', i, 'agencyId'], `unknown organisation "${party.agencyId}" (covenants/organisations.yaml)`);
    else if (organisation.kind !== party.agencyKind) fail(['parties', i, 'agencyKind'], `${party.agencyId} is of kind ${organisation.kind}, not ${party.agencyKind} (covenants/organisations.yaml)`);
  });
  const partyKinds = new Set(raw.parties.map((party) => party.agencyKind));
  const usedCategories = new Map<string, DataCategoryDef>();
  const grantIds = new Set<string>();

  const grants = raw.grants.map((grant, g): CovenantGrant => {
    const path = ['grants', g] as const;
    if (grantIds.has(grant.id)) fail([...path, 'id'], `grant id "${grant.id}" is used twice in ${key}`);
    grantIds.add(grant.id);
    grant.purposes.forEach((purpose, i) => {
      if (!raw.purposes.includes(purpose)) fail([...path, 'purposes', i], `grant ${grant.id} names purpose "${purpose}", which ${key} does not list`);
    });
    for (const side of ['viewerKinds', 'ownerKinds'] as const) {
      grant[side].forEach((kind, i) => {
        if (!partyKinds.has(kind)) fail([...path, side, i], `grant ${grant.id} names ${kind}, which is not a party to ${key}`);
      });
    }
    const { coordinates, coordinateSources } = expandCoordinates(grant.coordinates, path, source, shared.dataCategories, usedCategories, fail);
    return {
      id: grant.id, article: grant.article, viewerKinds: grant.viewerKinds, ownerKinds: grant.ownerKinds,
      purposes: grant.purposes, coordinates, conditions: grant.conditions.map(parseCondition),
      source: ref(source, path), coordinateSources,
    };
  });

  const acts = buildActGrants(raw.acts ?? [], {
    source, key, purposes: raw.purposes, partyKinds, dataCategories: shared.dataCategories, usedCategories, grantIds, fail,
  });
  const actExamples = buildActExamples(raw.actExamples ?? [], { source, fail, knownPurposes: shared.purposes.map((purpose) => purpose.code) });

  const examples = (raw.examples ?? []).map((example, i): CovenantExample => {
    if (!isCalendarDay(example.date)) fail(['examples', i, 'date'], `date ${example.date} is not a calendar day`);
    if (!shared.purposes.some((purpose) => purpose.code === example.purpose)) fail(['examples', i, 'purpose'], `unknown purpose "${example.purpose}"`);
    return { ...example, facts: { ...NO_FACTS, ...example.facts }, reason: example.reason ?? null, source: ref(source, ['examples', i]) };
  });

  return {
    id: raw.id, version: raw.version, key, title: raw.title,
    parties: raw.parties.map((party) => ({ agencyKind: party.agencyKind, agencyId: party.agencyId ?? null, role: party.role })),
    purposes, legalBasis: raw.legalBasis, regions: raw.regions, regionKind: regionKind ?? 'national', validFrom: raw.validFrom, validTo,
    tacitRenewal: Boolean(raw.tacitRenewal), renewalPeriodMonths: raw.tacitRenewal?.periodMonths ?? null,
    supersedes: raw.supersedes ?? null,
    dataCategories: [...usedCategories.values()].map(({ name, coordinates }) => ({ name, coordinates })),
    grants, acts, examples, actExamples, source: ref(source, []),
  };
}
