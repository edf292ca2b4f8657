/**
 * The trail's second format: the chain links requests, not entries.
 *
 * A request's entries (consecutive appended entries sharing every request-level field: trace, span,
 * operation, times, viewer, purpose, processing activity) form one chained unit. Each entry's document
 * (`entryDocument`) is a leaf of an RFC 6962 hash tree (merkle.ts); the unit's header carries the tree's
 * root and the request-level fields, and the chain links headers:
 *
 *   headerDigest = sha256(canonical JSON of the header)
 *   hash         = sha256(prevHash || headerDigest)          (hex text, fixed length: unambiguous)
 *
 * So one commit hashes one header however many records the request disclosed, and any one entry is
 * provable on its own: its document, its audit path to the root, the header, and the header digests
 * from its request up to an anchor (a recorded seq:hash).
 *
 * Storage is compact and separate from what is hashed: strings a request repeats (coordinates, decision
 * tuples, subject pseudonyms, facts) are stored once per unit in a dictionary and entries refer to them by
 * index. The dictionary is not hashed itself; what is hashed is the entry document it decodes to, so a
 * changed dictionary changes the leaves and is caught like any other change.
 *
 * The index rows a search relies on (subject, decision group, agreement -> unit) are derived from the
 * unit by `indexRows`, and verification derives them again and compares: a deleted or added index row is
 * a break, named like any other.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import { createCompactDocumenter, entryDocument, factsDocument } from './entry-document.ts';
import type { AuditDecision, AuditEntry, AuditEntryInput, AuditFacts, AuditViewer, SubjectType } from './entry.ts';
import { leafHash, merkleRoot } from './merkle.ts';

export { entryDocument };

export const TRAIL_FORMAT = 2;

/** prevHash of the first request of a chain that was never pruned. */
export const GENESIS_HASH = '0'.repeat(64);

/** The last link of a chain: the newest request, a prune checkpoint, or genesis (seq 0). */
export interface ChainLink {
  readonly seq: number;
  readonly hash: string;
  /** The last entry seq at this link (0 at genesis). */
  readonly entrySeq: number;
}

export const GENESIS: ChainLink = { seq: 0, hash: GENESIS_HASH, entrySeq: 0 };

/** What is hashed of a request: every request-level field, the place of its entries and their root. */
export interface UnitHeader {
  readonly seq: number;
  readonly firstEntrySeq: number;
  readonly entryCount: number;
  readonly root: string;
  readonly traceId: string;
  readonly spanId: string | null;
  readonly parentSpanId: string | null;
  readonly operationId: string;
  readonly operationName: string | null;
  readonly time: Date;
  readonly endTime: Date;
  readonly viewer: AuditViewer;
  readonly purpose: string;
  readonly processingActivity: string;
}

type DecisionTuple = [coordinate: string, effect: string, reason: string, agreementKey: string | null,
  article: string | null, ruleId: string | null, failedCondition: string | null];

/** Per-unit dictionary of repeated strings; stored as JSON beside the header, not hashed itself. */
export interface UnitDictionary {
  readonly coordinates: string[];
  readonly decisions: DecisionTuple[];
  readonly subjects: string[];
  readonly facts: AuditFacts[];
  readonly groups: string[];
}

/** An entry's compact body: indexes into the unit's dictionary. Absent keys are empty or null. */
export interface RecordBody {
  /** Subject indexes: the subject first, then the related subjects. */
  s?: number[];
  /** Subject type: `p` person, `h` household (one letter: it is on every entry). */
  t?: 'p' | 'h';
  r?: number[];
  w?: number[];
  /** Decisions: [group index, id suffix, tuple index]. */
  d?: [number, string, number][];
  f?: number;
  q?: Record<string, string>;
}

/** One stored entry: searchable columns, the body, and a short locator of its leaf hash. */
export interface StoredRecord {
  readonly seq: number;
  readonly kind: string;
  readonly owner: string | null;
  readonly entityType: string | null;
  readonly entityId: string | null;
  readonly outcome: string;
  readonly body: RecordBody;
  /**
   * The first 16 hex digits of the leaf hash: not a security measure (the root is), only a locator, so
   * verification can name which entry of a request was changed.
   */
  readonly leaf: string;
}

/** `entity`: SQLite only (sqlite/trail-index.ts), a record pseudonym's prefix; PostgreSQL indexes the column itself. */
export type IndexKind = 'subject' | 'decision' | 'agreement' | 'entity';

export interface IndexRow {
  readonly kind: IndexKind;
  readonly value: string;
  readonly unitSeq: number;
}

