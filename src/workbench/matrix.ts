/**
 * The access matrix at a date: for every viewer kind, owner kind and schema coordinate, whether a
 * field may be released and under which agreement, article, purposes, regions and conditions; and the
 * acts one organisation may make towards another, with what travels (matrix-acts.ts). Read
 * from the compiled policy that enforces access (grantsByCoordinate, validity, the owner-only and
 * public sets), never from the YAML again, so the picture cannot drift from what is enforced. Pure.
 */
import type { AgencyKind } from '#domain/records.ts';
import type { CompiledGrant, CompiledPolicy } from '#src/policy/index.ts';
import { describeCondition } from '#src/policy/index.ts';
import { actRows } from './matrix-acts.ts';
import { sharingOf } from './matrix-sharing.ts';
import { AGENCY_KINDS } from './matrix-kinds.ts';
import type { AccessMatrix, MatrixCell, MatrixGrant, MatrixRow } from './matrix-types.ts';
import { amsterdamDay, controllerOn, existsOn, validityOn, viewerRegion } from '#src/policy/index.ts';

export type { AccessMatrix, MatrixAct, MatrixActGrant, MatrixCell, MatrixGrant, MatrixOrganisation, MatrixParty, MatrixRow, MatrixSharing } from './matrix-types.ts';

export interface MatrixOptions {
  /** The instant, or Europe/Amsterdam day (`yyyy-mm-dd`), validity is judged at. Required. */
  readonly at: Date | string;
  /** Keep only grants that can hold for a household in this region (a region id). Default: every region. */
  readonly region?: string | null;
  /** Keep only grants for this purpose. Default: every purpose. */
  readonly purpose?: string | null;
  /** Viewer and owner kinds to show. Default AGENCY_KINDS (every kind of the schema). */
  readonly kinds?: readonly AgencyKind[];
  /** Coordinates in the order rows should take (schema order). Default: type, then field, alphabetically. */
  readonly coordinates?: readonly string[];
}

export type CellStatus = 'PUBLIC' | 'OWNER_ONLY' | 'ALLOWED' | 'DENIED';

export class MatrixInputError extends Error {}

export function buildAccessMatrix(policy: CompiledPolicy, options: MatrixOptions): AccessMatrix {
  const day = typeof options.at === 'string' ? options.at : amsterdamDay(options.at);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new MatrixInputError(`"${day}" is not a yyyy-mm-dd day`);
  const region = options.region ?? null;
  const purpose = options.purpose ?? null;
  const regionMunicipalities = region === null ? null : policy.regionMunicipalities.get(region);
  if (regionMunicipalities === undefined) throw new MatrixInputError(`unknown region "${region}"`);
  const kinds = options.kinds ?? AGENCY_KINDS;

  const cited = new Map<CompiledGrant, MatrixGrant>();
  const bindsOnDay = partiesOnDay(policy, day, regionMunicipalities);
  const keep = (grant: CompiledGrant): boolean => {
    const validity = validityOn(grant.covenant, day);
    if (validity !== 'IN_FORCE' && validity !== 'TACITLY_RENEWED') return false;
    if (purpose !== null && !grant.purposes.has(purpose)) return false;
    return regionMunicipalities === null || mayHoldInRegion(grant, regionMunicipalities);
  };
  const rows = orderCoordinates(policy, options.coordinates)
    .filter((coordinate) => !policy.publicCoordinates.has(coordinate))
    .map((coordinate): MatrixRow => {
      const ownerOnly = policy.ownerOnlyCoordinates.has(coordinate);
      // Owner-only fields are decided before any grant (evaluate.ts), so a grant naming one releases nothing.
      const granted = ownerOnly ? [] : (policy.grantsByCoordinate.get(coordinate) ?? []).filter(keep);
      const cells: MatrixCell[] = [];
      for (const viewerKind of kinds) {
        for (const ownerKind of kinds) {
          const fitting = granted.filter((grant) => grant.viewerKinds.has(viewerKind) && grant.ownerKinds.has(ownerKind)
            && bindsOnDay(grant, viewerKind, 'viewer') && bindsOnDay(grant, ownerKind, 'owner'));
          if (fitting.length === 0) continue;
          cells.push({ viewerKind, ownerKind, grants: fitting.map((grant) => cite(grant, day, cited)) });
        }
      }
      return { coordinate, ownerOnly, cells };
    });

  const columns = kinds.flatMap((viewerKind) => kinds
    .filter((ownerKind) => rows.some((row) => row.cells.some((cell) => cell.viewerKind === viewerKind && cell.ownerKind === ownerKind)))
    .map((ownerKind) => ({ viewerKind, ownerKind })));
  const citedGrants = policy.grants.filter((grant) => cited.has(grant));
  const compiled = new Map([...cited].map(([grant, made]) => [made, grant]));
  return {
    day, region, purpose, kinds, columns, rows,
    grants: citedGrants.map((grant) => cited.get(grant)!),
    agreements: policy.covenants.filter((covenant) => citedGrants.some((grant) => grant.covenant === covenant)),
    publicCoordinates: orderCoordinates(policy, options.coordinates).filter((coordinate) => policy.publicCoordinates.has(coordinate)),
    ownerOnlyCoordinates: rows.filter((row) => row.ownerOnly).map((row) => row.coordinate),
    organisations: policy.organisations.organisations.map((organisation) => ({
      id: organisation.id, name: organisation.name, kind: organisation.kind, homeRegion: organisation.homeRegion,
      exists: existsOn(organisation, day), controller: controllerOn(policy.organisations, organisation.id, day),
      validFrom: organisation.validFrom, validTo: organisation.validTo,
      inRegion: regionMunicipalities === null || [...organisation.regions.values()]
        .some((served) => [...policy.regionMunicipalities.get(served) ?? []].some((municipality) => regionMunicipalities.has(municipality))),
    })),
    acts: actRows(policy, { day, regionMunicipalities, purpose, kinds }),
    dataCategories: policy.dataCategories,
    sharing: sharingOf(policy, { day, regionMunicipalities, purpose, rows, compiledOf: (grant) => compiled.get(grant)! }),
  };
}

