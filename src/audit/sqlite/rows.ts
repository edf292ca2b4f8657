/** Internal: the SQLite row codec and filter dialect. */
import type { SqlDialect } from '../sql-filter.ts';
import { RECORD_COLUMNS, requestColumns, type RowCodec } from '../unit-rows.ts';

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
};