export interface StoredUnit {
  readonly header: UnitHeader;
  readonly prevHash: string;
  readonly hash: string;
  readonly dictionary: UnitDictionary;
  readonly records: StoredRecord[];
}

export const LEAF_LOCATOR_LENGTH = 12;

/**
 * The subject index keys a pseudonym by its first 24 characters (126 bits): enough to find a person's
 * requests without a false hit in practice, at half the bytes; a search is decided by the full
 * pseudonym in the decoded entry anyway.
 */
export function subjectIndexKey(subject: string): string {
  return subject.slice(0, 24);
}

/** The exact document a request's header digest hashes. */
export function headerDocument(header: UnitHeader): string {
  return canonicalJson({
    format: TRAIL_FORMAT,
    seq: header.seq,
    firstEntrySeq: header.firstEntrySeq,
    entryCount: header.entryCount,
    root: header.root,
    traceId: header.traceId,
    spanId: header.spanId,
    parentSpanId: header.parentSpanId,
    operationId: header.operationId,
    operationName: header.operationName,
    time: header.time.toISOString(),
    endTime: header.endTime.toISOString(),
    viewer: { ...header.viewer },
    purpose: header.purpose,
    processingActivity: header.processingActivity,
  });
}

export function headerDigest(header: UnitHeader): string {
  return createHash('sha256').update(headerDocument(header)).digest('hex');
}

/** The chained hash of a request: sha256(prevHash || headerDigest), both fixed-length hex. */
export function linkHash(prevHash: string, digest: string): string {
  return createHash('sha256').update(prevHash).update(digest).digest('hex');
}

/** The request-level fields that decide which consecutive entries form one unit. */
function unitKey(entry: AuditEntryInput): string {
  const { viewer } = entry;
  return JSON.stringify([entry.traceId, entry.spanId, entry.parentSpanId, entry.operationId, entry.operationName,
    entry.time.getTime(), entry.endTime.getTime(), viewer.agencyId, viewer.userId, viewer.role, viewer.responsibleUserId,
    viewer.accessPoint, entry.purpose, entry.processingActivity]);
}

/** Splits a batch into runs of consecutive entries that share their request-level fields. */
export function groupIntoRequests(inputs: readonly AuditEntryInput[]): AuditEntryInput[][] {
  const groups: AuditEntryInput[][] = [];
  let key: string | null = null;
  for (const input of inputs) {
    const next = unitKey(input);
    if (next !== key) {
      groups.push([]);
      key = next;
    }
    (groups.at(-1) as AuditEntryInput[]).push(input);
  }
  return groups;
}

/** Decision ids `prefix.n` share their prefix (one per request); others are their own group. */
function splitDecisionId(id: string): [group: string, suffix: string] {
  const dot = id.lastIndexOf('.');
  return dot > 0 ? [id.slice(0, dot + 1), id.slice(dot + 1)] : [id, ''];
}

/** The decision index row's value for a decision id: what a store looks the id up by. */
export function decisionGroupOf(id: string): string {
  return splitDecisionId(id)[0];
}

/** The entry of a request that holds the decision, read from the hashed entries (an index row only points). */
export function findDecisionIn(unit: StoredUnit, decisionId: string): { entry: AuditEntry; decision: AuditDecision } | null {
  for (const record of unit.records) {
    const entry = decodeRecord(unit, record);
    const decision = entry.decisions.find((candidate) => candidate.id === decisionId);
    if (decision) return { entry, decision };
  }
  return null;
}

function interner<T>(key: (value: T) => string) {
  const values: T[] = [];
  const positions = new Map<string, number>();
  return {
    values,
    at(value: T): number {
      const k = key(value);
      let position = positions.get(k);
      if (position === undefined) {
        position = values.length;
        values.push(value);
        positions.set(k, position);
      }
      return position;
    },
  };
}

/** A request's request-level fields: shared by all its entries, hashed in its header. */
type RequestFields = Omit<UnitHeader, 'seq' | 'firstEntrySeq' | 'entryCount' | 'root'>;

/** One stored entry before it has a place in the chain: its columns and body, no seq or leaf yet. */
export type CompactRecord = Omit<StoredRecord, 'seq' | 'leaf'>;

/**
 * A request's entries in their stored form before chaining: request-level fields once, repeated
 * strings once (the dictionary), each entry a few indexes. Built where the entries are made, so what
 * crosses to the store's thread is this rather than every entry in full (a 280-entry request's entries
 * repeat their decisions and facts; cloning them cost more than storing them). `sealRequest` gives it
 * its place in the chain and its hashes.
 */
