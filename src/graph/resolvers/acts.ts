/**
 * The chain's acts (schema/act.graphql, docs/acts.md). An act is made like a read is answered: the
 * caller's own record is found through the per-request loaders, the policy decides (write grants: which
 * coordinates travel to this receiver under the declared purpose), and the act is queued in the outbox
 * with the audit entries that account for it, in one transaction. Delivery happens after the response,
 * from the outbox (src/acts/dispatcher.ts); the caller sees PENDING and follows the act by its id.
 *
 * Every refusal is coded and writes nothing. A record the caller may not act on answers exactly as one
 * that does not exist, no sooner than the not-found floor.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ActAnswer, ActKind } from '#domain/acts.ts';
import { amsterdamDay } from '#domain/calendar.ts';
import { gatewayError } from '#domain/errors.ts';
import type { ChildRecord, PhaseCategory, ReferralKind } from '#domain/records.ts';
import type { ActRow } from '#src/audit/act-outbox.ts';
import type { AuditFacts } from '#src/audit/entry.ts';
import { isAuditStoreError } from '#src/audit/errors.ts';
import { actAuditEntries, composeDelivery, type ActEntryBase } from '#src/acts/compose.ts';
import { coordinatesSent } from '#src/acts/travel.ts';
import { receivedCase } from '#src/acts/inbox.ts';
import { INBOX_REFERENCE } from '#src/audit/act-outbox.ts';
import { factsFor, loadHouseholdChildren, loadReferralFacts } from '#src/enforcement/facts.ts';
import type { AgencyNode, HouseholdNode, Source } from '#src/households/nodes.ts';
import type { AuditEntryInput } from '#src/audit/entry.ts';
import type { NewNotice } from '#src/audit/notices.ts';
import { basisOfDecision, newNoticeId, noticeEntry } from '#src/enforcement/notices.ts';
import { controllerOn, controllersAt, decideAct, decideInvolvementNotice, type ActDecision, type RecordFacts } from '#src/policy/index.ts';
import type { GatewayContext } from '../context.ts';
import { openedId } from '../caller-ids.ts';
import { noSoonerThanFloor } from '../not-found-floor.ts';
import { polledStream } from './polled-stream.ts';
import { accountTold } from './told.ts';
import { PRIVACY_OFFICER, officerOnly } from './require-role.ts';

const MAX_PAGE = 100;
const MAX_TEXT = 2000;
const MAX_CONDITIONS = 20;

interface HandOverInput {
  readonly idempotencyKey: string;
  readonly reportId: string;
  readonly to: string;
  readonly referralKind: ReferralKind;
  readonly reason?: string | null;
  readonly safetyConditions?: readonly string[] | null;
}

interface AnswerInput {
  readonly idempotencyKey: string;
  readonly actId: string;
  readonly answer: ActAnswer;
  readonly reason?: string | null;
}

interface FeedbackInput {
  readonly idempotencyKey: string;
  readonly actId: string;
  readonly phaseCategory?: PhaseCategory | null;
  readonly receivingCareProvider?: string | null;
}

function actServices(context: GatewayContext) {
  const acts = context.services.acts;
  if (!acts) throw gatewayError('ACT_NOT_ALLOWED', 'This gateway carries no acts.');
  return { ...acts, outbox: () => context.services.audit.acts };
}

/** Acts are made by the organisation's staff, for a purpose of their work; never by a privacy officer. */
function requireActor(context: GatewayContext): void {
  if (context.caller.role === PRIVACY_OFFICER) {
    throw gatewayError('FORBIDDEN', 'Privacy officers audit the acts; they do not make them.', { http: { status: 403 } });
  }
}

function checkText(name: string, value: string | null | undefined, required = false): void {
  if ((value === null || value === undefined || value.trim() === '') && required) throw gatewayError('BAD_USER_INPUT', `${name} is required here.`);
  if (value && value.length > MAX_TEXT) throw gatewayError('BAD_USER_INPUT', `${name} is longer than ${MAX_TEXT} characters.`);
}

function checkKey(key: string): void {
  if (!/^[\w.:-]{8,128}$/.test(key)) throw gatewayError('BAD_USER_INPUT', 'idempotencyKey must be 8 to 128 letters, digits or . _ : -');
}

const inputHash = (kind: string, input: object): string =>
  createHash('sha256').update(JSON.stringify([kind, Object.entries(input).sort(([a], [b]) => a.localeCompare(b))])).digest('base64url');

