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

/**
 * The filter dialect over a trail whose index lives in `schema` (trail-index.ts): an index lookup names
 * the requests the index holds for the value and every request after its watermark, which the search
 * reads directly.
 */
export function sqliteDialect(schema: string): SqlDialect & Required<Pick<SqlDialect, 'indexedRequests'>> {
  const indexedRequests = (kind: string, value: string) => `SELECT i.request_seq FROM ${schema}.trail_index i WHERE i.kind = ${kind} AND i.value = ${value}
    UNION ALL SELECT t.seq FROM audit_request t WHERE t.seq > (SELECT s.indexed_seq FROM ${schema}.trail_index_state s WHERE s.id = 1)`;
  return {
    // Numbered placeholders: the scope condition uses one parameter twice.
    placeholder: (index) => `?${index}`,
    timeColumn: 'time_ms',
    timeValue: (date) => date.getTime(),
    indexTable: `${schema}.trail_index`,
    indexedRequests,
    // The entity rows hold a prefix of the pseudonym; the full compare decides.
    entityCondition: (placeholder) => `r.request_seq IN (${indexedRequests("'entity'", `substr(${placeholder}, 1, ${ENTITY_INDEX_PREFIX})`)}) AND r.entity_id = ${placeholder}`,
  };
}
