/**
 * Compiles loaded covenants against the GraphQL schema into an index keyed by coordinate, once at
 * start-up. Fails with a PolicyConfigError listing every field of the schema that nothing governs
 * (neither granted, public nor owner-only) and every coordinate a grant names that the schema lacks.
 */
import type { GraphQLSchema } from 'graphql';
import type { ActKind } from '#domain/acts.ts';
import type { AgencyKind, ReferralKind } from '#domain/records.ts';
import { coordinateProblem, expandCoordinatePatterns, objectFieldCoordinates } from './coordinates.ts';
import type { Covenant, CovenantActGrant, CovenantGrant, DataCategoryDef, RegionDef, SourceRef } from './covenant-types.ts';
import type { AgreementRef } from './decision.ts';
import { PolicyConfigError } from './errors.ts';
import { OWNER_ONLY_COORDINATES } from './owner-only-fields.ts';
import { createOrganisationRegistry, type OrganisationDef, type OrganisationRegistry } from './organisations.ts';

export interface CompilePolicyOptions {
  readonly covenants: readonly Covenant[];
  readonly schema: GraphQLSchema;
  readonly regions: readonly RegionDef[];
  /** Coordinates and `Type.*` patterns released to every caller; pass PUBLIC_COORDINATES. */
  readonly publicCoordinates: readonly string[];
  /** Coordinates only the owner sees (DOMAIN rule 7). Default OWNER_ONLY_COORDINATES. */
  readonly ownerOnlyCoordinates?: readonly string[];
  /** Every data category, so one no grant uses is checked too. Default: none beyond those grants use. */
  readonly dataCategories?: readonly DataCategoryDef[];
  /**
   * The organisations over time (covenants/organisations.yaml): controllers by day, viewers' regions
   * by kind. Default: none, so records stay with their creator and viewers keep the region they carry.
   */
  readonly organisations?: readonly OrganisationDef[];
}

/** A grant with its lookups prepared. */
export interface CompiledGrant {
  readonly covenant: Covenant;
  readonly grant: CovenantGrant;
  readonly agreement: AgreementRef;
  readonly viewerKinds: ReadonlySet<AgencyKind>;
  readonly ownerKinds: ReadonlySet<AgencyKind>;
  readonly purposes: ReadonlySet<string>;
  readonly coordinates: ReadonlySet<string>;
  /** Party agencies per kind; null where every agency of the kind is a party (national covenants). */
  readonly parties: ReadonlyMap<AgencyKind, ReadonlySet<string> | null>;
  readonly covenantMunicipalities: ReadonlySet<string>;
}

/** An act grant with its lookups prepared (decideAct). */
export interface CompiledActGrant {
  readonly covenant: Covenant;
  readonly grant: CovenantActGrant;
  readonly agreement: AgreementRef;
  readonly acts: ReadonlySet<ActKind>;
  readonly senderKinds: ReadonlySet<AgencyKind>;
  readonly receiverKinds: ReadonlySet<AgencyKind>;
  /** Null: the grant's acts carry out no referral, and it covers only acts without a referral kind. */
  readonly referralKinds: ReadonlySet<ReferralKind> | null;
  readonly purposes: ReadonlySet<string>;
  readonly coordinates: ReadonlySet<string>;
  readonly parties: ReadonlyMap<AgencyKind, ReadonlySet<string> | null>;
  readonly covenantMunicipalities: ReadonlySet<string>;
}

