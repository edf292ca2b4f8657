/**
 * One audit entry as one log line of Logboek Dataverwerkingen (LDV, Logius working version: component
 * Logboek, interface), with the NEN 7513 fields under `dpl.nen7513` as the LDV NEN 7513 extension
 * places them, and ketenpoort's own fields under `ketenpoort.`. docs/audit-ldv.md explains every field.
 *
 * Pure: the entry in, the line out. It adds nothing the trail does not hold, and the trail holds no BSN
 * or name (subjects and records are keyed pseudonyms); withholdBsnLookalikes guards that anyway.
 */
import { isValidBsn } from '#domain/bsn.ts';
import type { AuditDecision, AuditEntry, AuditEntryKind } from './entry.ts';

/** LDV `status_code` (the names of its enumeration: 0 UNSET, 1 OK, 2 ERROR). */
export type LdvStatusCode = 'STATUS_CODE_UNSET' | 'STATUS_CODE_OK' | 'STATUS_CODE_ERROR';

/** NEN 7513 action (`dpl.nen7513.eventTypeCode`): the entry's kind, a read named as such. */
export type NenAction = 'read' | 'search' | 'explain' | 'audit-query' | 'disclose';

/** `dpl.core.data_subject_id_type` and the NEN participant id type of the subject: a keyed pseudonym of the BSN. */
export const SUBJECT_ID_TYPE = 'ketenpoort-bsn-pseudonym';
/** The NEN participant id type of the record: a keyed pseudonym of the gateway's record id. */
export const RECORD_ID_TYPE = 'ketenpoort-record-pseudonym';
/** What `resource` names the system by (LDV leaves it to the organisation; NEN 7513 AuditSourceID). */
export const SOURCE_ID = 'ketenpoort';

export interface LdvLine {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  name: string;
  /** Unix time, milliseconds (LDV `timestamp (ms)`). */
  start_time: number;
  end_time: number;
  status_code: LdvStatusCode;
  foreign_operation: { trace_id: string; span_id: string; entity: string } | null;
  resource: { attributes: Record<string, string> };
  attributes: Record<string, unknown>;
}

export interface LdvOptions {
  /**
   * Base URI of the published register of processing activities: `dpl.core.processing_activity_id` is
   * then the activity's id resolved against it (LDV asks for a URI). Without it, the register id as
   * recorded (`<agency>/<activity>@<version>`, covenants/processing-activities.yaml).
   */
  readonly registerUri?: string;
}

const ACTIONS: Readonly<Record<AuditEntryKind, NenAction>> = { access: 'read', search: 'search', explain: 'explain', 'audit-query': 'audit-query', act: 'disclose', notification: 'disclose' };

