/**
 * Internal to the workbench. The access matrix by organisation: who may see what of whom on the day.
 * The cells say which kind may read which field of which kind; an officer asks about organisations
 * ("may the AMK Groningen see the ASHG Groningen's children?"). Each cell's grants are spread over the
 * organisations that exist on the day and are parties to them, and kept for a pair only where the
 * grant's region conditions can hold for one household (as for acts: mayHoldSomewhere). Fields are
 * then named by data category, so an arrow reads "child-identity, report-content" rather than 30 fields.
 * Pure.
 */
import type { CompiledGrant, CompiledPolicy, OrganisationDef, PolicyDataCategory } from '#src/policy/index.ts';
import { existsOn } from '#src/policy/index.ts';
import { mayHoldSomewhere } from './matrix-acts.ts';
import type { MatrixGrant, MatrixRow, MatrixSharing } from './matrix-types.ts';

export interface SharingOptions {
  readonly day: string;
  /** Municipalities of the region filter; null: every household. */
  readonly regionMunicipalities: ReadonlySet<string> | null;
  readonly purpose: string | null;
  /** The matrix's rows, public fields left out. */
  readonly rows: readonly MatrixRow[];
  /** The compiled grant behind a cell's grant. */
  readonly compiledOf: (grant: MatrixGrant) => CompiledGrant;
}

export function sharingOf(policy: CompiledPolicy, options: SharingOptions): MatrixSharing[] {
  const existing = policy.organisations.organisations.filter((organisation) => existsOn(organisation, options.day));
  const pairs = new Map<string, { viewer: OrganisationDef; owner: OrganisationDef; coordinates: Set<string>; grants: Set<MatrixGrant> }>();
  for (const row of options.rows) {
    for (const cell of row.cells) {
      for (const grant of cell.grants) {
        const compiled = options.compiledOf(grant);
        const viewers = existing.filter((organisation) => organisation.kind === cell.viewerKind && party(compiled, organisation));
        const owners = existing.filter((organisation) => organisation.kind === cell.ownerKind && party(compiled, organisation));
        for (const viewer of viewers) for (const owner of owners) {
          if (viewer.id === owner.id || !mayHoldSomewhere(policy, compiled, viewer, owner, options.regionMunicipalities)) continue;
          const key = `${viewer.id} ${owner.id}`;
          const pair = pairs.get(key) ?? { viewer, owner, coordinates: new Set<string>(), grants: new Set<MatrixGrant>() };
          pair.coordinates.add(row.coordinate);
          pair.grants.add(grant);
          pairs.set(key, pair);
        }
      }
    }
  }
  const governed = new Set(options.rows.filter((row) => !row.ownerOnly).map((row) => row.coordinate));
  const grantOrder = new Map(policy.grants.map((grant, index) => [`${grant.covenant.key}#${grant.grant.id}`, index]));
  return [...pairs.values()].map(({ viewer, owner, coordinates, grants }): MatrixSharing => {
    const ordered = [...grants].sort((a, b) => (grantOrder.get(a.id) ?? 0) - (grantOrder.get(b.id) ?? 0));
    const fields = options.rows.map((row) => row.coordinate).filter((coordinate) => coordinates.has(coordinate));
    const categories = wholeCategories(policy.dataCategories, governed, coordinates);
    const covered = new Set(categories.flatMap((category) => category.coordinates));
    return {
      viewerId: viewer.id, viewerKind: viewer.kind, ownerId: owner.id, ownerKind: owner.kind,
      purposes: [...new Set(ordered.flatMap((grant) => grant.purposes))].filter((purpose) => options.purpose === null || purpose === options.purpose).sort(),
      coordinates: fields,
      categories: categories.map((category) => category.name),
      otherCoordinates: fields.filter((coordinate) => !covered.has(coordinate)),
      grants: ordered,
    };
  }).sort((a, b) => cmp(a.ownerId, b.ownerId) || cmp(a.viewerId, b.viewerId));
}

/** A party to the grant's covenant: named by id, or of a kind every agency of which is a party. */
function party(grant: CompiledGrant, organisation: OrganisationDef): boolean {
  const named = grant.parties.get(organisation.kind);
  return named === null || (named !== undefined && named.has(organisation.id));
}

/**
 * The categories every governed field of which is released, leaving out one whose fields all lie in
 * another listed (case-outcome inside report-content): the shortest honest label. A category with no
 * governed field (all public) names nothing and is left out.
 */
export function wholeCategories(categories: readonly PolicyDataCategory[], governed: ReadonlySet<string>, released: ReadonlySet<string>): { name: string; coordinates: string[] }[] {
  const whole = categories
    .map((category) => ({ name: category.name, coordinates: category.coordinates.filter((coordinate) => governed.has(coordinate)) }))
    .filter((category) => category.coordinates.length > 0 && category.coordinates.every((coordinate) => released.has(coordinate)));
  return whole.filter((category, index) => !whole.some((other, otherIndex) => otherIndex !== index
    && category.coordinates.every((coordinate) => other.coordinates.includes(coordinate))
    && (other.coordinates.length > category.coordinates.length || otherIndex < index)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
