/**
 * Internal: turns an AuditFilter into a WHERE clause over an entry row `r` joined with its request row
 * `u`, for either store. The dialect supplies the placeholder syntax and how time is stored.
 *
 * Subject and agreement filters go through the index rows (kind, value -> request) and are then
 * checked against the decoded entry itself (`matchesEntry`): the index only narrows the search, the
 * hashed entry decides. Verification re-derives every index row, so a deleted row is found there too.
 */
import type { AuditEntry } from './entry.ts';
import { AuditStoreError } from './errors.ts';
import { encodeCursor } from './cursor.ts';
import type { AuditFilter, AuditPage } from './store.ts';
import { subjectIndexKey } from './unit.ts';

export interface SqlDialect {
  /** The entity filter, given the bound pseudonym's placeholder; default `r.entity_id = <placeholder>`. */
  entityCondition?: (placeholder: string) => string;
  /** Placeholder for the n-th parameter (1-based). */
  placeholder(index: number): string;
  /** Column expression compared with time bounds, and the bound's parameter value. */
  readonly timeColumn: string;
  timeValue(date: Date): unknown;
  /** The index table as the query names it (schema-qualified in PostgreSQL). */
  readonly indexTable: string;
  /**
   * The requests an index lookup names, as a subquery, given the kind's placeholder and the value's
   * SQL; default: the index table's rows. SQLite adds the requests its index has not caught up with.
   */
  indexedRequests?: (kind: string, value: string) => string;
}

export interface SqlWhere {
  readonly clause: string;
  readonly params: unknown[];
  /** Whether rows must still be checked with `matchesEntry` (the index narrowed, the entry decides). */
  readonly postFilter: boolean;
}

/** `afterSeq` limits to entry seq > afterSeq (keyset pagination). */
export function buildAuditWhere(filter: AuditFilter, afterSeq: number, dialect: SqlDialect): SqlWhere {
  for (const bound of [filter.from, filter.to]) {
    if (bound !== undefined && (!(bound instanceof Date) || Number.isNaN(bound.getTime()))) {
      throw new AuditStoreError('AUDIT_INVALID_ARGUMENT', 'audit filter: from and to must be valid dates');
    }
  }
  const params: unknown[] = [];
  const conditions: string[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return dialect.placeholder(params.length);
  };
  conditions.push(`r.seq > ${bind(afterSeq)}`);
  if (filter.scopeAgencyId !== undefined) {
    // The scope is the one condition that must never be dropped: an agency sees what it did and what was done with its records.
    const agency = bind(filter.scopeAgencyId);
    const owners = [agency, ...(filter.scopeOwners ?? []).filter((owner) => owner !== filter.scopeAgencyId).map(bind)];
    conditions.push(`(u.viewer_agency = ${agency} OR r.owner_agency IN (${owners.join(', ')}))`);
  }
  const indexedRequests = dialect.indexedRequests
    ?? ((kind: string, value: string) => `SELECT i.request_seq FROM ${dialect.indexTable} i WHERE i.kind = ${kind} AND i.value = ${value}`);
  const indexed = (kind: string, value: string) => conditions.push(`r.request_seq IN (${indexedRequests(bind(kind), bind(value))})`);
  if (filter.subject !== undefined) indexed('subject', subjectIndexKey(filter.subject));
  if (filter.agreementKey !== undefined) indexed('agreement', filter.agreementKey);
  if (filter.viewerAgencyId !== undefined) conditions.push(`u.viewer_agency = ${bind(filter.viewerAgencyId)}`);
  if (filter.ownerAgencyId !== undefined) conditions.push(`r.owner_agency = ${bind(filter.ownerAgencyId)}`);
  if (filter.kind !== undefined) conditions.push(`r.kind = ${bind(filter.kind)}`);
  if (filter.traceId !== undefined) conditions.push(`u.trace_id = ${bind(filter.traceId)}`);
  if (filter.operationId !== undefined) conditions.push(`u.operation_id = ${bind(filter.operationId)}`);
  if (filter.entityId !== undefined) {
    const entity = bind(filter.entityId);
    conditions.push(dialect.entityCondition ? dialect.entityCondition(entity) : `r.entity_id = ${entity}`);
  }
  if (filter.from !== undefined) conditions.push(`u.${dialect.timeColumn} >= ${bind(dialect.timeValue(filter.from))}`);
  if (filter.to !== undefined) conditions.push(`u.${dialect.timeColumn} < ${bind(dialect.timeValue(filter.to))}`);
  return { clause: conditions.join(' AND '), params, postFilter: filter.subject !== undefined || filter.agreementKey !== undefined };
}

/**
 * A page of entries as both stores fill it: rows come in seq order, possibly in several rounds when the
 * index only narrowed (`postFilter`), and the decoded entry decides. `more` says whether the last round
 * was cut at its limit.
 */
export function createPageCollector(filter: AuditFilter, first: number, postFilter: boolean) {
  const entries: AuditEntry[] = [];
  return {
    get full(): boolean {
      return entries.length > first;
    },
    offer(entry: AuditEntry): void {
      if (!postFilter || matchesEntry(filter, entry)) entries.push(entry);
    },
    page(more: boolean): AuditPage {
      const pageEntries = entries.slice(0, first);
      const last = pageEntries.at(-1);
      return { entries: pageEntries, endCursor: last ? encodeCursor(last.seq) : null, hasNextPage: entries.length > first || (more && entries.length === first) };
    },
  };
}

/** The decoded entry's own answer to the filters the index only narrowed. */
export function matchesEntry(filter: AuditFilter, entry: AuditEntry): boolean {
  if (filter.subject !== undefined && entry.subject !== filter.subject && !entry.relatedSubjects.includes(filter.subject)) return false;
  if (filter.agreementKey !== undefined && !entry.decisions.some((decision) => decision.agreementKey === filter.agreementKey)) return false;
  return true;
}
