/**
 * Whom a notification may tell (issue 13, docs/notifications.md): a notice is a disclosure like a read,
 * so the policy decides it, pure, the time passed in.
 *
 * - An access notice (another organisation was shown a record) goes to the record's controller on the
 *   day and to nobody else: the owner rule (DOMAIN rule 10) is what lets it know who read its records.
 * - An involvement notice (an agency became involved with a household) tells the recipient exactly what
 *   a read of that agency's `Involvement.agency` would: allowed only where a grant in force lets the
 *   recipient see the new agency's involvement, for a purpose the grant covers, its conditions holding
 *   on the household's facts as they bear on the recipient.
 */
import type { OwnerTag } from '#domain/records.ts';
import type { CompiledPolicy } from './compile.ts';
import type { Decision, Viewer } from './decision.ts';
import { ENGINE_RULES } from './decision.ts';
import { evaluate } from './evaluate.ts';
import type { RecordFacts } from './facts.ts';
import { controllerOn, existsOn } from './organisations.ts';
import { amsterdamDay } from './validity.ts';

/** The coordinate an access notice releases to the controller: which of its records were read, by whom. */
export const ACCESS_NOTICE_COORDINATE = 'Notification.records';
/** What an involvement notice tells: the agency now involved, as Involvement.agency would. */
export const INVOLVEMENT_NOTICE_COORDINATE = 'Involvement.agency';

export interface NoticeDecision {
  readonly decision: Decision;
  /** The purpose under which an involvement notice was allowed (the grant's), null for access notices. */
  readonly purpose: string | null;
}

/** The record's controller on the day is told of a read by another organisation; nobody else. */
export function decideAccessNotice(policy: CompiledPolicy, request: { readonly recipient: string; readonly reader: string; readonly creator: string; readonly at: Date }): NoticeDecision {
  const day = amsterdamDay(request.at);
  const recipient = policy.organisations.get(request.recipient);
  const controls = controllerOn(policy.organisations, request.creator, day) === request.recipient;
  if ((recipient && !existsOn(recipient, day)) || !controls || request.reader === request.recipient) {
    return { decision: { effect: 'deny', reason: 'NO_GRANT', coordinate: ACCESS_NOTICE_COORDINATE }, purpose: null };
  }
  return { decision: { effect: 'allow', reason: 'OWNER', coordinate: ACCESS_NOTICE_COORDINATE, ruleId: ENGINE_RULES.owner }, purpose: null };
}

/**
 * The recipient is told that `involved` became involved with the household where some purpose a grant of
 * Involvement.agency covers for the recipient's kind allows it (purposes tried in name order, so the
 * decision is the same every time); otherwise the last denial.
 */
export function decideInvolvementNotice(policy: CompiledPolicy, request: {
  readonly recipient: Viewer; readonly involved: OwnerTag; readonly facts: RecordFacts; readonly at: Date;
}): NoticeDecision {
  const purposes = new Set<string>();
  for (const grant of policy.grantsByCoordinate.get(INVOLVEMENT_NOTICE_COORDINATE) ?? []) {
    if (grant.viewerKinds.has(request.recipient.kind)) for (const purpose of grant.purposes) purposes.add(purpose);
  }
  let last: Decision = { effect: 'deny', reason: 'NO_GRANT', coordinate: INVOLVEMENT_NOTICE_COORDINATE };
  for (const purpose of [...purposes].sort()) {
    const decision = evaluate(policy, {
      viewer: request.recipient, purpose, owner: request.involved, facts: request.facts, coordinate: INVOLVEMENT_NOTICE_COORDINATE, at: request.at,
    });
    if (decision.effect === 'allow') return { decision, purpose };
    last = decision;
  }
  return { decision: last, purpose: null };
}
