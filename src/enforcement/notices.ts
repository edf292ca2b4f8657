/**
 * The notices a request publishes (src/audit/notices.ts, docs/notifications.md), each decided by the
 * policy and accounted by an audit entry of its own (kind `notification`: the recipient organisation is
 * the viewer, the notice's fields are what it releases), committed in one transaction with them.
 *
 * Access notices: every record the response released a field of, to another organisation than its
 * controller on the day, tells that controller who read it, for which purpose and under which
 * agreement, with the controller's own ids of its records: one notice per controller and request.
 */
import { randomBytes } from 'node:crypto';
import type { AuditEntryInput } from '#src/audit/entry.ts';
import type { NewNotice, NoticeBody, NoticeKind, NoticeRecord } from '#src/audit/notices.ts';
import type { Caller } from '#src/identity/caller.ts';
import type { OrganisationIds } from '#src/households/ids.ts';
import { agreementOf, controllerOn, decideAccessNotice, type CompiledPolicy, type Decision } from '#src/policy/index.ts';
import { amsterdamDay } from '#domain/calendar.ts';
import type { AuditBuffer, AuditRequestMeta } from './audit-buffer.ts';
import { toAuditDecision } from './audit-decision.ts';

/** The recipient organisation as the viewer of its notice's entry: no person read it (yet). */
export const NOTICE_VIEWER = { userId: 'ketenpoort:notifications', role: 'notification' } as const;
/**
 * The purpose an access notice is processed for at its recipient: accountability over disclosures of
 * its records (AVG art. 5(2), 24), the activity every organisation registers for its privacy officer.
 * An involvement notice is processed for the purpose its grant covers (the case conference's).
 */
export const ACCESS_NOTICE_PURPOSE = 'privacy-audit';

/** The coordinates a notice of each kind releases to its recipient. */
export const NOTICE_FIELDS: Readonly<Record<NoticeKind, readonly string[]>> = {
  RECORD_ACCESSED: ['Notification.agency', 'Notification.basis', 'Notification.fields', 'Notification.purpose', 'Notification.records'],
  AGENCY_INVOLVED: ['Notification.agency', 'Notification.basis', 'Notification.household', 'Notification.referralKind'],
};

export const newNoticeId = (): string => `nt_${randomBytes(16).toString('base64url')}`;

/** `agreement@version#article` of a decision that allowed by a grant, if it did. */
export function basisOfDecision(decision: Decision): string | null {
  const agreement = agreementOf(decision);
  return agreement ? `${agreement.key}#${agreement.article}` : null;
}

/** The audit entry that accounts for a notice: its recipient the viewer, its decision the one made. */
export function noticeEntry(notice: NewNotice, decision: Decision, meta: AuditRequestMeta, owner: string | null,
  processing: { readonly purpose: string; readonly activity: string }): AuditEntryInput {
  return {
    traceId: meta.traceId, spanId: meta.spanId, parentSpanId: meta.parentSpanId, operationId: meta.requestId, operationName: null,
    time: meta.now, endTime: new Date(Math.max(Date.now(), meta.now.getTime())), kind: 'notification',
    viewer: { agencyId: notice.recipient, ...NOTICE_VIEWER, responsibleUserId: null, accessPoint: null },
    purpose: processing.purpose, processingActivity: processing.activity, owner, entityType: 'Notification', entityId: null,
    subject: null, subjectType: null, relatedSubjects: [], fieldsReleased: [...NOTICE_FIELDS[notice.kind]], fieldsWithheld: [],
    decisions: [toAuditDecision({ ...decision, id: `dc_${notice.id}` })], facts: null,
    searchTerms: { notice: notice.id, notification: notice.kind, agency: notice.body.agency }, outcome: 'released',
  };
}

export interface AccessNoticeServices {
  readonly policy: CompiledPolicy;
  /** The pseudonyms an organisation is shown (src/households/ids.ts). */
  readonly idsOf: (organisationId: string) => OrganisationIds;
  /** The register's activity an organisation's purpose maps to (`id@version`). */
  readonly processingActivityOf: (organisationId: string, purpose: string) => string;
}

/**
 * The access notices for what this request released: none for the caller's own records (or its
 * predecessors', which it controls), none for a record whose controller the policy does not tell.
 */
