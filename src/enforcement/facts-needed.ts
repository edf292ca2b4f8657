/**
 * Which facts a decision can look at. Loading a household's referrals or its children's records costs
 * a call per agency, so each is loaded only where some grant that could apply (this coordinate, the
 * viewer's kind, the owner's kind, the declared purpose) has a condition on it; where none has, they
 * cannot change the decision and are not loaded.
 */
import type { AgencyKind } from '#domain/records.ts';
import type { CompiledPolicy, Condition } from '#src/policy/index.ts';

/** What must be loaded before a decision: the household's referrals, its child records. */
export interface LoadsNeeded {
  readonly referrals: boolean;
  readonly children: boolean;
}

export const NOTHING_NEEDED: LoadsNeeded = Object.freeze({ referrals: false, children: false });

function mentions(condition: Condition, kind: Condition['kind']): boolean {
  return condition.kind === kind || (condition.kind === 'anyOf' && condition.conditions.some((inner) => mentions(inner, kind)));
}

export function createLoadNeed(policy: CompiledPolicy): (coordinate: string, viewer: AgencyKind, owner: AgencyKind, purpose: string) => LoadsNeeded {
  const memo = new Map<string, LoadsNeeded>();
  return (coordinate, viewer, owner, purpose) => {
    const key = `${coordinate}|${viewer}|${owner}|${purpose}`;
    let needed = memo.get(key);
    if (needed === undefined) {
      const conditions = (policy.grantsByCoordinate.get(coordinate) ?? [])
        .filter((grant) => grant.viewerKinds.has(viewer) && grant.ownerKinds.has(owner) && grant.purposes.has(purpose))
        .flatMap((grant) => grant.grant.conditions);
      needed = {
        referrals: conditions.some((condition) => mentions(condition, 'referral')),
        children: conditions.some((condition) => mentions(condition, 'childInvolvement')),
      };
      memo.set(key, needed);
    }
    return needed;
  };
}
