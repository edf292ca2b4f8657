/**
 * Internal: entries as table rows. Every stored column is part of the hashed entry and is read back
 * from the row for verification, so changing any column directly in the database breaks the chain.
 */
import type { AuditDecision, AuditEntry, AuditEntryKind, AuditOutcome } from './entry.ts';

/** Column names in insert order; both stores use these names. */
export const ENTRY_COLUMNS = [
  'seq', 'prev_hash', 'hash', 'trace_id', 'operation_id', 'operation_name', 'TIME', 'kind',
  'viewer_agency', 'viewer_user', 'viewer_role', 'purpose', 'processing_activity', 'owner_agency',
  'entity_type', 'entity_id', 'subject', 'fields_released', 'fields_withheld', 'decisions', 'search_terms',
  'outcome', 'related_subjects',
] as const;

/** The time column is `time_ms` (integer) in SQLite and `time` (timestamptz) in PostgreSQL. */
export function entryColumns(timeColumn: string): string[] {
  return ENTRY_COLUMNS.map((column) => (column === 'TIME' ? timeColumn : column));
}

/** Values in ENTRY_COLUMNS order; `json` serialises the list and object columns, `time` the date. */
export function entryValues(entry: AuditEntry, time: (date: Date) => unknown, json: (value: unknown) => unknown): unknown[] {
  return [
    entry.seq, entry.prevHash, entry.hash, entry.traceId, entry.operationId, entry.operationName,
    time(entry.time), entry.kind, entry.viewer.agencyId, entry.viewer.userId, entry.viewer.role,
    entry.purpose, entry.processingActivity, entry.owner, entry.entityType, entry.entityId, entry.subject,
    json(entry.fieldsReleased), json(entry.fieldsWithheld), json(entry.decisions),
    entry.searchTerms === null ? null : json(entry.searchTerms), entry.outcome,
    entry.relatedSubjects.length > 0 ? json(entry.relatedSubjects) : null,
  ];
}

export interface EntryRow {
  seq: number | string | bigint;
  prev_hash: string;
  hash: string;
  trace_id: string;
  operation_id: string;
  operation_name: string | null;
  kind: string;
  viewer_agency: string;
  viewer_user: string;
  viewer_role: string;
  purpose: string;
  processing_activity: string;
  owner_agency: string | null;
  entity_type: string | null;
  entity_id: string | null;
  subject: string | null;
  fields_released: unknown;
  fields_withheld: unknown;
  decisions: unknown;
  search_terms: unknown;
  outcome: string;
  /** Null when there are none (and in rows written before the column existed). */
  related_subjects: unknown;
}

/**
 * Reads a row back into an entry. Values are taken as stored, without repair: a tampered value must
 * reach the hash check as it is. `json` parses a JSON column (SQLite text) or passes it (pg jsonb).
 */
export function rowToEntry(row: EntryRow, time: Date, json: (value: unknown) => unknown): AuditEntry {
  return {
    seq: Number(row.seq),
    prevHash: row.prev_hash,
    hash: row.hash,
    traceId: row.trace_id,
    operationId: row.operation_id,
    operationName: row.operation_name,
    time,
    kind: row.kind as AuditEntryKind,
    viewer: { agencyId: row.viewer_agency, userId: row.viewer_user, role: row.viewer_role },
    purpose: row.purpose,
    processingActivity: row.processing_activity,
    owner: row.owner_agency,
    entityType: row.entity_type,
    entityId: row.entity_id,
    subject: row.subject,
    relatedSubjects: row.related_subjects === null || row.related_subjects === undefined ? [] : (json(row.related_subjects) as string[]),
    fieldsReleased: json(row.fields_released) as string[],
    fieldsWithheld: json(row.fields_withheld) as string[],
    decisions: json(row.decisions) as AuditDecision[],
    searchTerms: row.search_terms === null ? null : (json(row.search_terms) as Record<string, string>),
    outcome: row.outcome as AuditOutcome,
  };
}
