/**
 * Internal to src/policy. The one walk over a coordinate's grants that decides a field: `evaluate`
 * runs it for the enforcement, `explainAccess` runs it again with an observer, so a trace can never
 * tell a different story from the decision enforced. Order: public, owner (rule 10), owner-only
 * (rule 7), then the grants in force that fit viewer, owner and coordinate (rule 1: none, deny), for
 * the declared purpose (rule 8), whose conditions hold (rules 2-6, 9).
 */
import type { OwnerTag } from '#domain/records.ts';
import type { CompiledGrant, CompiledPolicy } from './compile.ts';
import { conditionOutcome, describeCondition } from './conditions.ts';
import type { Condition } from './covenant-types.ts';
import { ENGINE_RULES, type AccessRequest, type Decision, type ExplainedDecision } from './decision.ts';
import type { PartialFacts } from './facts.ts';
import { conditionScope, grantFits } from './grant-match.ts';
import { controllerOn, existsOn } from './organisations.ts';
import { inForceOn } from './validity.ts';

/** One grant whose conditions the walk checked: the outcome of each condition checked, in order. */
export interface GrantStep {
  readonly grant: CompiledGrant;
  /** true holds, false fails (the walk stops there), null turns on a withheld fact. */
  readonly outcomes: readonly (boolean | null)[];
}

/**
 * Decides, asking for the facts only when a grant that fits viewer, owner, validity and purpose has
 * conditions to check. With facts that withhold nothing (the enforcement's) it always decides; with
 * withheld facts (an explanation's) it answers `undetermined` where they could change the decision.
 */
export function walkGrants(policy: CompiledPolicy, request: WalkRequest, factsOf: () => PartialFacts,
  inForce: string | ReadonlySet<string>,
  observe?: (step: GrantStep) => void): ExplainedDecision {
  const { coordinate, viewer } = request;
  if (policy.publicCoordinates.has(coordinate)) return { effect: 'allow', reason: 'PUBLIC', coordinate, ruleId: ENGINE_RULES.public };
  // The organisations on the day: a viewer that does not exist (yet, or any more) is granted nothing
  // and owns nothing; a record is its controller's (its creator, or the creator's successor).
  const day = typeof inForce === 'string' ? inForce : request.day ?? null;
  if (day !== null && !viewerExistsOn(policy, viewer.agencyId, day)) return { effect: 'deny', reason: 'NO_GRANT', coordinate };
  const controllerOf = (agencyId: string): string => (day === null ? agencyId : controllerOn(policy.organisations, agencyId, day));
  const owner = controllerTag(policy, request.owner, controllerOf);
  request = owner === request.owner ? request : { ...request, owner };
  if (viewer.agencyId === owner.agencyId) return { effect: 'allow', reason: 'OWNER', coordinate, ruleId: ENGINE_RULES.owner };
  if (policy.ownerOnlyCoordinates.has(coordinate)) return { effect: 'deny', reason: 'OWNER_ONLY', coordinate, ruleId: ENGINE_RULES.ownerOnly };

  let fitting = false;
  let facts: PartialFacts | undefined;
  let firstFailure: Decision | null = null;
  // A grant walked before neither held nor failed, or the first failure's condition is not known.
  let unknown = false;
  for (const grant of policy.grantsByCoordinate.get(coordinate) ?? []) {
    // In force: on the day (its validity decides), or one of an explicitly chosen set of versions (replays, shadow).
    if (!grantFits(grant, request) || !(typeof inForce === 'string' ? inForceOn(grant.covenant, inForce) : inForce.has(grant.covenant.key))) continue;
    fitting = true;
    if (!grant.purposes.has(request.purpose)) continue;
    const { conditions } = grant.grant;
    const outcomes: (boolean | null)[] | null = observe ? [] : null;
    let failed: Condition | null = null;
    let undecided = false;
    if (conditions.length > 0) {
      const scope = conditionScope(policy, grant, request, (facts ??= factsOf()), controllerOf);
      for (const condition of conditions) {
        const outcome = conditionOutcome(condition, scope);
        outcomes?.push(outcome);
        if (outcome === false) {
          failed = condition;
          break;
        }
        if (outcome === null) undecided = true;
      }
    }
    if (outcomes) observe?.({ grant, outcomes });
    if (failed === null) {
      if (!undecided) return unknown ? undetermined(coordinate) : { effect: 'allow', reason: 'GRANT', coordinate, agreement: grant.agreement, ruleId: grant.grant.id };
      unknown = true;
      continue;
    }
    if (firstFailure === null && !unknown) {
      // The deny names the first grant tried and its first failing condition; an unknown one before it
      // might have failed first, so then not even the failed condition is known.
      if (undecided) unknown = true;
      else firstFailure = { effect: 'deny', reason: 'CONDITIONS_NOT_MET', coordinate, agreement: grant.agreement, ruleId: grant.grant.id, failedCondition: describeCondition(failed) };
    }
  }
  if (unknown) return undetermined(coordinate);
  if (firstFailure) return firstFailure;
  return { effect: 'deny', reason: fitting ? 'PURPOSE_NOT_COVERED' : 'NO_GRANT', coordinate };
}

/**
 * What the walk is asked. `day` (Europe/Amsterdam) decides which organisations exist and who controls
 * a record when the versions in force are chosen by hand (replays); walking on a day uses that day.
 */
export type WalkRequest = Omit<AccessRequest, 'facts' | 'at'> & { readonly day?: string | null };

function viewerExistsOn(policy: CompiledPolicy, agencyId: string, day: string): boolean {
  const organisation = policy.organisations.get(agencyId);
  return organisation === undefined || existsOn(organisation, day);
}

/**
 * The record's owner as the policy judges it on the day: its controller, with the controller's kind
 * (the walk and an explanation's trace must see the same owner).
 */
export function ownerOnDay(policy: CompiledPolicy, creator: OwnerTag, day: string): OwnerTag {
  return controllerTag(policy, creator, (agencyId) => controllerOn(policy.organisations, agencyId, day));
}

/** The record's owner as the policy sees it on the day: its controller, with the controller's kind. */
function controllerTag(policy: CompiledPolicy, creator: OwnerTag, controllerOf: (agencyId: string) => string): OwnerTag {
  const controllerId = controllerOf(creator.agencyId);
  if (controllerId === creator.agencyId) return creator;
  const controller = policy.organisations.get(controllerId)!;
  return { agencyId: controller.id, kind: controller.kind, region: controller.homeRegion };
}

function undetermined(coordinate: string): ExplainedDecision {
  return { effect: 'undetermined', reason: 'FACTS_NOT_SHOWN', coordinate };
}
