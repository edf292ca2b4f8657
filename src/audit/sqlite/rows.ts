/** Internal: the SQLite row shape, its filter dialect, and reading a row back into an entry. */
import type { AuditEntry } from '../entry.ts';
import { entryColumns, rowToEntry, type EntryRow } from '../entry-row.ts';
import type { SqlDialect } from '../sql-filter.ts';

export type SqliteRow = EntryRow & { time_ms: number };

export const SQLITE_COLUMNS = entryColumns('time_ms');

export const SQLITE_DIALECT: SqlDialect = {
  // Numbered placeholders: the scope condition uses one parameter twice.
  placeholder: (index) => `?${index}`,
  timeColumn: 'time_ms',
  timeValue: (date) => date.getTime(),
  agreementCondition: (p) =>
    `EXISTS (SELECT 1 FROM json_each(audit_entry.decisions) AS d WHERE json_extract(d.value, '$.agreementKey') = ${p})`,
  // Through the indexed lookup table the write fills; the entries it finds are read from the hashed rows.
  relatedSubjectCondition: (p) => `seq IN (SELECT seq FROM audit_subject_ref WHERE subject = ${p})`,
};

export function toEntry(row: SqliteRow): AuditEntry {
  return rowToEntry(row, new Date(row.time_ms), (value) => JSON.parse(String(value)));
}
