/**
 * Validates an entry before it is queued and copies exactly the fields that are hashed and stored, so
 * what the chain hashes is what the database holds (a stray property would break verification later).
 * It fails closed on anything that would put a personal data value into the trail: a subject that is
 * not a pseudonym, or a BSN in a search term or an entity id. Errors name the field, never the value.
 */
import { AUDIT_ENTRY_KINDS, AUDIT_OUTCOMES, SUBJECT_TYPES, type AuditDecision, type AuditEntryInput, type AuditFacts } from './entry.ts';
import { AuditStoreError } from './errors.ts';
import { isEntityPseudonym, isPseudonym } from './pseudonymize.ts';

function invalid(field: string, problem: string): AuditStoreError {
  return new AuditStoreError('AUDIT_INVALID_ENTRY', `audit entry ${field}: ${problem}`);
}

/** A stored string must survive both databases unchanged: PostgreSQL text refuses NUL, JSON lone surrogates. */
function text(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  if (value.includes('\u0000') || !value.isWellFormed()) throw invalid(field, 'contains characters that cannot be stored');
  return value;
}

function nullableText(value: unknown, field: string): string | null {
  return value === null ? null : text(value, field);
}

function textList(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw invalid(field, 'must be a list');
  return value.map((item, index) => text(item, `${field}[${index}]`));
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) throw invalid(field, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** A standalone nine-digit run passing the eleven-test: a BSN, which must never reach the trail in clear. */
function containsBsn(value: string): boolean {
  for (const match of value.matchAll(/(?<![\p{L}\p{N}_])\d{9}(?![\p{L}\p{N}_])/gu)) {
    const digits = [...match[0]].map(Number);
    const sum = digits.slice(0, 8).reduce((acc, digit, index) => acc + digit * (9 - index), 0);
    if ((sum - (digits[8] ?? 0)) % 11 === 0) return true;
  }
  return false;
}

function noBsn(value: string | null, field: string): string | null {
  if (value !== null && containsBsn(value)) throw invalid(field, 'holds a BSN; pseudonymise it first');
  return value;
}

function decision(value: AuditDecision, field: string): AuditDecision {
  if (typeof value !== 'object' || value === null) throw invalid(field, 'must be an object');
  return {
    id: text(value.id, `${field}.id`),
    coordinate: text(value.coordinate, `${field}.coordinate`),
    effect: oneOf(value.effect, ['allow', 'deny'] as const, `${field}.effect`),
    reason: text(value.reason, `${field}.reason`),
    agreementKey: nullableText(value.agreementKey, `${field}.agreementKey`),
    article: nullableText(value.article, `${field}.article`),
    ruleId: nullableText(value.ruleId, `${field}.ruleId`),
    failedCondition: nullableText(value.failedCondition, `${field}.failedCondition`),
  };
}

function searchTerms(value: unknown): Record<string, string> | null {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid('searchTerms', 'must be an object or null');
  const copy: Record<string, string> = {};
  for (const [key, term] of Object.entries(value)) {
    text(key, 'searchTerms key');
    copy[key] = noBsn(text(term, `searchTerms.${key}`), `searchTerms.${key}`) as string;
  }
  return copy;
}

/** At most this many related subjects per entry: a household, not a population. */
export const MAX_RELATED_SUBJECTS = 64;

function relatedSubjectList(value: unknown, subject: string | null): string[] {
  // Entries written before related subjects existed carry none.
  if (value === undefined) return [];
  const list = textList(value, 'relatedSubjects');
  if (list.length > MAX_RELATED_SUBJECTS) throw invalid('relatedSubjects', `must hold at most ${MAX_RELATED_SUBJECTS} pseudonyms`);
  for (const item of list) if (!isPseudonym(item)) throw invalid('relatedSubjects', 'must hold pseudonyms (ps_...) only');
  if (subject === null && list.length > 0) throw invalid('relatedSubjects', 'must be empty when there is no subject');
  return [...new Set(list)].filter((item) => item !== subject).sort();
}

/** The facts a decision evaluated: booleans, agency ids and categories only. */
function facts(value: unknown): AuditFacts | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid('facts', 'must be an object or null');
  const input = value as AuditFacts;
  const flag = (item: unknown, field: string): boolean => {
    if (typeof item !== 'boolean') throw invalid(`facts.${field}`, 'must be a boolean');
    return item;
  };
  if (!Array.isArray(input.referrals)) throw invalid('facts.referrals', 'must be a list');
  return {
    municipality: noBsn(nullableText(input.municipality, 'facts.municipality'), 'facts.municipality'),
    householdHasMinors: flag(input.householdHasMinors, 'householdHasMinors'),
    subjectIsMinor: input.subjectIsMinor === null ? null : flag(input.subjectIsMinor, 'subjectIsMinor'),
    viewerInvolved: flag(input.viewerInvolved, 'viewerInvolved'),
    referrals: input.referrals.map((referral, index) => ({
      fromAgencyId: nullableText(referral.fromAgencyId, `facts.referrals[${index}].fromAgencyId`),
      toAgencyId: nullableText(referral.toAgencyId, `facts.referrals[${index}].toAgencyId`),
      kind: nullableText(referral.kind, `facts.referrals[${index}].kind`),
      status: nullableText(referral.status, `facts.referrals[${index}].status`),
    })),
    ...childRoles(input.childRoles),
  };
}

