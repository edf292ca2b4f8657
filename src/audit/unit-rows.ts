/**
 * Internal: requests and entries as table rows, for both stores. A request row holds its header (every
 * hashed request-level field as a column, so filters use indexes) and its dictionary; an entry row its
 * searchable columns, its compact body and its leaf locator. Values are read back without repair: a
 * tampered value must reach the hash check as it is.
 */
import type { AuditViewer } from './entry.ts';
import type { IndexRow, RecordBody, StoredRecord, StoredUnit, UnitDictionary, UnitHeader } from './unit.ts';

export const REQUEST_COLUMNS = [
  'seq', 'prev_hash', 'hash', 'root', 'first_entry_seq', 'entry_count', 'trace_id', 'span_id', 'parent_span_id',
  'operation_id', 'operation_name', 'TIME', 'END_TIME', 'viewer_agency', 'viewer_user', 'viewer_role', 'responsible_user',
  'access_point', 'purpose', 'processing_activity', 'dictionary',
] as const;

export const RECORD_COLUMNS = ['seq', 'request_seq', 'kind', 'owner_agency', 'entity_type', 'entity_id', 'outcome', 'body', 'leaf'] as const;

export interface RequestRow {
  seq: number | string | bigint;
  prev_hash: string;
  hash: string;
  root: string;
  first_entry_seq: number | string | bigint;
  entry_count: number | string | bigint;
  trace_id: string;
  span_id: string | null;
  parent_span_id: string | null;
  operation_id: string;
  operation_name: string | null;
  viewer_agency: string;
  viewer_user: string;
  viewer_role: string;
  responsible_user: string | null;
  access_point: string | null;
  purpose: string;
  processing_activity: string;
  dictionary: unknown;
}

export interface RecordRow {
  seq: number | string | bigint;
  request_seq: number | string | bigint;
  kind: string;
  owner_agency: string | null;
  entity_type: string | null;
  entity_id: string | null;
  outcome: string;
  body: unknown;
  leaf: string;
}

export interface RowCodec {
  /** Column names for the start and end time (`time_ms`/`end_ms` in SQLite, `time`/`end_time` in PostgreSQL). */
  readonly timeColumn: string;
  readonly endTimeColumn: string;
  time(date: Date): unknown;
  readTime(value: unknown): Date;
  /** Serialises a JSON column (SQLite text) or passes the value (pg jsonb). */
  json(value: unknown): unknown;
  readJson(value: unknown): unknown;
}

export function requestColumns(codec: RowCodec): string[] {
  return REQUEST_COLUMNS.map((column) => (column === 'TIME' ? codec.timeColumn : column === 'END_TIME' ? codec.endTimeColumn : column));
}

export function requestValues(unit: StoredUnit, codec: RowCodec): unknown[] {
  const { header } = unit;
  return [
    header.seq, unit.prevHash, unit.hash, header.root, header.firstEntrySeq, header.entryCount, header.traceId, header.spanId,
    header.parentSpanId, header.operationId, header.operationName, codec.time(header.time), codec.time(header.endTime),
    header.viewer.agencyId, header.viewer.userId, header.viewer.role, header.viewer.responsibleUserId, header.viewer.accessPoint,
    header.purpose, header.processingActivity, codec.json(unit.dictionary),
  ];
}

export function recordValues(record: StoredRecord, requestSeq: number, codec: RowCodec): unknown[] {
  return [record.seq, requestSeq, record.kind, record.owner, record.entityType, record.entityId, record.outcome, codec.json(record.body), record.leaf];
}

/** Reads a request row back; the times come from the dialect's columns. Throws on a shape no store writes. */
export function rowToUnit(row: RequestRow & Record<string, unknown>, records: readonly RecordRow[], codec: RowCodec): StoredUnit {
  const viewer: AuditViewer = {
    agencyId: row.viewer_agency, userId: row.viewer_user, role: row.viewer_role,
    responsibleUserId: row.responsible_user, accessPoint: row.access_point,
  };
  const header: UnitHeader = {
    seq: Number(row.seq), firstEntrySeq: Number(row.first_entry_seq), entryCount: Number(row.entry_count), root: row.root,
    traceId: row.trace_id, spanId: row.span_id, parentSpanId: row.parent_span_id, operationId: row.operation_id,
    operationName: row.operation_name, time: codec.readTime(row[codec.timeColumn]), endTime: codec.readTime(row[codec.endTimeColumn]),
    viewer, purpose: row.purpose, processingActivity: row.processing_activity,
  };
  const dictionary = codec.readJson(row.dictionary) as UnitDictionary;
  if (typeof dictionary !== 'object' || dictionary === null) throw new TypeError('request dictionary is not an object');
  for (const list of ['coordinates', 'decisions', 'subjects', 'facts', 'groups'] as const) {
    if (!Array.isArray(dictionary[list])) throw new TypeError(`request dictionary: ${list} is not a list`);
  }
  return {
    header, prevHash: row.prev_hash, hash: row.hash, dictionary,
    records: records.map((record) => rowToRecord(record, header.seq, codec)),
  };
}

export function rowToRecord(row: RecordRow, requestSeq: number, codec: RowCodec): StoredRecord {
  // An entry row filed under another request than the one whose range holds it was moved.
  if (Number(row.request_seq) !== requestSeq) throw new TypeError('entry row names another request');
  return {
    seq: Number(row.seq), kind: row.kind, owner: row.owner_agency, entityType: row.entity_type, entityId: row.entity_id,
    outcome: row.outcome, body: codec.readJson(row.body) as RecordBody, leaf: row.leaf,
  };
}

export function indexValues(row: IndexRow): unknown[] {
  return [row.kind, row.value, row.unitSeq];
}
