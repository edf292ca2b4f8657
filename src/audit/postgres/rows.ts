/** Internal: the PostgreSQL row shape, its filter dialect, and batch inserts as one jsonb parameter. */
import type { ClientBase } from 'pg';
import type { AuditEntry } from '../entry.ts';
import { entryColumns, entryValues, rowToEntry, type EntryRow } from '../entry-row.ts';
import type { SqlDialect } from '../sql-filter.ts';

export type PostgresRow = EntryRow & { time: Date };

export const POSTGRES_DIALECT: SqlDialect = {
  placeholder: (index) => `$${index}`,
  timeColumn: 'time',
  timeValue: (date) => date,
  // Matches the GIN (jsonb_path_ops) index on decisions.
  agreementCondition: (p) => `decisions @> jsonb_build_array(jsonb_build_object('agreementKey', ${p}::text))`,
  // Matches the GIN (jsonb_path_ops) index on related_subjects.
  relatedSubjectCondition: (p) => `related_subjects @> jsonb_build_array(${p}::text)`,
};

const COLUMNS = entryColumns('time');
const TYPES: Record<string, string> = {
  seq: 'bigint', time: 'timestamptz', fields_released: 'jsonb', fields_withheld: 'jsonb', decisions: 'jsonb', search_terms: 'jsonb',
  related_subjects: 'jsonb',
};

/**
 * One INSERT for the whole batch: the rows travel as one jsonb array and jsonb_to_recordset spreads
 * them, so a batch of any size is one statement and one parameter.
 */
export function insertEntriesSql(schema: string): string {
  const definition = COLUMNS.map((column) => `${column} ${TYPES[column] ?? 'text'}`).join(', ');
  return `INSERT INTO ${schema}.audit_entry (${COLUMNS.join(', ')})
    SELECT ${COLUMNS.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${definition})`;
}

export function entriesParameter(entries: readonly AuditEntry[]): string {
  return JSON.stringify(entries.map((entry) => {
    const values = entryValues(entry, (date) => date.toISOString(), (value) => value);
    return Object.fromEntries(COLUMNS.map((column, index) => [column, values[index]]));
  }));
}

/** jsonb arrives parsed; a tampered column of another type arrives as whatever it is and fails the hash. */
export function toEntry(row: PostgresRow): AuditEntry {
  return rowToEntry(row, row.time, (value) => value);
}

/** Entries after `afterSeq` in seq order, read a page at a time on one client (inside its transaction). */
export async function* pageEntries(client: ClientBase, schema: string, afterSeq: number, pageSize = 1000): AsyncGenerator<PostgresRow> {
  let last = afterSeq;
  for (;;) {
    const { rows } = await client.query<PostgresRow>(`SELECT * FROM ${schema}.audit_entry WHERE seq > $1 ORDER BY seq LIMIT $2`, [last, pageSize]);
    for (const row of rows) yield row;
    const tail = rows.at(-1);
    if (!tail || rows.length < pageSize) return;
    last = Number(tail.seq);
  }
}