/** Role names only (categories, never a value); absent when none, as entries made before the fact held none. */
function childRoles(value: unknown): Pick<AuditFacts, 'childRoles'> {
  if (value === undefined) return {};
  const roles = [...new Set(textList(value, 'facts.childRoles'))];
  for (const role of roles) if (!/^[A-Z][A-Z_]*$/.test(role)) throw invalid('facts.childRoles', 'must hold role names (DIRECT_VICTIM, ...) only');
  return roles.length === 0 ? {} : { childRoles: roles };
}

/** A request-level id that may be absent (span ids outside a trace; an optional viewer attribute). */
function optionalText(value: unknown, field: string): string | null {
  return value === undefined ? null : nullableText(value, field);
}

export function normalizeEntryInput(input: AuditEntryInput): AuditEntryInput {
  if (typeof input !== 'object' || input === null) throw invalid('entry', 'must be an object');
  const time = input.time;
  // Years outside 0000-9999 change the ISO form (±YYYYYY), and with it the sort order of stored text.
  if (!(time instanceof Date) || Number.isNaN(time.getTime()) || time.getUTCFullYear() < 1970 || time.getUTCFullYear() > 9999) {
    throw invalid('time', 'must be a valid date between 1970 and 9999');
  }
  const subject = nullableText(input.subject, 'subject');
  if (subject !== null && !isPseudonym(subject)) throw invalid('subject', 'must be a pseudonym (ps_...)');
  const relatedSubjects = relatedSubjectList(input.relatedSubjects, subject);
  if (typeof input.viewer !== 'object' || input.viewer === null) throw invalid('viewer', 'must be an object');
  if (!Array.isArray(input.decisions)) throw invalid('decisions', 'must be a list');
  // The end defaults to the start for callers that do not time the request.
  const endTime = input.endTime === undefined ? time : input.endTime;
  if (!(endTime instanceof Date) || Number.isNaN(endTime.getTime()) || endTime.getTime() < time.getTime() || endTime.getUTCFullYear() > 9999) {
    throw invalid('endTime', 'must be a valid date not before time');
  }
  const entityId = nullableText(input.entityId, 'entityId');
  if (entityId !== null && !isEntityPseudonym(entityId)) throw invalid('entityId', 'must be an entity pseudonym (pe_...), never a sealed id');
  const subjectType = input.subjectType === undefined
    ? (subject === null ? null : relatedSubjects.length > 0 ? 'household' : 'person')
    : input.subjectType === null ? null : oneOf(input.subjectType, SUBJECT_TYPES, 'subjectType');
  if ((subject === null) !== (subjectType === null)) throw invalid('subjectType', 'must be given exactly when there is a subject');
  return {
    traceId: text(input.traceId, 'traceId'),
    spanId: optionalText(input.spanId, 'spanId'),
    parentSpanId: optionalText(input.parentSpanId, 'parentSpanId'),
    operationId: text(input.operationId, 'operationId'),
    operationName: nullableText(input.operationName, 'operationName'),
    time: new Date(time.getTime()),
    endTime: new Date(endTime.getTime()),
    kind: oneOf(input.kind, AUDIT_ENTRY_KINDS, 'kind'),
    viewer: {
      agencyId: text(input.viewer.agencyId, 'viewer.agencyId'),
      userId: text(input.viewer.userId, 'viewer.userId'),
      role: text(input.viewer.role, 'viewer.role'),
      responsibleUserId: optionalText(input.viewer.responsibleUserId, 'viewer.responsibleUserId'),
      accessPoint: optionalText(input.viewer.accessPoint, 'viewer.accessPoint'),
    },
    purpose: text(input.purpose, 'purpose'),
    processingActivity: text(input.processingActivity, 'processingActivity'),
    owner: nullableText(input.owner, 'owner'),
    entityType: nullableText(input.entityType, 'entityType'),
    entityId,
    subject,
    subjectType,
    relatedSubjects,
    fieldsReleased: textList(input.fieldsReleased, 'fieldsReleased'),
    fieldsWithheld: textList(input.fieldsWithheld, 'fieldsWithheld'),
    decisions: input.decisions.map((item, index) => decision(item, `decisions[${index}]`)),
    facts: facts(input.facts),
    searchTerms: searchTerms(input.searchTerms),
    outcome: oneOf(input.outcome, AUDIT_OUTCOMES, 'outcome'),
  };
}
