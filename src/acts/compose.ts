/**
 * An act's two halves, composed from the sender's records and the policy's act decision: what travels
 * to the receiver (the ActDelivery, exactly the granted coordinates) and the audit entries that account
 * for it, one per data subject whose data travels (LDV: one line per person), each naming the fields
 * sent and the agreement@version#article they were sent under. Pure: ids, pseudonyms and time come in.
 */
import type { ActDelivery, ActKind, ActRecordValues } from '#domain/acts.ts';
import type { ChildRecord, HouseholdRecord, ReferralKind, ReportRecord } from '#domain/records.ts';
import type { AuditDecision, AuditEntryInput, AuditFacts } from '#src/audit/entry.ts';
import type { AgreementRef } from '#src/policy/index.ts';
import { travellingValues } from './travel.ts';

export interface ComposeInput {
  readonly actId: string;
  readonly kind: ActKind;
  readonly referralKind: ReferralKind | null;
  readonly sender: string;
  readonly receiver: string;
  readonly sentAt: Date;
  /** The sender's own id of the record the act is about. */
  readonly senderReference: string;
  readonly municipality: string;
  /** The sender's record of the household, its members, its child records and its report. */
  readonly household: HouseholdRecord | null;
  readonly children: readonly ChildRecord[];
  readonly report: ReportRecord | null;
  /** Coordinates the act decision lets travel. */
  readonly granted: ReadonlySet<string>;
  readonly reason: string | null;
  readonly safetyConditions: readonly string[];
  readonly answer?: ActDelivery['answer'];
  readonly feedback?: ActDelivery['feedback'];
}

export function composeDelivery(input: ComposeInput): ActDelivery {
  const householdValues = travellingValues('Household', input.household, input.granted);
  const addressValues = travellingValues('Address', input.household?.address ?? null, input.granted);
  const household: ActRecordValues | null = householdValues || addressValues
    ? { type: 'Household', values: { ...householdValues?.values, ...addressValues?.values } }
    : null;
  const present = <T>(value: T | null): value is T => value !== null;
  return {
    actId: input.actId, kind: input.kind, referralKind: input.referralKind, senderAgencyId: input.sender, receiverAgencyId: input.receiver,
    sentAt: input.sentAt.toISOString(), senderReference: input.senderReference, municipality: input.municipality,
    household,
    members: (input.household?.members ?? []).map((member) => travellingValues('HouseholdMember', member, input.granted)).filter(present),
    children: input.children.map((child) => travellingValues('Child', child, input.granted)).filter(present),
    report: travellingValues('Report', input.report, input.granted),
    reason: input.reason, safetyConditions: input.safetyConditions,
    answer: input.answer ?? null, feedback: input.feedback ?? null,
  };
}

/** What every entry of the act shares: the request's trace, the caller as viewer, purpose and activity. */
export type ActEntryBase = Pick<AuditEntryInput,
  'traceId' | 'spanId' | 'parentSpanId' | 'operationId' | 'operationName' | 'time' | 'endTime' | 'viewer' | 'purpose' | 'processingActivity'>;

export interface ActEntriesInput {
  readonly base: ActEntryBase;
  readonly delivery: ActDelivery;
  /** The sender's records the values came from (for the entries' record pseudonyms and subjects). */
  readonly household: HouseholdRecord | null;
  readonly children: readonly ChildRecord[];
  /** The gateway's record ids, by what they identify. */
  readonly entityIds: { readonly report: string | null; readonly household: string | null; child(child: ChildRecord): string; member(index: number): string };
  readonly pseudonyms: { readonly subject: (bsn: string) => string; readonly entity: (entityId: string) => string };
  /** For each travelling coordinate, the grants that let it travel; `grants` those that allowed the act. */
  readonly basis: ReadonlyMap<string, readonly AgreementRef[]>;
  readonly grants: readonly AgreementRef[];
  readonly facts: AuditFacts | null;
  /** Prefix of the entries' decision ids (one per act). */
  readonly decisionPrefix: string;
}

