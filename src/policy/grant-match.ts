/** Internal to src/policy. How a request meets a compiled grant; shared by evaluate and explain. */
import type { AgencyKind } from '#domain/records.ts';
import type { CompiledGrant, CompiledPolicy } from './compile.ts';
import type { ConditionScope } from './conditions.ts';
import type { RegionKind } from './covenant-types.ts';
import type { AccessRequest } from './decision.ts';
import type { PartialFacts } from './facts.ts';

const NOWHERE: ReadonlySet<string> = new Set();

/** A covenant binds its parties only: a kind's named agencies, or every agency of a kind left unnamed. */
export function isParty(grant: Pick<CompiledGrant, 'parties'>, kind: AgencyKind, agencyId: string): boolean {
  const agencies = grant.parties.get(kind);
  return agencies === null || (agencies !== undefined && agencies.has(agencyId));
}

/** Viewer and owner both fit the grant's kinds and are parties to its covenant. */
export function grantFits(grant: CompiledGrant, request: Pick<AccessRequest, 'viewer' | 'owner'>): boolean {
  const { viewer, owner } = request;
  return grant.viewerKinds.has(viewer.kind) && grant.ownerKinds.has(owner.kind)
    && isParty(grant, viewer.kind, viewer.agencyId) && isParty(grant, owner.kind, owner.agencyId);
}

/**
 * `owner` is the record's controller on the day; `controllerOf` turns a referral's agencies into
 * theirs, so a referral the ASHG made in 2013 counts as Veilig Thuis's in 2026.
 */
export function conditionScope(policy: CompiledPolicy, grant: CompiledGrant, request: Pick<AccessRequest, 'viewer' | 'owner'>, facts: PartialFacts,
  controllerOf: (agencyId: string) => string): ConditionScope {
  return {
    viewer: request.viewer,
    owner: request.owner,
    facts,
    covenantMunicipalities: grant.covenantMunicipalities,
    viewerMunicipalities: policy.regionMunicipalities.get(viewerRegion(policy, request.viewer, grant.covenant.regionKind)) ?? NOWHERE,
    ownerMunicipalities: policy.regionMunicipalities.get(viewerRegion(policy, request.owner, grant.covenant.regionKind)) ?? NOWHERE,
    controllerOf,
  };
}

/** The viewer's (or an owner's) region of a kind (organisations.yaml), else the region it carries (its home region). */
export function viewerRegion(policy: CompiledPolicy, viewer: AccessRequest['viewer'], kind: RegionKind): string {
  return policy.organisations.get(viewer.agencyId)?.regions.get(kind) ?? viewer.region;
}