export interface CompactRequest {
  readonly fields: RequestFields;
  readonly dictionary: UnitDictionary;
  readonly records: CompactRecord[];
}

/** The compact form of one request's entries (all sharing their request-level fields). */
export function compactRequest(inputs: readonly AuditEntryInput[]): CompactRequest {
  const first = inputs[0];
  if (!first) throw new RangeError('compactRequest: a request needs at least one entry');
  const coordinates = interner<string>((value) => value);
  const tuples = interner<DecisionTuple>((value) => JSON.stringify(value));
  const subjects = interner<string>((value) => value);
  const facts = interner<AuditFacts>(factsDocument);
  const groups = interner<string>((value) => value);
  const records = inputs.map((entry): CompactRecord => {
    const body: RecordBody = {};
    const subjectList = entry.subject === null ? [] : [entry.subject, ...entry.relatedSubjects];
    if (subjectList.length > 0) body.s = subjectList.map((subject) => subjects.at(subject));
    if (entry.subjectType !== null) body.t = entry.subjectType === 'person' ? 'p' : 'h';
    if (entry.fieldsReleased.length > 0) body.r = entry.fieldsReleased.map((coordinate) => coordinates.at(coordinate));
    if (entry.fieldsWithheld.length > 0) body.w = entry.fieldsWithheld.map((coordinate) => coordinates.at(coordinate));
    if (entry.decisions.length > 0) {
      body.d = entry.decisions.map((decision) => {
        const [group, suffix] = splitDecisionId(decision.id);
        return [groups.at(group), suffix, tuples.at([decision.coordinate, decision.effect, decision.reason,
          decision.agreementKey, decision.article, decision.ruleId, decision.failedCondition])];
      });
    }
    if (entry.facts !== null) body.f = facts.at(entry.facts);
    if (entry.searchTerms !== null) body.q = entry.searchTerms;
    return { kind: entry.kind, owner: entry.owner, entityType: entry.entityType, entityId: entry.entityId, outcome: entry.outcome, body };
  });
  return {
    fields: {
      traceId: first.traceId, spanId: first.spanId, parentSpanId: first.parentSpanId, operationId: first.operationId,
      operationName: first.operationName, time: first.time, endTime: first.endTime, viewer: { ...first.viewer },
      purpose: first.purpose, processingActivity: first.processingActivity,
    },
    dictionary: { coordinates: coordinates.values, decisions: tuples.values, subjects: subjects.values, facts: facts.values, groups: groups.values },
    records,
  };
}

/** A batch's requests in compact form, in order (consecutive entries sharing their request-level fields). */
export function compactRequests(inputs: readonly AuditEntryInput[]): CompactRequest[] {
  return groupIntoRequests(inputs).map(compactRequest);
}

/**
 * Chains a compact request after `prev`: each entry gets its seq, its leaf is the hash of the entry
 * document it decodes to (what was appended: decoding is exact, tests/audit/unit.test.ts), and the
 * header links to `prev`.
 */
export function sealRequest(prev: ChainLink, request: CompactRequest): StoredUnit {
  const { fields, dictionary } = request;
  if (request.records.length === 0) throw new RangeError('sealRequest: a request unit needs at least one entry');
  // The request-level fields as a header would hold them, for decoding; seq and root are not read there.
  const partial = { header: { ...fields, seq: prev.seq + 1, firstEntrySeq: prev.entrySeq + 1, entryCount: request.records.length, root: '' }, dictionary, prevHash: prev.hash, hash: '' };
  const leaves: Buffer[] = [];
  const documentOf = createCompactDocumenter(dictionary);
  const records = request.records.map((record, index): StoredRecord => {
    const seq = prev.entrySeq + 1 + index;
    const leaf = leafHash(documentOf(record, seq) ?? entryDocument(decodeInput(partial, record), seq));
    leaves.push(leaf);
    return { ...record, seq, leaf: leaf.toString('hex').slice(0, LEAF_LOCATOR_LENGTH) };
  });
  const header: UnitHeader = { ...partial.header, root: merkleRoot(leaves) };
  return { header, prevHash: prev.hash, hash: linkHash(prev.hash, headerDigest(header)), dictionary, records };
}

/** Builds the stored form of one request's entries, chained after `prev`. */
export function buildUnit(prev: ChainLink, inputs: readonly AuditEntryInput[]): StoredUnit {
  return sealRequest(prev, compactRequest(inputs));
}

/** Chains a batch's requests after `head`, in order. */
export function buildUnits(head: ChainLink, inputs: readonly AuditEntryInput[]): StoredUnit[] {
  return sealRequests(head, compactRequests(inputs));
}

