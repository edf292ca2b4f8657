/**
 * The property's viewers: every organisation of the registry (covenants/organisations.yaml), each with
 * its own purposes: those of the grants that name its kind and bind it as a party, whichever covenant
 * version they are in, and `own-records`. Nothing here names an organisation or a covenant, so a
 * covenant or an organisation added to the registry is drawn from as soon as it is there.
 */
import type { CompiledPolicy } from '#src/policy/compile.ts';
import { existsAt } from './oracle.ts';

export interface OrganisationViewer {
  readonly agencyId: string;
  /** Sorted; `own-records` always among them (DOMAIN rule 10). */
  readonly ownPurposes: readonly string[];
  /** Whether it has a record system behind the gateway (it owns records). */
  readonly hasSystem: boolean;
}

export const OWN_RECORDS = 'own-records';

export function organisationViewers(policy: CompiledPolicy): OrganisationViewer[] {
  return policy.organisations.organisations.map((organisation) => {
    const purposes = new Set([OWN_RECORDS]);
    for (const grant of policy.grants) {
      if (!grant.viewerKinds.has(organisation.kind)) continue;
      // A covenant binds its parties only: the kind's named agencies, or all of the kind (null).
      const parties = grant.parties.get(organisation.kind);
      if (parties === null || parties?.has(organisation.id)) for (const purpose of grant.purposes) purposes.add(purpose);
    }
    return { agencyId: organisation.id, ownPurposes: [...purposes].sort(), hasSystem: organisation.adapter !== null };
  });
}

/** The viewers that exist at the moment, and those that do not (their callers are refused outright). */
export function viewersAt(policy: CompiledPolicy, viewers: readonly OrganisationViewer[], at: Date): { existing: OrganisationViewer[]; gone: OrganisationViewer[] } {
  const existing = viewers.filter((viewer) => existsAt(policy.organisations, viewer.agencyId, at));
  return { existing, gone: viewers.filter((viewer) => !existing.includes(viewer)) };
}
