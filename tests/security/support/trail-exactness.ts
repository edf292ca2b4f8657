/**
 * Holds one request's access entries to the response it answered (issue "The trail, second edition",
 * done-when): every released value of every record and person has an entry for its data subject with
 * its basis, every redaction an entry that names it withheld, and nothing else is entered.
 *
 * - complete: each non-null guarded field of a shown record is in `fieldsReleased` of an entry about that
 *   record (entity type and `pe_`, and for a person its `ps_` subject) with an allowing decision for the
 *   coordinate and its basis (the owner's own record, or a grant naming agreement, article and rule);
 *   each redaction is in `fieldsWithheld` of such an entry, with the denying decision, and the decision
 *   the redaction cites (for the caller's privacy officer to explain) is in an entry about the record;
 * - exact: each entry is about a record the response shows, names as released only fields selected on
 *   that record, as withheld only fields redacted on it, names something, and says so in its outcome;
 *   a record about one person is PERSON, one about a household HOUSEHOLD.
 */
import type { AuditEntry } from '#src/audit/entry.ts';
import type { RecordIdentity, ShownRecord } from './response-records.ts';

export interface Redaction {
  readonly path: readonly (string | number)[];
  readonly coordinate: string;
  /** The decision the caller is told to have explained: it must be in the trail. */
  readonly decisionId: string;
}

export interface TrailCheck {
  readonly violations: string[];
  /** Values and redactions held to an entry, and entries held to the response. */
  readonly released: number;
  readonly withheld: number;
  readonly entries: number;
}

const PERSON_TYPES = new Set(['HouseholdMember', 'Child']);

const keyOf = (identity: RecordIdentity) => `${identity.entityType} ${identity.entityId}${identity.subject ? ` ${identity.subject}` : ''}`;
/** Redaction paths spell list indices as text (Redaction.path is [String!]). */
const pathKey = (path: readonly (string | number)[]) => JSON.stringify(path.map(String));

export function checkTrail(shown: readonly ShownRecord[], redactions: readonly Redaction[], trail: readonly AuditEntry[],
  isGuarded: (coordinate: string) => boolean): TrailCheck {
  const violations: string[] = [];
  const entries = trail.filter((entry) => entry.kind === 'access');
  const entriesOf = new Map<string, AuditEntry[]>();
  for (const entry of entries) {
    const key = keyOf({ entityType: entry.entityType ?? '', entityId: entry.entityId ?? '', subject: PERSON_TYPES.has(entry.entityType ?? '') ? entry.subject : null });
    entriesOf.set(key, [...(entriesOf.get(key) ?? []), entry]);
  }
  const redacted = new Map(redactions.map((redaction) => [`${pathKey(redaction.path)} ${redaction.coordinate}`, redaction]));
  let released = 0;
  let withheld = 0;

  // Complete: every value and every redaction of a shown record has its entry.
  const selected = new Map<string, Set<string>>();
  const redactedOn = new Map<string, Set<string>>();
  for (const record of shown) {
    const key = keyOf(record.identity);
    const fields = selected.get(key) ?? new Set<string>();
    selected.set(key, fields);
    const redactedFields = redactedOn.get(key) ?? new Set<string>();
    redactedOn.set(key, redactedFields);
    for (const field of record.fields) {
      fields.add(field.coordinate);
      if (!isGuarded(field.coordinate)) continue;
      const about = entriesOf.get(key) ?? [];
      const where = `${field.coordinate} at ${field.path.join('.')} (${key})`;
      if (field.value !== null && field.value !== undefined) {
        released++;
        const entry = about.find((candidate) => candidate.fieldsReleased.includes(field.coordinate));
        const decision = entry?.decisions.find((candidate) => candidate.coordinate === field.coordinate && candidate.effect === 'allow');
        if (!entry) violations.push(`released without an entry naming it: ${where}`);
        else if (!decision) violations.push(`released without an allowing decision in its entry: ${where}`);
        else if (!(decision.reason === 'OWNER' || (decision.reason === 'GRANT' && decision.agreementKey && decision.article && decision.ruleId))) {
          violations.push(`released without its basis (${decision.reason} ${decision.agreementKey} ${decision.article} ${decision.ruleId}): ${where}`);
        }
      } else if (redacted.has(`${pathKey(field.path)} ${field.coordinate}`)) {
        withheld++;
        redactedFields.add(field.coordinate);
        const redaction = redacted.get(`${pathKey(field.path)} ${field.coordinate}`)!;
        const entry = about.find((candidate) => candidate.fieldsWithheld.includes(field.coordinate));
        if (!entry) violations.push(`redacted without an entry naming it withheld: ${where}`);
        else if (!entry.decisions.some((candidate) => candidate.coordinate === field.coordinate && candidate.effect === 'deny')) {
          violations.push(`withheld without a denying decision in its entry: ${where}`);
        }
        if (!about.some((candidate) => candidate.decisions.some((decision) => decision.id === redaction.decisionId))) {
          violations.push(`redacted citing decision ${redaction.decisionId}, which no entry about the record holds: ${where}`);
        }
      }
    }
  }

  // Exact: every entry is about a shown record and names only what the response holds of it.
  for (const entry of entries) {
    const person = PERSON_TYPES.has(entry.entityType ?? '');
    const key = keyOf({ entityType: entry.entityType ?? '', entityId: entry.entityId ?? '', subject: person ? entry.subject : null });
    const what = `entry ${entry.seq} (${key}, owner ${entry.owner})`;
    const fields = selected.get(key);
    if (!fields) {
      violations.push(`${what} is about no record in the response`);
      continue;
    }
    if (entry.subjectType !== (person ? 'person' : 'household')) violations.push(`${what} has subjectType ${entry.subjectType}`);
    if (entry.fieldsReleased.length + entry.fieldsWithheld.length === 0) violations.push(`${what} names nothing released or withheld`);
    for (const coordinate of entry.fieldsReleased) if (!fields.has(coordinate)) violations.push(`${what} names ${coordinate} released, which the response does not hold`);
    for (const coordinate of entry.fieldsWithheld) if (!redactedOn.get(key)?.has(coordinate)) violations.push(`${what} names ${coordinate} withheld, which the response does not redact`);
    const outcome = entry.fieldsReleased.length === 0 ? 'withheld' : entry.fieldsWithheld.length === 0 ? 'released' : 'partially-released';
    if (entry.outcome !== outcome) violations.push(`${what} has outcome ${entry.outcome} for what it names`);
  }
  return { violations, released, withheld, entries: entries.length };
}