/**
 * A repeated request: the same key with the same input answers the act queued first, whatever changed
 * since (an answer given, a case closed, a covenant ended); with another input it is a conflict. The
 * store checks the same again when queueing, for two requests that race each other here.
 */
async function repeated(context: GatewayContext, kind: ActKind, input: { readonly idempotencyKey: string }): Promise<ActRow | null> {
  const known = await actServices(context).outbox().byKey(context.caller.agencyId, input.idempotencyKey).catch(storeError);
  if (!known) return null;
  if (known.inputHash !== inputHash(kind, input)) throw gatewayError('ACT_IDEMPOTENCY_CONFLICT', 'This idempotency key was used for another act.');
  return known;
}

const newActId = (): string => `ac_${randomBytes(16).toString('base64url')}`;

async function notFound(context: GatewayContext, startedAt: number): Promise<never> {
  await noSoonerThanFloor(context, startedAt);
  throw gatewayError('ACT_NOT_FOUND', 'No record or act with this id is the caller\'s to act on.');
}

function refused(decision: ActDecision): never {
  throw gatewayError('ACT_NOT_ALLOWED', `No covenant in force allows this act (${decision.reason}).`);
}

/** The store's act rules as the caller's codes; any other store failure is the trail failing: closed. */
function storeError(error: unknown): never {
  if (isAuditStoreError(error)) {
    switch (error.code) {
      case 'ACT_IDEMPOTENCY_CONFLICT': throw gatewayError('ACT_IDEMPOTENCY_CONFLICT', 'This idempotency key was used for another act.');
      case 'ACT_ALREADY_ANSWERED': throw gatewayError('ACT_ALREADY_ANSWERED', 'The act was answered before.');
      case 'ACT_NOT_ANSWERABLE': throw gatewayError('ACT_NOT_ANSWERABLE', 'The act has not reached the caller\'s system yet.');
      case 'ACT_NOT_FOUND': throw gatewayError('ACT_NOT_FOUND', 'No record or act with this id is the caller\'s to act on.');
      default: break;
    }
  }
  throw gatewayError('AUDIT_UNAVAILABLE', 'The audit trail is unavailable; no act is queued without its audit record.', { http: { status: 503 } });
}

function entryBase(context: GatewayContext, processingActivity: string): ActEntryBase {
  const { caller } = context;
  return {
    traceId: context.traceId, spanId: context.spanId ?? null, parentSpanId: context.parentSpanId ?? null, operationId: context.requestId,
    operationName: null, time: context.now, endTime: new Date(Math.max(Date.now(), context.now.getTime())),
    viewer: {
      agencyId: caller.agencyId, userId: caller.userId, role: caller.role,
      responsibleUserId: caller.responsibleUserId ?? null, accessPoint: caller.accessPoint ?? null,
    },
    purpose: caller.purpose, processingActivity,
  };
}

function auditFacts(facts: RecordFacts): AuditFacts {
  return {
    municipality: facts.municipality, householdHasMinors: facts.householdHasMinors, subjectIsMinor: facts.subjectIsMinor,
    viewerInvolved: facts.viewerInvolved, referrals: facts.referrals.map((referral) => ({ ...referral })),
    ...(facts.childRoles.length > 0 ? { childRoles: [...facts.childRoles] } : {}),
  };
}

function basisOf(decision: ActDecision): string[] {
  return [...new Set(decision.grants.map((grant) => `${grant.key}#${grant.article}`))].sort();
}

/**
 * AGENCY_INVOLVED notices (docs/notifications.md): the other organisations that work on the household
 * (hold a record of it, by controller on the day) are told that the receiver is becoming involved, each
 * only where the policy lets it see the receiver's involvement (decideInvolvementNotice), with facts as
 * they bear on it and the new referral among them. Committed with the act, each with its own entry.
 */
