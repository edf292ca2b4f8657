/**
 * Internal: turns an AuditFilter into a WHERE clause for either store. The dialect supplies the
 * placeholder syntax, how time is stored, and how to ask whether a decision names an agreement.
 */
import { AuditStoreError } from './errors.ts';
import type { AuditFilter } from './store.ts';

export interface SqlDialect {
  /** Placeholder for the n-th parameter (1-based). */
  placeholder(index: number): string;
  /** Column expression compared with time bounds, and the bound's parameter value. */
  readonly timeColumn: string;
  timeValue(date: Date): unknown;
  /** Condition: some decision of the row has agreementKey = the given placeholder. */
  agreementCondition(placeholder: string): string;
  /** Condition: the row's relatedSubjects hold the given placeholder. */
  relatedSubjectCondition(placeholder: string): string;
}

export interface SqlWhere {
  readonly clause: string;
  readonly params: unknown[];
}

/** `afterSeq` limits to seq > afterSeq (keyset pagination). */
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
  conditions.push(`seq > ${bind(afterSeq)}`);
  if (filter.scopeAgencyId !== undefined) {
    // The scope is the one condition that must never be dropped: an agency sees what it did and what was done with its records.
    const agency = bind(filter.scopeAgencyId);
    conditions.push(`(viewer_agency = ${agency} OR owner_agency = ${agency})`);
  }
  if (filter.subject !== undefined) {
    const subject = bind(filter.subject);
    conditions.push(`(subject = ${subject} OR ${dialect.relatedSubjectCondition(subject)})`);
  }
  if (filter.viewerAgencyId !== undefined) conditions.push(`viewer_agency = ${bind(filter.viewerAgencyId)}`);
  if (filter.ownerAgencyId !== undefined) conditions.push(`owner_agency = ${bind(filter.ownerAgencyId)}`);
  if (filter.kind !== undefined) conditions.push(`kind = ${bind(filter.kind)}`);
  if (filter.from !== undefined) conditions.push(`${dialect.timeColumn} >= ${bind(dialect.timeValue(filter.from))}`);
  if (filter.to !== undefined) conditions.push(`${dialect.timeColumn} < ${bind(dialect.timeValue(filter.to))}`);
  if (filter.agreementKey !== undefined) conditions.push(dialect.agreementCondition(bind(filter.agreementKey)));
  return { clause: conditions.join(' AND '), params };
}
