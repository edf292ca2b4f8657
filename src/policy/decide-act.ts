/**
 * The decision on one act (issue 13): may this sender hand over, refer, answer or give feedback to
 * this receiver, for this purpose, now, and what may travel with it. Pure: covenants and the time in,
 * a decision out. Deny by default (DOMAIN rule 1): only an act grant of a covenant version in force on
 * the Europe/Amsterdam day of `at` (rule 9, the read path's validity) allows an act, when it fits the
 * act, both parties (kind, and by id where the covenant names agencies), the referral kind and the
 * purpose (rule 8), and its conditions hold. What travels is the union of the coordinates of every
 * grant that allows the act; the reporter and restricted information never do (rule 7).
 */
import type { OwnerTag } from '#domain/records.ts';
import type { ActDecision, ActDecisionReason, ActGrantRef, ActParty, ActRequest } from './act-decision.ts';
import type { CompiledActGrant, CompiledPolicy } from './compile.ts';
import { conditionOutcome, describeActCondition, type ConditionScope } from './conditions.ts';
import type { Viewer } from './decision.ts';
import { isParty, viewerRegion } from './grant-match.ts';
import { controllerOn, existsOn } from './organisations.ts';
import { amsterdamDay, inForceOn } from './validity.ts';

const NOWHERE: ReadonlySet<string> = new Set();

export function decideAct(policy: CompiledPolicy, request: ActRequest): ActDecision {
  const day = amsterdamDay(request.at);
  const { sender, receiver } = request;
  // An act delivers into the receiver's system: both must be organisations of the chain on the day,
  // of the kind the request names (a registry that does not know one refuses, unlike a read's owner).
  const receiverTag = organisationOn(policy, receiver, day);
  if (organisationOn(policy, sender, day) === null || receiverTag === null) return refused('ORGANISATION_NOT_IN_FORCE');

  const fromSender = policy.actGrants.filter((grant) => inForceOn(grant.covenant, day) && grant.acts.has(request.act)
    && grant.senderKinds.has(sender.kind) && isParty(grant, sender.kind, sender.agencyId));
  if (fromSender.length === 0) return refused('NO_ACT_GRANT');
  const toReceiver = fromSender.filter((grant) => grant.receiverKinds.has(receiver.kind) && isParty(grant, receiver.kind, receiver.agencyId));
  if (toReceiver.length === 0) return refused('RECEIVER_NOT_ALLOWED');
  // A grant without referral kinds (answers, feedback) covers only acts that carry out no referral.
  const ofKind = toReceiver.filter((grant) => (grant.referralKinds === null
    ? request.referralKind === null
    : request.referralKind !== null && grant.referralKinds.has(request.referralKind)));
  if (ofKind.length === 0) return refused('REFERRAL_KIND_NOT_COVERED');
  const forPurpose = ofKind.filter((grant) => grant.purposes.has(request.purpose));
  if (forPurpose.length === 0) return refused('PURPOSE_NOT_COVERED');

  const viewer: Viewer = { agencyId: sender.agencyId, kind: sender.kind, region: sender.region };
  const controllerOf = (agencyId: string): string => controllerOn(policy.organisations, agencyId, day);
  const allowing: CompiledActGrant[] = [];
  let failedCondition: string | null = null;
  for (const grant of forPurpose) {
    const scope: ConditionScope = {
      viewer, owner: receiverTag, facts: request.facts, controllerOf,
      covenantMunicipalities: grant.covenantMunicipalities,
      viewerMunicipalities: policy.regionMunicipalities.get(viewerRegion(policy, viewer, grant.covenant.regionKind)) ?? NOWHERE,
      ownerMunicipalities: policy.regionMunicipalities.get(viewerRegion(policy, receiverTag, grant.covenant.regionKind)) ?? NOWHERE,
    };
    const failed = grant.grant.conditions.find((condition) => conditionOutcome(condition, scope) !== true);
    if (failed === undefined) allowing.push(grant);
    else failedCondition ??= describeActCondition(failed);
  }
  if (allowing.length === 0) return { ...refused('CONDITION_FAILED'), failedCondition };

  const basis = new Map<string, ActGrantRef[]>();
  const grants = allowing.map((grant): ActGrantRef => ({ ...grant.agreement, grantId: grant.grant.id }));
  allowing.forEach((grant, i) => {
    for (const coordinate of grant.coordinates) {
      // The loader and compilePolicy refuse such a grant; this line guards a policy built another way.
      if (policy.ownerOnlyCoordinates.has(coordinate)) continue;
      basis.set(coordinate, [...(basis.get(coordinate) ?? []), grants[i]!]);
    }
  });
  return { allowed: true, reason: 'ALLOWED', coordinates: new Set(basis.keys()), basis, grants, failedCondition: null };
}

/** The party as the policy knows it on the day, or null when it does not exist then (or is of another kind). */
function organisationOn(policy: CompiledPolicy, party: ActParty, day: string): OwnerTag | null {
  const organisation = policy.organisations.get(party.agencyId);
  if (!organisation || organisation.kind !== party.kind || !existsOn(organisation, day)) return null;
  return { agencyId: organisation.id, kind: organisation.kind, region: organisation.homeRegion };
}

function refused(reason: Exclude<ActDecisionReason, 'ALLOWED'>): ActDecision {
  return { allowed: false, reason, coordinates: new Set(), basis: new Map(), grants: [], failedCondition: null };
}