/**
 * The act's entries: one about the household as a whole (the report, household and address fields,
 * subject the lowest BSN the sender registered, the other members related), one per member and one per
 * child whose own fields travelled. An act that carries no record field (an answer, feedback without
 * granted fields) still gets one entry, so the act itself is in the trail.
 */
export function actAuditEntries(input: ActEntriesInput): AuditEntryInput[] {
  const { delivery, pseudonyms } = input;
  let counter = 0;
  const decisions = (coordinates: readonly string[]): AuditDecision[] => (coordinates.length > 0 ? coordinates : ['Act.kind']).map((coordinate) => {
    const agreement = input.basis.get(coordinate)?.[0] ?? input.grants[0] ?? null;
    return {
      id: `${input.decisionPrefix}${(counter++).toString(36)}`, coordinate, effect: 'allow', reason: 'GRANT',
      agreementKey: agreement?.key ?? null, article: agreement?.article ?? null, ruleId: null, failedCondition: null,
    };
  });
  const terms = {
    act: delivery.kind, receiver: delivery.receiverAgencyId,
    ...(delivery.referralKind ? { referralKind: delivery.referralKind } : {}),
    ...(delivery.answer ? { answer: delivery.answer.decision } : {}),
  };
  const memberBsns = [...new Set((input.household?.members ?? []).map((member) => member.bsn).filter((bsn): bsn is string => !!bsn))].sort();
  const householdSubject = memberBsns[0] ? pseudonyms.subject(memberBsns[0]) : null;
  const related = memberBsns.slice(1).map(pseudonyms.subject).sort();
  const entry = (fields: readonly string[], entityType: string, entityId: string | null, subject: string | null, aboutHousehold: boolean): AuditEntryInput => ({
    ...input.base, kind: 'act', owner: delivery.senderAgencyId, entityType, entityId: entityId ? pseudonyms.entity(entityId) : null,
    subject, subjectType: subject === null ? null : aboutHousehold ? 'household' : 'person',
    relatedSubjects: aboutHousehold ? related.filter((other) => other !== subject) : [],
    fieldsReleased: [...fields].sort(), fieldsWithheld: [], decisions: decisions(fields), facts: input.facts, searchTerms: terms, outcome: 'released',
  });

  const out: AuditEntryInput[] = [];
  const aboutHousehold = [...Object.keys(delivery.report?.values ?? {}), ...Object.keys(delivery.household?.values ?? {})];
  out.push(entry(aboutHousehold, delivery.report ? 'Report' : 'Household', input.entityIds.report ?? input.entityIds.household, householdSubject, true));
  (input.household?.members ?? []).forEach((member, index) => {
    const sent = delivery.members.find((values) => values.values['HouseholdMember.bsn'] === member.bsn && member.bsn)
      ?? (travelledOf(member, delivery.members));
    if (!sent) return;
    out.push(entry(Object.keys(sent.values), 'HouseholdMember', input.entityIds.member(index), member.bsn ? pseudonyms.subject(member.bsn) : null, false));
  });
  for (const child of input.children) {
    const sent = delivery.children.find((values) => sameChild(values, child));
    if (!sent) continue;
    out.push(entry(Object.keys(sent.values), 'Child', input.entityIds.child(child), child.bsn ? pseudonyms.subject(child.bsn) : null, false));
  }
  return out;
}

/** The member's travelled values, matched on every value that travelled (no BSN travelled). */
function travelledOf(member: object, sent: readonly ActRecordValues[]): ActRecordValues | null {
  const fields = member as Record<string, unknown>;
  return sent.find((values) => Object.entries(values.values).every(([coordinate, value]) => fields[coordinate.split('.')[1] ?? ''] === value)) ?? null;
}

function sameChild(values: ActRecordValues, child: ChildRecord): boolean {
  return travelledOf(child, [values]) !== null;
}
