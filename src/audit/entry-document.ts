/**
 * The document an entry's leaf hashes, written straight out for the shapes the trail holds.
 *
 * The document is canonical JSON (canonical-json.ts) of every entry-level field. The generic writer
 * sorts every object's keys and recurses through every value; a 280-entry request spent about 5 ms
 * there, a fifth of its commit. The shapes are fixed (entry.ts), so their keys are written here in
 * their sorted order and only the values are encoded. The bytes are the generic writer's exactly
 * (tests/audit/entry-document.test.ts compares the two over random entries), so a trail written before
 * this module verifies unchanged.
 *
 * Anything outside the known shapes (an extra key, a value of another type: a row altered in the
 * store and read back as it is) is handed to the generic writer, so a tampered value still reaches the
 * hash check byte for byte.
 */
import { canonicalJson, type CanonicalValue } from './canonical-json.ts';
import type { AuditDecision, AuditEntryInput, AuditFacts, AuditReferralFact } from './entry.ts';

/** What the generic writer would be given for the entry (also the fallback). */
function genericDocument(entry: AuditEntryInput, seq: number): string {
  return canonicalJson({
    seq,
    kind: entry.kind,
    owner: entry.owner,
    entityType: entry.entityType,
    entityId: entry.entityId,
    subject: entry.subject,
    subjectType: entry.subjectType,
    relatedSubjects: entry.relatedSubjects,
    fieldsReleased: entry.fieldsReleased,
    fieldsWithheld: entry.fieldsWithheld,
    decisions: entry.decisions.map((decision) => ({ ...decision })),
    facts: entry.facts === null ? null : { ...entry.facts, referrals: entry.facts.referrals.map((referral) => ({ ...referral })) },
    searchTerms: entry.searchTerms,
    outcome: entry.outcome,
  } as unknown as CanonicalValue);
}

/** Thrown inside the fast writer when a value is not of the known shape; caught below. */
const UNKNOWN_SHAPE = Symbol('unknown shape');

const str = (value: unknown): string => {
  if (typeof value !== 'string') throw UNKNOWN_SHAPE;
  return JSON.stringify(value);
};
const strOrNull = (value: unknown): string => (value === null ? 'null' : str(value));
const bool = (value: unknown): string => {
  if (typeof value !== 'boolean') throw UNKNOWN_SHAPE;
  return value ? 'true' : 'false';
};
const boolOrNull = (value: unknown): string => (value === null ? 'null' : bool(value));
const strings = (value: unknown): string => {
  if (!Array.isArray(value)) throw UNKNOWN_SHAPE;
  let out = '[';
  for (let index = 0; index < value.length; index++) out += (index === 0 ? '' : ',') + str(value[index]);
  return `${out}]`;
};
/** Exactly these own keys, no more (an object with an extra key is not of the shape). */
const hasKeys = (value: unknown, count: number): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === count;

const DECISION_KEYS = 8;
function decisionJson(decision: AuditDecision): string {
  if (!hasKeys(decision, DECISION_KEYS)) throw UNKNOWN_SHAPE;
  const [before, after] = decisionAroundId(decision);
  return before + str(decision.id) + after;
}

/** A decision's JSON before and after its id (the id sorts between failedCondition and reason). */
function decisionAroundId(decision: Omit<AuditDecision, 'id'>): readonly [string, string] {
  return [
    `{"agreementKey":${strOrNull(decision.agreementKey)},"article":${strOrNull(decision.article)},"coordinate":${str(decision.coordinate)},`
      + `"effect":${str(decision.effect)},"failedCondition":${strOrNull(decision.failedCondition)},"id":`,
    `,"reason":${str(decision.reason)},"ruleId":${strOrNull(decision.ruleId)}}`,
  ];
}

function referralJson(referral: AuditReferralFact): string {
  if (!hasKeys(referral, 4)) throw UNKNOWN_SHAPE;
  return `{"fromAgencyId":${strOrNull(referral.fromAgencyId)},"kind":${strOrNull(referral.kind)},"status":${strOrNull(referral.status)},`
    + `"toAgencyId":${strOrNull(referral.toAgencyId)}}`;
}

