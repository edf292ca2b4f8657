/** Internal: the SQLite row codec and filter dialect. */
import type { SqlDialect } from '../sql-filter.ts';
import { RECORD_COLUMNS, requestColumns, type RowCodec } from '../unit-rows.ts';

/** Characters of the record pseudonym (`pe_` and 22 of base64url) the entity index keys on: `pe_` and 48 bits. */
export const ENTITY_INDEX_PREFIX = 11;

export const SQLITE_CODEC: RowCodec = {
  timeColumn: 'time_ms',
  endTimeColumn: 'end_ms',
  time: (date) => date.getTime(),
  readTime: (value) => new Date(Number(value)),
  json: (value) => JSON.stringify(value),
  readJson: (value) => JSON.parse(String(value)),
};

export const SQLITE_REQUEST_COLUMNS = requestColumns(SQLITE_CODEC);
export const SQLITE_RECORD_COLUMNS: readonly string[] = RECORD_COLUMNS;

export const SQLITE_DIALECT: SqlDialect = {
  // Numbered placeholders: the scope condition uses one parameter twice.
  placeholder: (index) => `?${index}`,
  timeColumn: 'time_ms',
  timeValue: (date) => date.getTime(),
  indexTable: 'audit_index',
  // The entity index holds a prefix of the pseudonym (schema.ts migration 4); the full compare decides.
  entityCondition: (placeholder) => `substr(r.entity_id, 1, ${ENTITY_INDEX_PREFIX}) = substr(${placeholder}, 1, ${ENTITY_INDEX_PREFIX}) AND r.entity_id = ${placeholder}`,
};