/** Chains compact requests after `head`, in order. */
export function sealRequests(head: ChainLink, requests: readonly CompactRequest[]): StoredUnit[] {
  const units: StoredUnit[] = [];
  let prev = head;
  for (const request of requests) {
    const unit = sealRequest(prev, request);
    units.push(unit);
    prev = linkOf(unit);
  }
  return units;
}

export function linkOf(unit: Pick<StoredUnit, 'header' | 'hash'>): ChainLink {
  return { seq: unit.header.seq, hash: unit.hash, entrySeq: unit.header.firstEntrySeq + unit.header.entryCount - 1 };
}

/** The index rows a unit implies; verification derives them again and compares with the stored ones. */
export function indexRows(unit: Pick<StoredUnit, 'header' | 'dictionary'>): IndexRow[] {
  const unitSeq = unit.header.seq;
  const rows: IndexRow[] = [];
  for (const value of new Set(unit.dictionary.subjects.map(subjectIndexKey))) rows.push({ kind: 'subject', value, unitSeq });
  for (const value of new Set(unit.dictionary.groups)) rows.push({ kind: 'decision', value, unitSeq });
  const agreements = new Set<string>();
  for (const tuple of unit.dictionary.decisions) if (tuple[3] !== null) agreements.add(tuple[3]);
  for (const value of agreements) rows.push({ kind: 'agreement', value, unitSeq });
  return rows;
}

const at = <T>(list: readonly T[], index: unknown, what: string): T => {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= list.length) {
    throw new TypeError(`entry refers to a ${what} the request does not hold`);
  }
  return list[index] as T;
};

const subjectTypeOf = (value: unknown): SubjectType | null => {
  if (value === undefined) return null;
  if (value === 'p') return 'person';
  if (value === 'h') return 'household';
  throw new TypeError('entry body: unknown subject type');
};

const indexes = (value: unknown): number[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError('entry body: a list was expected');
  return value as number[];
};

/**
 * Reads a stored entry back. Values are taken as stored, without repair: a tampered value must reach
 * the hash check as it is. Throws when the body cannot even be decoded (an altered row).
 */
export function decodeRecord(unit: Pick<StoredUnit, 'header' | 'dictionary' | 'prevHash' | 'hash'>, record: StoredRecord): AuditEntry {
  const entry = decodeInput(unit, record);
  return {
    ...entry, seq: record.seq, requestSeq: unit.header.seq, leafHash: leafHash(entryDocument(entry, record.seq)).toString('hex'),
    requestHash: unit.hash, prevHash: unit.prevHash,
  };
}

/** The entry as it was appended, from a stored (or compact) record and its request. */
function decodeInput(unit: Pick<StoredUnit, 'header' | 'dictionary'>, record: CompactRecord): AuditEntryInput {
  const { header, dictionary } = unit;
  const body = record.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new TypeError('entry body is not an object');
  const subjectList = indexes(body.s).map((index) => at(dictionary.subjects, index, 'subject'));
  const decisions = (body.d ?? []).map(([group, suffix, tuple]): AuditDecision => {
    const [coordinate, effect, reason, agreementKey, article, ruleId, failedCondition] = at(dictionary.decisions, tuple, 'decision');
    return {
      id: `${at(dictionary.groups, group, 'decision group')}${suffix}`, coordinate, effect: effect as AuditDecision['effect'],
      reason, agreementKey, article, ruleId, failedCondition,
    };
  });
  const entry: AuditEntryInput = {
    traceId: header.traceId, spanId: header.spanId, parentSpanId: header.parentSpanId, operationId: header.operationId,
    operationName: header.operationName, time: header.time, endTime: header.endTime, kind: record.kind as AuditEntry['kind'],
    viewer: { ...header.viewer }, purpose: header.purpose, processingActivity: header.processingActivity,
    owner: record.owner, entityType: record.entityType, entityId: record.entityId,
    subject: subjectList[0] ?? null, subjectType: subjectTypeOf(body.t), relatedSubjects: subjectList.slice(1),
    fieldsReleased: indexes(body.r).map((index) => at(dictionary.coordinates, index, 'coordinate')),
    fieldsWithheld: indexes(body.w).map((index) => at(dictionary.coordinates, index, 'coordinate')),
    decisions, facts: body.f === undefined ? null : at(dictionary.facts, body.f, 'facts'),
    searchTerms: body.q ?? null, outcome: record.outcome as AuditEntry['outcome'],
  };
  return entry;
}