function involvementNotices(context: GatewayContext, input: {
  readonly household: HouseholdNode; readonly receiver: AgencyNode; readonly referralKind: ReferralKind; readonly source: Source;
  readonly loaded: Parameters<typeof factsFor>[1];
}): { notices: NewNotice[]; entries: AuditEntryInput[] } {
  const { caller, services } = context;
  const controllerOf = controllersAt(services.policy.organisations, context.now);
  const recipients = new Set(input.household.records.map((record) => controllerOf(record.owner.agencyId)));
  recipients.delete(caller.agencyId);
  recipients.delete(input.receiver.id);
  const referral = { fromAgencyId: caller.agencyId, toAgencyId: input.receiver.id, kind: input.referralKind, status: 'OFFERED' as const };
  const loaded = { ...input.loaded, referrals: [...input.loaded.referrals, referral] };
  const meta = { traceId: context.traceId, spanId: context.spanId ?? null, parentSpanId: context.parentSpanId ?? null, requestId: context.requestId, now: context.now };
  const notices: NewNotice[] = [];
  const entries: AuditEntryInput[] = [];
  for (const recipientId of [...recipients].sort()) {
    const recipient = services.agencyNode(recipientId);
    if (!recipient) continue;
    const { decision, purpose } = decideInvolvementNotice(services.policy, {
      recipient: { agencyId: recipient.id, kind: recipient.kind, region: recipient.region },
      involved: { agencyId: input.receiver.id, kind: input.receiver.kind, region: input.receiver.region },
      facts: factsFor(input.source, loaded, recipient.id, context.now, controllerOf), at: context.now,
    });
    const household = services.ids.of(recipient.id).show(input.household.id);
    if (decision.effect !== 'allow' || purpose === null || household === null) continue;
    const basis = basisOfDecision(decision);
    const notice: NewNotice = {
      id: newNoticeId(), recipient: recipient.id, kind: 'AGENCY_INVOLVED', createdAt: context.now,
      body: { agency: input.receiver.id, purpose: null, basis: basis ? [basis] : [], records: [], fields: [], household, referralKind: input.referralKind },
    };
    notices.push(notice);
    entries.push(noticeEntry(notice, decision, meta, input.receiver.id, { purpose, activity: actServices(context).processingActivityOf(recipient.id, purpose) }));
  }
  return { notices, entries };
}