export interface CompiledPolicy {
  readonly covenants: readonly Covenant[];
  readonly organisations: OrganisationRegistry;
  readonly regions: ReadonlyMap<string, RegionDef>;
  readonly regionMunicipalities: ReadonlyMap<string, ReadonlySet<string>>;
  readonly publicCoordinates: ReadonlySet<string>;
  readonly ownerOnlyCoordinates: ReadonlySet<string>;
  /** Every grant, in covenant order then written order: the order decisions try them in. */
  readonly grants: readonly CompiledGrant[];
  readonly grantsByCoordinate: ReadonlyMap<string, readonly CompiledGrant[]>;
  /**
   * Every act grant (issue 13), in covenant order then written order: the order decideAct tries them
   * in. Kept apart from `grants`, so nothing of the read path (grantsByCoordinate, the matrix, the
   * diff) counts an act grant as a read.
   */
  readonly actGrants: readonly CompiledActGrant[];
  /** Coordinates whose decision never looks at RecordFacts (see isDataIndependent). */
  readonly dataIndependent: ReadonlySet<string>;
  /** Harmless but suspicious configuration, for the start-up log. */
  readonly warnings: readonly string[];
  /**
   * The data categories (covenants/data-categories.yaml), in written order: what the workbench groups
   * its fields by. Without the file's definitions, the categories the covenants name (no description).
   */
  readonly dataCategories: readonly PolicyDataCategory[];
}

/** A data category as the workbench shows it: a name for a set of coordinates covenants grant together. */
export interface PolicyDataCategory {
  readonly name: string;
  /** Null for a category known only from a covenant that names it. */
  readonly description: string | null;
  readonly coordinates: readonly string[];
}

