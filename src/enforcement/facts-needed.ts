/**
 * Which facts a decision can look at. Loading a household's referrals costs a call per agency, so it is
 * done only where some grant that could apply (this coordinate, the viewer's kind, the owner's kind) has
 * a referral condition; where none has, the referrals cannot change the decision and are not loaded.
 */
import type { AgencyKind } from '#domain/records.ts';
import type { CompiledPolicy } from '#src/policy/index.ts';
import type { Condition } from '#src/policy/index.ts';

function mentionsReferral(condition: Condition): boolean {
  return condition.kind === 'referral' || (condition.kind === 'anyOf' && condition.conditions.some(mentionsReferral));
}

export function createReferralNeed(policy: CompiledPolicy): (coordinate: string, viewer: AgencyKind, owner: AgencyKind) => boolean {
  const memo = new Map<string, boolean>();
  return (coordinate, viewer, owner) => {
    const key = `${coordinate}|${viewer}|${owner}`;
    let needed = memo.get(key);
    if (needed === undefined) {
      needed = (policy.grantsByCoordinate.get(coordinate) ?? []).some((grant) =>
        grant.viewerKinds.has(viewer) && grant.ownerKinds.has(owner) && grant.grant.conditions.some(mentionsReferral));
      memo.set(key, needed);
    }
    return needed;
  };
}