/** A handover or referral of the caller's own report. */
async function sendCase(context: GatewayContext, kind: Extract<ActKind, 'HAND_OVER_CASE' | 'REFER_ZORGMELDING'>, input: HandOverInput): Promise<ActRow> {
  requireActor(context);
  const acts = actServices(context);
  checkKey(input.idempotencyKey);
  checkText('reason', input.reason);
  if ((input.safetyConditions?.length ?? 0) > MAX_CONDITIONS) throw gatewayError('BAD_USER_INPUT', `At most ${MAX_CONDITIONS} safetyConditions.`);
  for (const condition of input.safetyConditions ?? []) checkText('safetyConditions', condition, true);
  const first = await repeated(context, kind, input);
  if (first) return first;
  const startedAt = performance.now();
  const { caller, services } = context;
  const day = amsterdamDay(context.now);

  // The caller's own record: one its organisation controls today (its own, or a predecessor's).
  const [ownerId, localId] = openedId(context, 'report', input.reportId) ?? [];
  if (!ownerId || !localId || controllerOn(services.policy.organisations, ownerId, day) !== caller.agencyId) return notFound(context, startedAt);
  const loaders = context.request.loaders(ownerId);
  const report = loaders ? await loaders.report.load(localId).catch(() => null) : null;
  if (!loaders || !report?.householdLocalId) return notFound(context, startedAt);
  const household = await context.request.households.byRecord(ownerId, report.householdLocalId);
  const householdRecord = household?.records.find((record) => record.owner.agencyId === ownerId && record.localId === report.householdLocalId) ?? null;
  if (!household) return notFound(context, startedAt);

  const receiver = services.agencyNode(input.to);
  if (!receiver) throw gatewayError('BAD_USER_INPUT', 'to names no organisation of the chain.');
  if (receiver.id === caller.agencyId) throw gatewayError('BAD_USER_INPUT', 'An organisation does not hand a case over to itself.');
  if (report.phaseCategory === 'CLOSED') throw gatewayError('ACT_CASE_CLOSED', 'The case is closed; it cannot be handed over or referred.');

  const children: ChildRecord[] = [...await loaders.childrenByHousehold.load(report.householdLocalId).catch(() => [])];
  const onError = (agencyId: string, error: unknown) => context.request.upstreamFailed(agencyId, error);
  const loaded = {
    referrals: await loadReferralFacts(household, context.request.loaders, onError),
    children: await loadHouseholdChildren(household, context.request.loaders, onError),
  };
  const source: Source = {
    owner: report.owner, recordKey: `${ownerId}:Report:${localId}`, entityType: 'Report', entityId: input.reportId,
    municipality: report.municipality, household, subjectBsn: null, aboutHousehold: true, subjectBirthDate: null,
  };
  const facts = factsFor(source, loaded, caller.agencyId, context.now, controllersAt(services.policy.organisations, context.now));
  const decision = decideAct(services.policy, {
    act: kind, referralKind: input.referralKind, sender: { agencyId: caller.agencyId, kind: caller.kind, region: caller.region },
    receiver: { agencyId: receiver.id, kind: receiver.kind }, purpose: caller.purpose, facts, at: context.now,
  });
  if (!decision.allowed) refused(decision);
  // A receiver without a record system (a wijkteam) reads the act from the gateway's inbox (src/acts/inbox.ts).
  if (!services.adapters.get(receiver.id)?.deliver && !acts.withoutSystem(receiver.id)) {
    throw gatewayError('ACT_NOT_ALLOWED', 'No covenant in force allows this act (RECEIVER_WITHOUT_SYSTEM): the receiver has no record system the gateway delivers to.');
  }

  const actId = newActId();
  const delivery = composeDelivery({
    actId, kind, referralKind: input.referralKind, sender: caller.agencyId, receiver: receiver.id, sentAt: context.now,
    senderReference: localId, municipality: report.municipality ?? householdRecord?.municipality ?? '',
    household: householdRecord, children, report, granted: decision.coordinates,
    reason: input.reason ?? null, safetyConditions: input.safetyConditions ?? [],
  });
  const ids = services.ids.records;
  const entries = actAuditEntries({
    base: entryBase(context, acts.processingActivityOf(caller.agencyId, caller.purpose)), delivery, household: householdRecord, children,
    entityIds: {
      report: ids.seal('report', [ownerId, localId]), household: household.id,
      child: (child) => ids.seal('child', [child.owner.agencyId, child.localId]),
      member: (index) => ids.seal('member', [ownerId, report.householdLocalId ?? '', String(index)]),
    },
    pseudonyms: { subject: services.pseudonymize, entity: services.entityPseudonym },
    basis: decision.basis, grants: decision.grants, facts: auditFacts(facts), decisionPrefix: `dc_${randomBytes(12).toString('base64url')}.`,
  });
  const told = involvementNotices(context, { household, receiver, referralKind: input.referralKind, source, loaded });
  const queued = await acts.outbox().enqueue({
    id: actId, sender: caller.agencyId, idempotencyKey: input.idempotencyKey, inputHash: inputHash(kind, input), kind,
    referralKind: input.referralKind, receiver: receiver.id, answersAct: null,
    fieldsSent: coordinatesSent([delivery.report, delivery.household, ...delivery.members, ...delivery.children]), basis: basisOf(decision),
    payload: acts.sealer.seal(delivery), reference: acts.sealer.sealReference(actId, localId), municipality: delivery.municipality || null,
    createdAt: context.now,
  }, [...entries, ...told.entries], undefined, told.notices).catch(storeError);
  if (queued.created) acts.dispatcher.nudge();
  return queued.act;
}

/** The act addressed to the caller that an answer or feedback is about. */
async function receivedAct(context: GatewayContext, actId: string, startedAt: number): Promise<ActRow> {
  const act = await actServices(context).outbox().get(actId).catch(storeError);
  if (!act || act.receiver !== context.caller.agencyId || act.answersAct !== null) return notFound(context, startedAt);
  return act;
}

/** Facts of an answer or feedback: the household's municipality and the referral being answered. */
function replyFacts(act: ActRow): RecordFacts {
  return {
    municipality: act.municipality, householdHasMinors: false, subjectIsMinor: null, viewerInvolved: true, childRoles: [],
    referrals: [{ fromAgencyId: act.sender, toAgencyId: act.receiver, kind: act.referralKind as ReferralKind | null, status: 'OFFERED' }],
  };
}

