/**
 * The organisations of the chain over time (covenants/organisations.yaml): who exists on which day,
 * which region of each kind it serves, and who succeeded whom. A record stays attributed to the
 * organisation that created it; its controller on a day is the creator, or, from the day after the
 * creator's validTo, its successor (followed as far as the day needs). The policy decides with the
 * controller on the request's day, so the ASHG's records of 2013 are Veilig Thuis's in 2026.
 */
import { withinDays } from '#domain/calendar.ts';
import type { AgencyKind } from '#domain/records.ts';
import type { RegionKind, SourceRef } from './covenant-types.ts';
import { amsterdamDay } from './validity.ts';

export interface OrganisationDef {
  readonly id: string;
  readonly kind: AgencyKind;
  readonly name: string;
  /** Chain-partner code in the legacy systems (ASHG-GRN, VT-DRE...). */
  readonly code: string;
  /** The region it serves per kind, in written order; the first is its home region. */
  readonly regions: ReadonlyMap<RegionKind, string>;
  readonly homeRegion: string;
  /** Adapter kind of its record system; null for a viewer without one. */
  readonly adapter: string | null;
  /** First and last day (Europe/Amsterdam, yyyy-mm-dd) it exists; null: unbounded. */
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly successor: string | null;
  readonly source: SourceRef;
}

/** The organisations by id, with the walks over time the policy needs. */
export interface OrganisationRegistry {
  readonly organisations: readonly OrganisationDef[];
  get(id: string): OrganisationDef | undefined;
}

export function createOrganisationRegistry(organisations: readonly OrganisationDef[]): OrganisationRegistry {
  const byId = new Map(organisations.map((organisation) => [organisation.id, organisation]));
  return { organisations, get: (id) => byId.get(id) };
}

/** Whether the organisation exists on the day. */
export function existsOn(organisation: Pick<OrganisationDef, 'validFrom' | 'validTo'>, day: string): boolean {
  return withinDays(day, organisation.validFrom, organisation.validTo);
}

/**
 * Who controls, on `day`, the records `creatorId` created: the creator while it exists, then its
 * successor, and so on (the loader refuses cycles). An id the registry does not know controls its
 * own records (an adapter test's made-up owner): nothing is gained by it, grants name known parties.
 */
export function controllerOn(registry: OrganisationRegistry, creatorId: string, day: string): string {
  let id = creatorId;
  for (let hops = 0; hops <= registry.organisations.length; hops++) {
    const organisation = registry.get(id);
    if (!organisation || organisation.validTo === null || day <= organisation.validTo || organisation.successor === null) return id;
    id = organisation.successor;
  }
  return id;
}

/** controllerOn for one instant, the day computed once: what fact-finding outside the engine asks per record. */
export function controllersAt(registry: OrganisationRegistry, at: Date): (creatorId: string) => string {
  const day = amsterdamDay(at);
  return (creatorId) => controllerOn(registry, creatorId, day);
}

/**
 * The organisations whose records `agencyId` controls on the day: itself and every predecessor whose
 * succession has reached it. What its privacy officer answers for (its trail, explanations, replays).
 */
export function controlledBy(registry: OrganisationRegistry, agencyId: string, day: string): string[] {
  return [agencyId, ...registry.organisations.filter((organisation) => organisation.id !== agencyId && controllerOn(registry, organisation.id, day) === agencyId)
    .map((organisation) => organisation.id)];
}