export function compilePolicy(options: CompilePolicyOptions): CompiledPolicy {
  const { schema } = options;
  const errors: string[] = [];
  const warnings: string[] = [];
  const publicSet = expandCoordinatePatterns(schema, options.publicCoordinates, 'public coordinates');
  const ownerOnly = expandCoordinatePatterns(schema, options.ownerOnlyCoordinates ?? OWNER_ONLY_COORDINATES, 'owner-only coordinates');
  errors.push(...publicSet.errors, ...ownerOnly.errors);
  for (const coordinate of ownerOnly.coordinates) {
    if (publicSet.coordinates.has(coordinate)) errors.push(`${coordinate} is declared both public and owner-only`);
  }

  // Each written coordinate is reported once, though a category line reaches every grant that uses it.
  const reported = new Set<string>();
  const unknown = (where: SourceRef, coordinate: string, who: string): boolean => {
    const problem = coordinateProblem(schema, coordinate);
    if (problem === null) return false;
    const place = `${where.file}:${where.line}`;
    if (!reported.has(`${place} ${coordinate}`)) errors.push(`${place}: ${who} names ${coordinate}: ${problem}`);
    reported.add(`${place} ${coordinate}`);
    return true;
  };
  for (const category of options.dataCategories ?? []) {
    category.coordinates.forEach((coordinate, i) => unknown(category.coordinateSources[i] ?? category.source, coordinate, `data category ${category.name}`));
  }

  const regionMunicipalities = new Map(options.regions.map((region) => [region.id, new Set(region.municipalities)]));

  const grants: CompiledGrant[] = [];
  const actGrants: CompiledActGrant[] = [];
  for (const covenant of options.covenants) {
    const covenantMunicipalities = new Set<string>();
    for (const regionId of covenant.regions) {
      const municipalities = regionMunicipalities.get(regionId);
      if (!municipalities) errors.push(`${covenant.source.file}:${covenant.source.line}: ${covenant.key} names unknown region ${regionId}`);
      for (const municipality of municipalities ?? []) covenantMunicipalities.add(municipality);
    }
    const parties = partiesOf(covenant);
    for (const grant of covenant.grants) {
      grant.coordinates.forEach((coordinate, i) => {
        const where = grant.coordinateSources[i] ?? grant.source;
        if (unknown(where, coordinate, `grant ${grant.id} of ${covenant.key}`)) return;
        if (ownerOnly.coordinates.has(coordinate)) warnings.push(`${where.file}:${where.line}: grant ${grant.id} of ${covenant.key} names ${coordinate}, which never leaves its owner (DOMAIN rule 7); the grant is ignored for it`);
        else if (publicSet.coordinates.has(coordinate)) warnings.push(`${where.file}:${where.line}: grant ${grant.id} of ${covenant.key} names ${coordinate}, which is public anyway`);
      });
      grants.push({
        covenant, grant,
        agreement: { id: covenant.id, version: covenant.version, key: covenant.key, article: grant.article },
        viewerKinds: new Set(grant.viewerKinds), ownerKinds: new Set(grant.ownerKinds), purposes: new Set(grant.purposes),
        coordinates: new Set(grant.coordinates), parties, covenantMunicipalities,
      });
    }
    for (const grant of covenant.acts) {
      grant.coordinates.forEach((coordinate, i) => {
        const where = grant.coordinateSources[i] ?? grant.source;
        if (unknown(where, coordinate, `act grant ${grant.id} of ${covenant.key}`)) return;
        // DOMAIN rule 7: what an act delivers cannot be withheld afterwards, so the grant is refused,
        // not ignored for the field as a read grant is (the loader refuses it too; this catches the
        // configured owner-only set and covenants built by hand).
        if (ownerOnly.coordinates.has(coordinate)) errors.push(`${where.file}:${where.line}: act grant ${grant.id} of ${covenant.key} lets ${coordinate} travel, which never leaves its owner (DOMAIN rule 7)`);
      });
      actGrants.push({
        covenant, grant,
        agreement: { id: covenant.id, version: covenant.version, key: covenant.key, article: grant.article },
        acts: new Set(grant.acts), senderKinds: new Set(grant.senderKinds), receiverKinds: new Set(grant.receiverKinds),
        referralKinds: grant.referralKinds === null ? null : new Set(grant.referralKinds),
        purposes: new Set(grant.purposes), coordinates: new Set(grant.coordinates), parties, covenantMunicipalities,
      });
    }
  }

  const grantsByCoordinate = new Map<string, CompiledGrant[]>();
  for (const compiled of grants) {
    for (const coordinate of compiled.coordinates) {
      const list = grantsByCoordinate.get(coordinate) ?? [];
      list.push(compiled);
      grantsByCoordinate.set(coordinate, list);
    }
  }
  const dataIndependent = new Set<string>();
  for (const coordinate of objectFieldCoordinates(schema)) {
    const granted = grantsByCoordinate.get(coordinate) ?? [];
    if (granted.length === 0 && !publicSet.coordinates.has(coordinate) && !ownerOnly.coordinates.has(coordinate)) {
      errors.push(`${coordinate} is governed by nothing: grant it in a covenant, or declare it in src/policy/public-fields.ts`);
    }
    if (publicSet.coordinates.has(coordinate) || ownerOnly.coordinates.has(coordinate) || granted.every((g) => g.grant.conditions.length === 0)) {
      dataIndependent.add(coordinate);
    }
  }
  if (errors.length > 0) throw new PolicyConfigError(errors);
  return {
    covenants: options.covenants,
    organisations: createOrganisationRegistry(options.organisations ?? []),
    regions: new Map(options.regions.map((region) => [region.id, region])),
    regionMunicipalities,
    publicCoordinates: publicSet.coordinates,
    ownerOnlyCoordinates: ownerOnly.coordinates,
    grants, actGrants, grantsByCoordinate, dataIndependent, warnings,
    dataCategories: dataCategoriesOf(options),
  };
}

function dataCategoriesOf(options: CompilePolicyOptions): PolicyDataCategory[] {
  if (options.dataCategories) return options.dataCategories.map(({ name, description, coordinates }) => ({ name, description, coordinates }));
  const named = new Map<string, PolicyDataCategory>();
  for (const covenant of options.covenants) {
    for (const { name, coordinates } of covenant.dataCategories) if (!named.has(name)) named.set(name, { name, description: null, coordinates });
  }
  return [...named.values()];
}

function partiesOf(covenant: Covenant): Map<AgencyKind, Set<string> | null> {
  const parties = new Map<AgencyKind, Set<string> | null>();
  for (const party of covenant.parties) {
    const known = parties.get(party.agencyKind);
    if (party.agencyId === null || known === null) parties.set(party.agencyKind, null);
    else parties.set(party.agencyKind, new Set([...(known ?? []), party.agencyId]));
  }
  return parties;
}