/**
 * Whether a grant binds some organisation of a kind that exists on the day: a party it names, or any
 * organisation of the kind when it names none. Records are decided with their controller's kind, so
 * an ASHG's records are read as Veilig Thuis's once the ASHG has gone: the ASHG column empties. With a
 * region filter and an `inViewerRegion` condition, a viewer must also serve some of the region (its
 * region of the covenant's kind). Without a registry (hand-built policies) every kind is taken to exist.
 */
function partiesOnDay(policy: CompiledPolicy, day: string, regionMunicipalities: ReadonlySet<string> | null): (grant: CompiledGrant, kind: AgencyKind, side: 'viewer' | 'owner') => boolean {
  const { organisations } = policy.organisations;
  if (organisations.length === 0) return () => true;
  const existing = organisations.filter((organisation) => existsOn(organisation, day));
  return (grant, kind, side) => {
    const named = grant.parties.get(kind);
    if (named === undefined) return false;
    const servesRegion = side === 'owner' || regionMunicipalities === null || !grant.grant.conditions.some((condition) => condition.kind === 'inViewerRegion')
      ? () => true
      : (organisation: (typeof existing)[number]) => [...(policy.regionMunicipalities.get(viewerRegion(policy, { agencyId: organisation.id, kind: organisation.kind, region: organisation.homeRegion }, grant.covenant.regionKind)) ?? [])]
        .some((municipality) => regionMunicipalities.has(municipality));
    return existing.some((organisation) => organisation.kind === kind && (named === null || named.has(organisation.id)) && servesRegion(organisation));
  };
}

/** What the matrix says of one field of one owner kind's records for one viewer kind. */
export function cellOf(matrix: AccessMatrix, viewerKind: AgencyKind, ownerKind: AgencyKind, coordinate: string): { status: CellStatus; grants: readonly MatrixGrant[] } {
  if (matrix.publicCoordinates.includes(coordinate)) return { status: 'PUBLIC', grants: [] };
  const row = matrix.rows.find((candidate) => candidate.coordinate === coordinate);
  if (row?.ownerOnly) return { status: 'OWNER_ONLY', grants: [] };
  const cell = row?.cells.find((candidate) => candidate.viewerKind === viewerKind && candidate.ownerKind === ownerKind);
  return cell ? { status: 'ALLOWED', grants: cell.grants } : { status: 'DENIED', grants: [] };
}

/**
 * Whether the grant can hold for some household of the region. Only `inCovenantRegion` among the
 * grant's top-level (AND) conditions can rule a region out here; `inViewerRegion` depends on the
 * viewer agency, which a kind-level matrix does not fix, so it stays a condition in the cell.
 */
export function mayHoldInRegion(grant: CompiledGrant, municipalities: ReadonlySet<string>): boolean {
  if (!grant.grant.conditions.some((condition) => condition.kind === 'inCovenantRegion')) return true;
  for (const municipality of municipalities) if (grant.covenantMunicipalities.has(municipality)) return true;
  return false;
}

function cite(grant: CompiledGrant, day: string, cited: Map<CompiledGrant, MatrixGrant>): MatrixGrant {
  const known = cited.get(grant);
  if (known) return known;
  const { covenant } = grant;
  const made: MatrixGrant = {
    id: `${covenant.key}#${grant.grant.id}`,
    agreement: grant.agreement,
    title: covenant.title,
    ruleId: grant.grant.id,
    purposes: grant.grant.purposes,
    regions: covenant.regions,
    conditions: grant.grant.conditions,
    conditionTexts: grant.grant.conditions.map(describeCondition),
    parties: [...grant.parties].map(([kind, agencies]) => ({ kind, agencyIds: agencies === null ? null : [...agencies].sort() })),
    validity: validityOn(covenant, day),
    source: grant.grant.source,
  };
  cited.set(grant, made);
  return made;
}

function orderCoordinates(policy: CompiledPolicy, given: readonly string[] | undefined): string[] {
  const known = new Set([...policy.publicCoordinates, ...policy.ownerOnlyCoordinates, ...policy.grantsByCoordinate.keys()]);
  const first = given ? [...new Set(given)].filter((coordinate) => known.has(coordinate)) : [];
  const placed = new Set(first);
  return [...first, ...[...known].filter((coordinate) => !placed.has(coordinate)).sort((a, b) => {
    const [typeA = '', fieldA = ''] = a.split('.');
    const [typeB = '', fieldB = ''] = b.split('.');
    return typeA === typeB ? (fieldA < fieldB ? -1 : 1) : typeA < typeB ? -1 : 1;
  })];
}