export function ldvLine(entry: AuditEntry, options: LdvOptions = {}): LdvLine {
  const action = ACTIONS[entry.kind];
  const { viewer } = entry;
  const users: Record<string, unknown>[] = [{
    userID: viewer.userId, userIsRequestor: true, roleIDCode: viewer.role, purposeOfUse: entry.purpose,
    ...(viewer.accessPoint === null ? {} : { networkAccessPointID: viewer.accessPoint }),
  }];
  if (viewer.responsibleUserId !== null) users.push({ userID: viewer.responsibleUserId, userIsRequestor: false });
  const participants: Record<string, unknown>[] = [];
  if (entry.subject !== null) participants.push({ participantObjectID: entry.subject, participantObjectIDTypeCode: SUBJECT_ID_TYPE });
  if (entry.entityId !== null) participants.push({ participantObjectID: entry.entityId, participantObjectIDTypeCode: RECORD_ID_TYPE });
  return {
    trace_id: entry.traceId,
    // LDV: one action per data subject, each its own span under the request's. The trail keeps one span
    // per request (the gateway's); an entry's own span id is derived from its leaf hash (8 bytes, as a
    // span id is), unique in the trail and the same however often it is exported.
    span_id: entry.leafHash.slice(0, 16),
    parent_span_id: entry.spanId,
    name: entry.entityType === null ? action : `${action} ${entry.entityType}`,
    start_time: entry.time.getTime(),
    end_time: entry.endTime.getTime(),
    status_code: entry.outcome === 'error' ? 'STATUS_CODE_ERROR' : 'STATUS_CODE_OK',
    // The caller's span the request continued (its traceparent) is an action of the calling organisation.
    foreign_operation: entry.parentSpanId === null ? null : { trace_id: entry.traceId, span_id: entry.parentSpanId, entity: viewer.agencyId },
    resource: { attributes: { 'service.name': SOURCE_ID, 'nen7513.AuditSourceID': SOURCE_ID } },
    attributes: {
      'dpl.core.processing_activity_id': processingActivityId(entry.processingActivity, options.registerUri),
      ...(entry.subject === null ? {} : { 'dpl.core.data_subject_id': entry.subject, 'dpl.core.data_subject_id_type': SUBJECT_ID_TYPE }),
      'dpl.nen7513.eventTypeCode': action,
      'dpl.nen7513.users': users,
      'dpl.nen7513.participants': participants,
      'dpl.nen7513.autorisatieProtocol': authorisations(entry.decisions),
      'ketenpoort.entry_seq': entry.seq,
      'ketenpoort.request_seq': entry.requestSeq,
      'ketenpoort.leaf_hash': entry.leafHash,
      'ketenpoort.request_hash': entry.requestHash,
      'ketenpoort.prev_hash': entry.prevHash,
      'ketenpoort.operation_id': entry.operationId,
      'ketenpoort.operation_name': entry.operationName,
      'ketenpoort.kind': entry.kind,
      'ketenpoort.outcome': entry.outcome,
      'ketenpoort.viewer': {
        agency_id: viewer.agencyId, user_id: viewer.userId, role: viewer.role,
        responsible_user_id: viewer.responsibleUserId, access_point: viewer.accessPoint,
      },
      'ketenpoort.purpose': entry.purpose,
      'ketenpoort.owner_agency_id': entry.owner,
      'ketenpoort.entity_type': entry.entityType,
      'ketenpoort.entity_id': entry.entityId,
      'ketenpoort.subject_type': entry.subjectType,
      'ketenpoort.related_subjects': entry.relatedSubjects,
      'ketenpoort.fields_released': entry.fieldsReleased,
      'ketenpoort.fields_withheld': entry.fieldsWithheld,
      'ketenpoort.decisions': entry.decisions.map((decision) => ({
        id: decision.id, coordinate: decision.coordinate, effect: decision.effect, reason: decision.reason,
        basis: basisOf(decision), rule_id: decision.ruleId, failed_condition: decision.failedCondition,
      })),
      'ketenpoort.search_terms': entry.searchTerms,
    },
  };
}

/** `agreement@version#article`, or null for a decision no agreement made (deny by default, owner, public). */
export function basisOf(decision: AuditDecision): string | null {
  if (decision.agreementKey === null) return null;
  return decision.article === null ? decision.agreementKey : `${decision.agreementKey}#${decision.article}`;
}

/**
 * What authorised the release (NEN 7513 autorisatieprotocol): each covenant article an allowing
 * decision cites, and the engine rule of an allowing decision no covenant made (the owner's own
 * record, a public field); distinct, in decision order.
 */
function authorisations(decisions: readonly AuditDecision[]): string[] {
  const found = new Set<string>();
  for (const decision of decisions) {
    if (decision.effect !== 'allow') continue;
    const basis = basisOf(decision) ?? (decision.ruleId === null ? null : `rule:${decision.ruleId}`);
    if (basis !== null) found.add(basis);
  }
  return [...found];
}

function processingActivityId(activity: string, registerUri: string | undefined): string {
  if (registerUri === undefined) return activity;
  return new URL(encodeURI(activity), registerUri).href;
}

/** A BSN-shaped token: nine digits, not part of a longer run of letters and digits, passing the eleven-test. */
const NINE_DIGITS = /(?<![0-9A-Za-z])[0-9]{9}(?![0-9A-Za-z])/g;

/**
 * Replaces every string value holding a BSN-shaped token with `[withheld]`, and says how many were.
 * The trail holds none (it stores pseudonyms); if one ever got in, the export does not pass it on.
 */
export function withholdBsnLookalikes<T>(value: T): { value: T; withheld: number } {
  let withheld = 0;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const bsnLike = [...node.matchAll(NINE_DIGITS)].some((match) => isValidBsn(match[0]));
      if (bsnLike) withheld++;
      return bsnLike ? '[withheld]' : node;
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, walk(inner)]));
    return node;
  };
  return { value: walk(value) as T, withheld };
}
