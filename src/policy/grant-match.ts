/** Internal to src/policy. How a request meets a compiled grant; shared by evaluate and explain. */
import type { AgencyKind } from '#domain/records.ts';
import type { CompiledGrant, CompiledPolicy } from './compile.ts';
import type { ConditionScope } from './conditions.ts';
import type { AccessRequest } from './decision.ts';
import type { PartialFacts } from './facts.ts';

const NOWHERE: ReadonlySet<string> = new Set();

/** A covenant binds its parties only: a kind's named agencies, or every agency of a kind left unnamed. */
export function isParty(grant: CompiledGrant, kind: AgencyKind, agencyId: string): boolean {
  const agencies = grant.parties.get(kind);
  return agencies === null || (agencies !== undefined && agencies.has(agencyId));
}

/** Viewer and owner both fit the grant's kinds and are parties to its covenant. */
export function grantFits(grant: CompiledGrant, request: Pick<AccessRequest, 'viewer' | 'owner'>): boolean {
  const { viewer, owner } = request;
  return grant.viewerKinds.has(viewer.kind) && grant.ownerKinds.has(owner.kind)
    && isParty(grant, viewer.kind, viewer.agencyId) && isParty(grant, owner.kind, owner.agencyId);
}

export function conditionScope(policy: CompiledPolicy, grant: CompiledGrant, request: Pick<AccessRequest, 'viewer' | 'owner'>, facts: PartialFacts): ConditionScope {
  return {
    viewer: request.viewer,
    owner: request.owner,
    facts,
    covenantMunicipalities: grant.covenantMunicipalities,
    viewerMunicipalities: policy.regionMunicipalities.get(request.viewer.region) ?? NOWHERE,
  };
}
