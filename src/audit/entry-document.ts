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
  return `{"agreementKey":${strOrNull(decision.agreementKey)},"article":${strOrNull(decision.article)},"coordinate":${str(decision.coordinate)},`
    + `"effect":${str(decision.effect)},"failedCondition":${strOrNull(decision.failedCondition)},"id":${str(decision.id)},`
    + `"reason":${str(decision.reason)},"ruleId":${strOrNull(decision.ruleId)}}`;
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

/** The exact document an entry's leaf hashes: every entry-level field, with its seq. */
export function entryDocument(entry: AuditEntryInput, seq: number): string {
  if (!Number.isSafeInteger(seq)) return genericDocument(entry, seq);
  try {
    let decisions = '[';
    if (!Array.isArray(entry.decisions)) throw UNKNOWN_SHAPE;
    for (let index = 0; index < entry.decisions.length; index++) decisions += (index === 0 ? '' : ',') + decisionJson(entry.decisions[index] as AuditDecision);
    decisions += ']';
    return `{"decisions":${decisions},"entityId":${strOrNull(entry.entityId)},"entityType":${strOrNull(entry.entityType)},`
      + `"facts":${factsJson(entry.facts)},"fieldsReleased":${strings(entry.fieldsReleased)},"fieldsWithheld":${strings(entry.fieldsWithheld)},`
      + `"kind":${str(entry.kind)},"outcome":${str(entry.outcome)},"owner":${strOrNull(entry.owner)},`
      + `"relatedSubjects":${strings(entry.relatedSubjects)},"searchTerms":${searchTermsJson(entry.searchTerms)},"seq":${seq},`
      + `"subject":${strOrNull(entry.subject)},"subjectType":${strOrNull(entry.subjectType)}}`;
  } catch (error) {
    if (error !== UNKNOWN_SHAPE) throw error;
    return genericDocument(entry, seq);
  }
}

export { genericDocument as genericEntryDocument };