export function accessNotices(buffer: AuditBuffer, caller: Caller, meta: AuditRequestMeta, services: AccessNoticeServices): { notices: NewNotice[]; entries: AuditEntryInput[] } {
  const day = amsterdamDay(meta.now);
  const byRecipient = new Map<string, { creators: Set<string>; records: Map<string, NoticeRecord>; fields: Set<string>; basis: Set<string>; decision: Decision }>();
  for (const recorded of buffer.recorded()) {
    if (!recorded.entered || recorded.released.size === 0) continue;
    // Told of what a covenant let through: a record shown only by its public fields discloses nothing of it.
    const granted = new Set<string>();
    for (const made of recorded.decisions) {
      const basis = made.effect === 'allow' && recorded.released.has(made.coordinate) ? basisOfDecision(made) : null;
      if (basis) granted.add(basis);
    }
    if (granted.size === 0) continue;
    const creator = recorded.source.owner.agencyId;
    const recipient = controllerOn(services.policy.organisations, creator, day);
    if (recipient === caller.agencyId) continue;
    const { decision } = decideAccessNotice(services.policy, { recipient, reader: caller.agencyId, creator, at: meta.now });
    if (decision.effect !== 'allow') continue;
    const shown = services.idsOf(recipient).show(recorded.source.entityId);
    if (shown === null) continue;
    let notice = byRecipient.get(recipient);
    if (!notice) {
      notice = { creators: new Set(), records: new Map(), fields: new Set(), basis: new Set(), decision };
      byRecipient.set(recipient, notice);
    }
    notice.creators.add(creator);
    notice.records.set(`${recorded.source.entityType}\u0000${shown}`, { type: recorded.source.entityType, id: shown });
    for (const coordinate of recorded.released) notice.fields.add(coordinate);
    for (const basis of granted) notice.basis.add(basis);
  }
  const notices: NewNotice[] = [];
  const entries: AuditEntryInput[] = [];
  for (const [recipient, found] of byRecipient) {
    const body: NoticeBody = {
      agency: caller.agencyId, purpose: caller.purpose, basis: [...found.basis].sort(),
      records: [...found.records.values()].sort((a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id)),
      fields: [...found.fields].sort(), household: null, referralKind: null,
    };
    const notice: NewNotice = { id: newNoticeId(), recipient, kind: 'RECORD_ACCESSED', body, createdAt: meta.now };
    notices.push(notice);
    // One creator is the usual case; a successor told of several predecessors' records names the first.
    entries.push(noticeEntry(notice, found.decision, meta, [...found.creators].sort()[0] ?? recipient,
      { purpose: ACCESS_NOTICE_PURPOSE, activity: services.processingActivityOf(recipient, ACCESS_NOTICE_PURPOSE) }));
  }
  return { notices, entries };
}

/** What a caller is told through its act events and its notices: the coordinates each item shows. */
export const TOLD_FIELDS: Readonly<Record<'act-events' | 'notifications', readonly string[]>> = {
  'act-events': ['Act.answer', 'Act.basis', 'Act.fieldsSent', 'Act.kind', 'Act.receiver', 'Act.sender', 'Act.status'],
  notifications: ['Notification.agency', 'Notification.basis', 'Notification.fields', 'Notification.household', 'Notification.purpose', 'Notification.records', 'Notification.referralKind'],
};

/**
 * The entry that accounts for act events or notices handed to someone (a caller reading or subscribing,
 * or an organisation's webhook endpoint): which, by cursor, and to whom. Told, not polled, and still
 * accounted: each notice was entered when it was made, and each time it reaches someone.
 */
export function toldEntry(viewer: AuditEntryInput['viewer'], meta: AuditRequestMeta, told: {
  readonly what: 'act-events' | 'notifications'; readonly cursors: readonly string[]; readonly purpose: string; readonly processingActivity: string;
}): AuditEntryInput {
  return {
    traceId: meta.traceId, spanId: meta.spanId, parentSpanId: meta.parentSpanId, operationId: meta.requestId, operationName: null,
    time: meta.now, endTime: new Date(Math.max(Date.now(), meta.now.getTime())), kind: 'notification', viewer,
    purpose: told.purpose, processingActivity: told.processingActivity, owner: null, entityType: told.what === 'act-events' ? 'ActEvent' : 'Notification',
    entityId: null, subject: null, subjectType: null, relatedSubjects: [], fieldsReleased: [...TOLD_FIELDS[told.what]], fieldsWithheld: [],
    decisions: [], facts: null, searchTerms: { told: told.what, cursors: told.cursors.join(' ') }, outcome: 'released',
  };
}
