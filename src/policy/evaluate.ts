/**
 * The decision for one field of one record: pure, no I/O, the time passed in. Order: public, owner
 * (rule 10), owner-only (rule 7), then the grants in force that fit viewer, owner and coordinate
 * (rule 1: none, deny), for the declared purpose (rule 8), whose conditions hold (rules 2-6, 9).
 */
import type { CompiledPolicy } from './compile.ts';
import { describeCondition, firstFailing } from './conditions.ts';
import { ENGINE_RULES, type AccessRequest, type Decision, type Viewer } from './decision.ts';
import type { RecordFacts } from './facts.ts';
import { conditionScope, grantFits, isParty } from './grant-match.ts';
import { amsterdamDay, inForceOn } from './validity.ts';

export function evaluate(policy: CompiledPolicy, request: AccessRequest): Decision {
  return decideOn(policy, request, () => request.facts, amsterdamDay(request.at));
}

/** evaluate under exactly the chosen covenant versions (`id@version`), whatever their validity: see decideAmong. */
export function evaluateAmong(policy: CompiledPolicy, request: Omit<AccessRequest, 'at'>, versions: ReadonlySet<string>): Decision {
  return decideAmong(policy, request, () => request.facts, versions);
}

/**
 * evaluate with the Amsterdam day computed by the caller (once per request) and the facts asked for
 * only when a grant that fits viewer, owner, validity and purpose has conditions to check.
 */
export function decideOn(policy: CompiledPolicy, request: Omit<AccessRequest, 'facts'>, factsOf: () => RecordFacts, day: string): Decision {
  return decideWhere(policy, request, factsOf, day);
}

/**
 * decideOn under an explicitly chosen set of covenant versions (`id@version` keys, see versions.ts)
 * instead of those in force on a day: exactly these versions grant, whatever their validity says.
 * Replays and shadow evaluation decide through it; `request.at` is not looked at.
 */
export function decideAmong(policy: CompiledPolicy, request: Omit<AccessRequest, 'facts' | 'at'>, factsOf: () => RecordFacts, versions: ReadonlySet<string>): Decision {
  return decideWhere(policy, request, factsOf, versions);
}

/** The one decision procedure; `inForce` is a day (validity decides) or the chosen versions' keys. */
function decideWhere(policy: CompiledPolicy, request: Omit<AccessRequest, 'facts' | 'at'>, factsOf: () => RecordFacts,
  inForce: string | ReadonlySet<string>): Decision {
  const { coordinate, viewer, owner } = request;
  if (policy.publicCoordinates.has(coordinate)) return { effect: 'allow', reason: 'PUBLIC', coordinate, ruleId: ENGINE_RULES.public };
  if (viewer.agencyId === owner.agencyId) return { effect: 'allow', reason: 'OWNER', coordinate, ruleId: ENGINE_RULES.owner };
  if (policy.ownerOnlyCoordinates.has(coordinate)) return { effect: 'deny', reason: 'OWNER_ONLY', coordinate, ruleId: ENGINE_RULES.ownerOnly };

  let fitting = false;
  let facts: RecordFacts | undefined;
  let firstFailure: Decision | null = null;
  for (const grant of policy.grantsByCoordinate.get(coordinate) ?? []) {
    if (!grantFits(grant, request)) continue;
    if (!(typeof inForce === 'string' ? inForceOn(grant.covenant, inForce) : inForce.has(grant.covenant.key))) continue;
    fitting = true;
    if (!grant.purposes.has(request.purpose)) continue;
    const { conditions } = grant.grant;
    const failed = conditions.length === 0 ? null : firstFailing(conditions, conditionScope(policy, grant, request, (facts ??= factsOf())));
    if (failed === null) return { effect: 'allow', reason: 'GRANT', coordinate, agreement: grant.agreement, ruleId: grant.grant.id };
    firstFailure ??= {
      effect: 'deny', reason: 'CONDITIONS_NOT_MET', coordinate,
      agreement: grant.agreement, ruleId: grant.grant.id, failedCondition: describeCondition(failed),
    };
  }
  if (firstFailure) return firstFailure;
  return { effect: 'deny', reason: fitting ? 'PURPOSE_NOT_COVERED' : 'NO_GRANT', coordinate };
}

/**
 * True when the decision on this coordinate never looks at RecordFacts (public, owner-only, granted
 * by nothing, or granted only unconditionally): callers need not compute facts for it, and may reuse
 * one decision for every record of the same owner.
 */
export function isDataIndependent(policy: CompiledPolicy, coordinate: string): boolean {
  return policy.dataIndependent.has(coordinate) || !policy.grantsByCoordinate.has(coordinate);
}

/**
 * Whether this coordinate could be released to the viewer for the purpose at `at` for some record of
 * some other agency: public, or a grant in force fits the viewer (kind and party), purpose and
 * coordinate. Lets the gateway skip loading what can only be withheld. Owner access is not included:
 * which records the viewer owns is the gateway's to know.
 */
export function mayEverAllow(policy: CompiledPolicy, viewer: Viewer, purpose: string, coordinate: string, at: Date): boolean {
  if (policy.publicCoordinates.has(coordinate)) return true;
  if (policy.ownerOnlyCoordinates.has(coordinate)) return false;
  const day = amsterdamDay(at);
  return (policy.grantsByCoordinate.get(coordinate) ?? []).some((grant) =>
    grant.viewerKinds.has(viewer.kind) && isParty(grant, viewer.kind, viewer.agencyId) && grant.purposes.has(purpose) && inForceOn(grant.covenant, day));
}