async function reply(context: GatewayContext, kind: 'ANSWER_REFERRAL' | 'GIVE_FEEDBACK', input: AnswerInput | FeedbackInput): Promise<ActRow> {
  requireActor(context);
  const acts = actServices(context);
  checkKey(input.idempotencyKey);
  const first = await repeated(context, kind, input);
  if (first) return first;
  const startedAt = performance.now();
  const { caller, services } = context;
  const answered = await receivedAct(context, input.actId, startedAt);
  const answer = kind === 'ANSWER_REFERRAL' ? (input as AnswerInput) : null;
  const feedback = kind === 'GIVE_FEEDBACK' ? (input as FeedbackInput) : null;
  if (answer) checkText('reason', answer.reason, answer.answer !== 'ACCEPTED');
  if (feedback) checkText('receivingCareProvider', feedback.receivingCareProvider);
  const sender = services.agencyNode(answered.sender);
  if (!sender || !answered.reference) return notFound(context, startedAt);

  const facts = replyFacts(answered);
  const decision = decideAct(services.policy, {
    act: kind, referralKind: null, sender: { agencyId: caller.agencyId, kind: caller.kind, region: caller.region },
    receiver: { agencyId: sender.id, kind: sender.kind }, purpose: caller.purpose, facts, at: context.now,
  });
  if (!decision.allowed) refused(decision);
  if (!services.adapters.get(sender.id)?.deliver) {
    throw gatewayError('ACT_NOT_ALLOWED', 'No covenant in force allows this act (RECEIVER_WITHOUT_SYSTEM): the sender has no record system the gateway delivers to.');
  }
  const actId = newActId();
  // Feedback says only what the grant lets travel of it: the phase category and the care provider.
  const feedbackValues = feedback ? {
    phaseCategory: decision.coordinates.has('Involvement.phaseCategory') ? feedback.phaseCategory ?? null : null,
    receivingAgencyId: null,
    receivingCareProvider: decision.coordinates.has('Report.receivingCareProvider') ? feedback.receivingCareProvider ?? null : null,
  } : null;
  const delivery = composeDelivery({
    actId, kind, referralKind: null, sender: caller.agencyId, receiver: sender.id, sentAt: context.now,
    senderReference: acts.sealer.openReference(answered.id, answered.reference), municipality: answered.municipality ?? '',
    household: null, children: [], report: null, granted: decision.coordinates, reason: null, safetyConditions: [],
    answer: answer ? { decision: answer.answer, reason: answer.reason ?? null, answeredAct: answered.id } : null,
    feedback: feedbackValues,
  });
  const sent = [
    ...(feedbackValues?.phaseCategory ? ['Involvement.phaseCategory'] : []),
    ...(feedbackValues?.receivingCareProvider ? ['Report.receivingCareProvider'] : []),
  ];
  const entries = actAuditEntries({
    base: entryBase(context, acts.processingActivityOf(caller.agencyId, caller.purpose)), delivery: { ...delivery, senderAgencyId: caller.agencyId },
    household: null, children: [],
    entityIds: { report: null, household: null, child: () => '', member: () => '' },
    pseudonyms: { subject: services.pseudonymize, entity: services.entityPseudonym },
    basis: decision.basis, grants: decision.grants, facts: auditFacts(facts), decisionPrefix: `dc_${randomBytes(12).toString('base64url')}.`,
  }).map((entry) => ({ ...entry, fieldsReleased: sent }));
  const queued = await acts.outbox().enqueue({
    id: actId, sender: caller.agencyId, idempotencyKey: input.idempotencyKey, inputHash: inputHash(kind, input), kind, referralKind: null,
    receiver: sender.id, answersAct: answered.id, fieldsSent: sent, basis: basisOf(decision), payload: acts.sealer.seal(delivery),
    reference: null, municipality: answered.municipality, createdAt: context.now,
  }, entries, answer ? { actId: answered.id, answer: answer.answer, answeredBy: caller.agencyId, at: context.now } : undefined).catch(storeError);
  if (queued.created) acts.dispatcher.nudge();
  return queued.act;
}

/** An act the caller's organisation sent or received; null (as for none) otherwise. */
async function ownAct(context: GatewayContext, id: string): Promise<ActRow | null> {
  const act = await actServices(context).outbox().get(id).catch(storeError);
  return act && (act.sender === context.caller.agencyId || act.receiver === context.caller.agencyId) ? act : null;
}

function cursorOf(act: ActRow): string {
  return `ev_${act.changedSeq}`;
}

function parseCursor(cursor: string): number {
  const match = /^ev_(\d{1,15})$/.exec(cursor);
  if (!match) throw gatewayError('BAD_USER_INPUT', 'after is not a cursor of the act events.');
  return Number(match[1]);
}

/**
 * The caller's organisation's act changes from `after` on, as a subscription. Each event is the act as it
 * stands (public fields only: parties, status, field names), so an event tells nothing the caller could
 * not read with Query.act.
 */
