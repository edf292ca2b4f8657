/** Internal: the PostgreSQL row codec, its filter dialect, and batch inserts as one jsonb parameter each. */
import type { ClientBase } from 'pg';
import type { SqlDialect } from '../sql-filter.ts';
import type { StoredUnit } from '../unit.ts';
import { indexRows } from '../unit.ts';
import { RECORD_COLUMNS, recordValues, requestColumns, requestValues, type RecordRow, type RequestRow, type RowCodec } from '../unit-rows.ts';

export const POSTGRES_CODEC: RowCodec = {
  timeColumn: 'time',
  endTimeColumn: 'end_time',
  time: (date) => date.toISOString(),
  readTime: (value) => (value instanceof Date ? value : new Date(String(value))),
  json: (value) => value,
  // jsonb arrives parsed; a tampered column of another type arrives as whatever it is and fails the hash.
  readJson: (value) => value,
};

/** The dialect for the audit tables in schema `s` (already quoted). */
export function postgresDialect(s: string): SqlDialect {
  return { placeholder: (index) => `$${index}`, timeColumn: 'time', timeValue: (date) => date, indexTable: `${s}.audit_index` };
}

const REQUEST = requestColumns(POSTGRES_CODEC);
const TYPES: Record<string, string> = {
  seq: 'bigint', first_entry_seq: 'bigint', entry_count: 'integer', request_seq: 'bigint', time: 'timestamptz', end_time: 'timestamptz',
  dictionary: 'jsonb', body: 'jsonb',
};

const recordset = (columns: readonly string[]) => columns.map((column) => `${column} ${TYPES[column] ?? 'text'}`).join(', ');

/**
 * Three INSERTs for the whole batch, each spreading one jsonb array with jsonb_to_recordset: a batch of
 * any size is three statements and three parameters.
 */
export function insertUnitsSql(schema: string): string[] {
  return [
    `INSERT INTO ${schema}.audit_request (${REQUEST.join(', ')}) SELECT ${REQUEST.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${recordset(REQUEST)})`,
    `INSERT INTO ${schema}.audit_record (${RECORD_COLUMNS.join(', ')}) SELECT ${RECORD_COLUMNS.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${recordset(RECORD_COLUMNS)})`,
    `INSERT INTO ${schema}.audit_index (kind, value, request_seq) SELECT kind, value, request_seq FROM jsonb_to_recordset($1::jsonb) AS x(kind text, value text, request_seq bigint)`,
  ];
}

export function unitsParameters(units: readonly StoredUnit[]): string[] {
  const object = (columns: readonly string[], values: unknown[]) => Object.fromEntries(columns.map((column, index) => [column, values[index]]));
  return [
    JSON.stringify(units.map((unit) => object(REQUEST, requestValues(unit, POSTGRES_CODEC)))),
    JSON.stringify(units.flatMap((unit) => unit.records.map((record) => object(RECORD_COLUMNS, recordValues(record, unit.header.seq, POSTGRES_CODEC))))),
    JSON.stringify(units.flatMap((unit) => indexRows(unit).map((row) => ({ kind: row.kind, value: row.value, request_seq: row.unitSeq })))),
  ];
}

export type PostgresRequestRow = RequestRow & Record<string, unknown>;

/** Rows after `after` in seq order, a page at a time on one client (inside its transaction). */
export async function* pageRows<Row extends { seq: unknown }>(client: ClientBase, sql: string, after: number, pageSize = 1000): AsyncGenerator<Row> {
  let last = after;
  for (;;) {
    const { rows } = await client.query<Row & Record<string, unknown>>(sql, [last, pageSize]);
    for (const row of rows) yield row;
    const tail = rows.at(-1);
    if (!tail || rows.length < pageSize) return;
    last = Number(tail.seq);
  }
}

export type { RecordRow };