function factsJson(facts: AuditFacts | null): string {
  if (facts === null) return 'null';
  if (typeof facts !== 'object') throw UNKNOWN_SHAPE;
  const hasRoles = facts.childRoles !== undefined;
  if (!hasKeys(facts, hasRoles ? 6 : 5) || !Array.isArray(facts.referrals)) throw UNKNOWN_SHAPE;
  const referrals = facts.referrals.map(referralJson).join(',');
  return `{${hasRoles ? `"childRoles":${strings(facts.childRoles)},` : ''}"householdHasMinors":${bool(facts.householdHasMinors)},`
    + `"municipality":${strOrNull(facts.municipality)},"referrals":[${referrals}],"subjectIsMinor":${boolOrNull(facts.subjectIsMinor)},`
    + `"viewerInvolved":${bool(facts.viewerInvolved)}}`;
}

/** Canonical JSON of a facts object (the dictionary's interning key), by the same fast path. */
export function factsDocument(facts: AuditFacts): string {
  try {
    return factsJson(facts);
  } catch (error) {
    if (error !== UNKNOWN_SHAPE) throw error;
    return canonicalJson(facts as unknown as CanonicalValue);
  }
}

function searchTermsJson(terms: Record<string, string> | null): string {
  if (terms === null) return 'null';
  if (typeof terms !== 'object' || Array.isArray(terms)) throw UNKNOWN_SHAPE;
  // Few and free-form keys: sorted here as the generic writer sorts them (UTF-16 code units).
  const keys = Object.keys(terms).sort();
  let out = '{';
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string;
    out += `${index === 0 ? '' : ','}${JSON.stringify(key)}:${str(terms[key])}`;
  }
  return `${out}}`;
}

/** Every entry-level field as JSON already written, and the seq. */
interface DocumentParts {
  readonly decisions: string;
  readonly entityId: string;
  readonly entityType: string;
  readonly facts: string;
  readonly fieldsReleased: string;
  readonly fieldsWithheld: string;
  readonly kind: string;
  readonly outcome: string;
  readonly owner: string;
  readonly relatedSubjects: string;
  readonly searchTerms: string;
  readonly seq: number;
  readonly subject: string;
  readonly subjectType: string;
}

/** The document from its parts, keys in canonical (sorted) order: the one place the order is written. */
function writeDocument(parts: DocumentParts): string {
  return `{"decisions":${parts.decisions},"entityId":${parts.entityId},"entityType":${parts.entityType},`
    + `"facts":${parts.facts},"fieldsReleased":${parts.fieldsReleased},"fieldsWithheld":${parts.fieldsWithheld},`
    + `"kind":${parts.kind},"outcome":${parts.outcome},"owner":${parts.owner},`
    + `"relatedSubjects":${parts.relatedSubjects},"searchTerms":${parts.searchTerms},"seq":${parts.seq},`
    + `"subject":${parts.subject},"subjectType":${parts.subjectType}}`;
}

/** The exact document an entry's leaf hashes: every entry-level field, with its seq. */
export function entryDocument(entry: AuditEntryInput, seq: number): string {
  if (!Number.isSafeInteger(seq)) return genericDocument(entry, seq);
  try {
    let decisions = '[';
    if (!Array.isArray(entry.decisions)) throw UNKNOWN_SHAPE;
    for (let index = 0; index < entry.decisions.length; index++) decisions += (index === 0 ? '' : ',') + decisionJson(entry.decisions[index] as AuditDecision);
    decisions += ']';
    return writeDocument({
      decisions, entityId: strOrNull(entry.entityId), entityType: strOrNull(entry.entityType), facts: factsJson(entry.facts),
      fieldsReleased: strings(entry.fieldsReleased), fieldsWithheld: strings(entry.fieldsWithheld), kind: str(entry.kind),
      outcome: str(entry.outcome), owner: strOrNull(entry.owner), relatedSubjects: strings(entry.relatedSubjects),
      searchTerms: searchTermsJson(entry.searchTerms), seq, subject: strOrNull(entry.subject), subjectType: strOrNull(entry.subjectType),
    });
  } catch (error) {
    if (error !== UNKNOWN_SHAPE) throw error;
    return genericDocument(entry, seq);
  }
}

export { genericDocument as genericEntryDocument };