function actEventStream(context: GatewayContext, after: string | null | undefined): AsyncGenerator<ActRow> {
  const outbox = actServices(context).outbox();
  return polledStream<ActRow>({
    start: () => outbox.lastChange().catch(storeError),
    after: (position, limit) => outbox.changes(context.caller.agencyId, position, limit).catch(storeError),
    positionOf: (act) => act.changedSeq,
    account: (acts) => accountTold(context, 'act-events', acts.map(cursorOf)),
  }, after ? parseCursor(after) : null);
}

export const actResolvers = {
  Subscription: {
    actEvents: {
      subscribe: (_root: unknown, args: { after?: string | null }, context: GatewayContext) => actEventStream(context, args.after),
      resolve: (act: ActRow) => act,
    },
  },
  ActEvent: {
    cursor: (act: ActRow) => cursorOf(act),
    act: (act: ActRow) => act,
  },
  Mutation: {
    handOverCase: (_root: unknown, args: { input: HandOverInput }, context: GatewayContext) => sendCase(context, 'HAND_OVER_CASE', args.input),
    referZorgmelding: (_root: unknown, args: { input: HandOverInput }, context: GatewayContext) => sendCase(context, 'REFER_ZORGMELDING', args.input),
    answerReferral: (_root: unknown, args: { input: AnswerInput }, context: GatewayContext) => reply(context, 'ANSWER_REFERRAL', args.input),
    giveFeedback: (_root: unknown, args: { input: FeedbackInput }, context: GatewayContext) => reply(context, 'GIVE_FEEDBACK', args.input),
    retryAct: officerOnly(async (_root: unknown, args: { id: string }, context: GatewayContext) => {
      const startedAt = performance.now();
      const acts = actServices(context);
      const act = await acts.outbox().get(args.id).catch(storeError);
      // The officer answers for its organisation's acts (and its predecessors' records' acts).
      if (!act || controllerOn(context.services.policy.organisations, act.sender, amsterdamDay(context.now)) !== context.caller.agencyId) return notFound(context, startedAt);
      const retried = await acts.outbox().retry(act.id, new Date()).catch(storeError);
      if (!retried) throw gatewayError('BAD_USER_INPUT', 'Only a FAILED act is retried.');
      context.enforcement.audit.search({ retryAct: act.id }, 'released', 'audit-query');
      acts.dispatcher.nudge();
      return retried;
    }),
  },
  Query: {
    actEvents: async (_root: unknown, args: { after?: string | null; first?: number | null }, context: GatewayContext) => {
      const first = args.first ?? 50;
      if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw gatewayError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE}.`);
      const events = await actServices(context).outbox().changes(context.caller.agencyId, args.after ? parseCursor(args.after) : 0, first).catch(storeError);
      await accountTold(context, 'act-events', events.map(cursorOf));
      return events;
    },
    act: async (_root: unknown, args: { id: string }, context: GatewayContext) => {
      const startedAt = performance.now();
      const act = await ownAct(context, args.id);
      if (!act) await noSoonerThanFloor(context, startedAt);
      return act;
    },
    acts: async (_root: unknown, args: { status?: ActRow['status'] | null; first?: number | null; after?: string | null }, context: GatewayContext) => {
      const first = args.first ?? 20;
      if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw gatewayError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE}.`);
      const after = args.after ? await ownAct(context, args.after) : null;
      if (args.after && !after) throw gatewayError('BAD_USER_INPUT', 'after is not a cursor of this list.');
      const rows = await actServices(context).outbox().list({ party: context.caller.agencyId, ...(args.status ? { status: args.status } : {}) }, first + 1, after?.id)
        .catch(storeError);
      return { nodes: rows.slice(0, first), pageInfo: { hasNextPage: rows.length > first, endCursor: rows.slice(0, first).at(-1)?.id ?? null } };
    },
  },
  Act: {
    sender: (act: ActRow, _args: unknown, context: GatewayContext) => context.services.agencyNode(act.sender),
    receiver: (act: ActRow, _args: unknown, context: GatewayContext) => context.services.agencyNode(act.receiver),
    answers: (act: ActRow) => act.answersAct,
    // What travelled, for a receiver without a record system, until it answers: only its staff read it.
    received: (act: ActRow, _args: unknown, context: GatewayContext) => {
      if (act.receiver !== context.caller.agencyId || context.caller.role === PRIVACY_OFFICER || act.receiverReference !== INBOX_REFERENCE || act.payload === null) return null;
      context.enforcement.audit.search({ receivedAct: act.id }, 'released', 'access');
      return receivedCase(actServices(context).sealer.open(act.id, act.payload));
    },
  },
};
