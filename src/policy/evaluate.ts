/**
 * The decision for one field of one record: pure, no I/O, the time passed in. The order of the rules
 * is walkGrants' (public, owner, owner-only, then the grants; deny by default).
 */
import type { CompiledPolicy } from './compile.ts';
import type { AccessRequest, Decision, Viewer } from './decision.ts';
import type { RecordFacts } from './facts.ts';
import { isParty } from './grant-match.ts';
import { amsterdamDay, inForceOn } from './validity.ts';
import { walkGrants, type WalkRequest } from './walk-grants.ts';
import { existsOn } from './organisations.ts';

export function evaluate(policy: CompiledPolicy, request: AccessRequest): Decision {
  return decideOn(policy, request, () => request.facts, amsterdamDay(request.at));
}

/** evaluate under exactly the chosen covenant versions (`id@version`), whatever their validity: see decideAmong. */
export function evaluateAmong(policy: CompiledPolicy, request: Omit<AccessRequest, 'at'> & { readonly day?: string | null }, versions: ReadonlySet<string>): Decision {
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
 * `request.day`, when given, decides which organisations exist and control records (organisations.ts).
 * Replays and shadow evaluation decide through it; `request.at` is not looked at.
 */
export function decideAmong(policy: CompiledPolicy, request: WalkRequest, factsOf: () => RecordFacts, versions: ReadonlySet<string>): Decision {
  return decideWhere(policy, request, factsOf, versions);
}

/** The one decision procedure (walkGrants); `inForce` is a day (validity decides) or the chosen versions' keys. */
function decideWhere(policy: CompiledPolicy, request: WalkRequest, factsOf: () => RecordFacts,
  inForce: string | ReadonlySet<string>): Decision {
  const decided = walkGrants(policy, request, factsOf, inForce);
  // RecordFacts withhold nothing, so every condition holds or fails and the walk always decides.
  if (decided.effect === 'undetermined') throw new Error('unreachable: a decision on complete facts is undetermined');
  return decided;
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
  const organisation = policy.organisations.get(viewer.agencyId);
  if (organisation && !existsOn(organisation, day)) return false;
  return (policy.grantsByCoordinate.get(coordinate) ?? []).some((grant) =>
    grant.viewerKinds.has(viewer.kind) && isParty(grant, viewer.kind, viewer.agencyId) && grant.purposes.has(purpose) && inForceOn(grant.covenant, day));
}