/** A request's dictionary and a compact record, as unit.ts stores them (written out here: unit.ts imports this module). */
interface CompactDictionary {
  readonly coordinates: readonly string[];
  readonly decisions: readonly (readonly [string, string, string, string | null, string | null, string | null, string | null])[];
  readonly subjects: readonly string[];
  readonly facts: readonly AuditFacts[];
  readonly groups: readonly string[];
}
interface CompactEntry {
  readonly kind: string;
  readonly owner: string | null;
  readonly entityType: string | null;
  readonly entityId: string | null;
  readonly outcome: string;
  readonly body: {
    readonly s?: readonly number[];
    readonly t?: 'p' | 'h';
    readonly r?: readonly number[];
    readonly w?: readonly number[];
    readonly d?: readonly (readonly [number, string, number])[];
    readonly f?: number;
    readonly q?: Record<string, string>;
  };
}

/**
 * The documents of one request's compact records (unit.ts), for sealing: written from the request's
 * dictionary, each coordinate, subject, facts object and decision written as JSON once per request
 * rather than once per entry (a 280-entry request decoded and wrote each entry in full: about 1.4 of
 * its 5.7 ms of commit). The bytes are entryDocument's of the decoded entry (tests/audit/unit.test.ts
 * holds the two equal over random requests); a record of any other shape gives null, and the caller
 * decodes and writes it in full.
 */
export function createCompactDocumenter(dictionary: CompactDictionary): (record: CompactEntry, seq: number) => string | null {
  const json = (value: unknown): string | null => (typeof value === 'string' ? JSON.stringify(value) : null);
  const coordinates = dictionary.coordinates.map(json);
  const subjects = dictionary.subjects.map(json);
  const facts = new Map<number, string | null>();
  const decisions = dictionary.decisions.map((tuple): readonly [string, string] | null => {
    try {
      const [coordinate, effect, reason, agreementKey, article, ruleId, failedCondition] = tuple;
      return decisionAroundId({ coordinate, effect: effect as AuditDecision['effect'], reason, agreementKey, article, ruleId, failedCondition });
    } catch (error) {
      if (error !== UNKNOWN_SHAPE) throw error;
      return null;
    }
  });
  const known = <T>(value: T | null | undefined): T => {
    if (value === null || value === undefined) throw UNKNOWN_SHAPE;
    return value;
  };
  const list = (indexes: readonly number[] | undefined, table: readonly (string | null)[], from = 0): string => {
    if (indexes === undefined) return '[]';
    let out = '[';
    for (let index = from; index < indexes.length; index++) out += (index === from ? '' : ',') + known(table[indexes[index] as number]);
    return `${out}]`;
  };
  const factsAt = (index: number): string => {
    if (!facts.has(index)) {
      let written: string | null = null;
      try {
        written = factsJson(known(dictionary.facts[index]));
      } catch (error) {
        if (error !== UNKNOWN_SHAPE) throw error;
      }
      facts.set(index, written);
    }
    return known(facts.get(index));
  };
  return (record, seq) => {
    try {
      const { body } = record;
      if (typeof body !== 'object' || body === null || Array.isArray(body) || !Number.isSafeInteger(seq)) return null;
      let written = '[';
      const listed = body.d ?? [];
      for (let index = 0; index < listed.length; index++) {
        const [group, suffix, tuple] = listed[index] as readonly [number, string, number];
        const parts = known(decisions[tuple]);
        const prefix = dictionary.groups[group];
        if (typeof prefix !== 'string' || typeof suffix !== 'string') return null;
        written += (index === 0 ? '' : ',') + parts[0] + JSON.stringify(`${prefix}${suffix}`) + parts[1];
      }
      written += ']';
      const named = body.s ?? [];
      const subjectType = body.t === undefined ? 'null' : body.t === 'p' ? '"person"' : body.t === 'h' ? '"household"' : known<string>(null);
      return writeDocument({
        decisions: written, entityId: strOrNull(record.entityId), entityType: strOrNull(record.entityType),
        facts: body.f === undefined ? 'null' : factsAt(body.f), fieldsReleased: list(body.r, coordinates), fieldsWithheld: list(body.w, coordinates),
        kind: str(record.kind), outcome: str(record.outcome), owner: strOrNull(record.owner), relatedSubjects: list(named, subjects, 1),
        searchTerms: searchTermsJson(body.q ?? null), seq, subject: named.length === 0 ? 'null' : known(subjects[named[0] as number]), subjectType,
      });
    } catch (error) {
      if (error !== UNKNOWN_SHAPE) throw error;
      return null;
    }
  };
}
