import { describe, expect, it } from 'vitest';
import { chainEntries, GENESIS } from '#src/audit/chain.ts';
import { decodeCursor } from '#src/audit/cursor.ts';
import { auditQuerySearchTerms, toAuditEntryConnection, toAuditFilter, toGqlAuditEntry } from '#src/graph/audit-mapping.ts';
import { createPseudonymizer } from '#src/audit/pseudonymize.ts';
import { entry } from '../audit/entry-builder.ts';

const pseudonymize = createPseudonymizer('graphql-mapping-test-secret-0123456789');

describe('auditEntries filter', () => {
  it('always scopes to the caller, whatever the filter names', () => {
    expect(toAuditFilter(null, 'amk-groningen', pseudonymize)).toEqual({ scopeAgencyId: 'amk-groningen' });
    expect(toAuditFilter({ viewerAgencyId: 'ashg-groningen', ownerAgencyId: 'bjz-groningen' }, 'amk-groningen', pseudonymize))
      .toEqual({ scopeAgencyId: 'amk-groningen', viewerAgencyId: 'ashg-groningen', ownerAgencyId: 'bjz-groningen' });
  });

  it('pseudonymises a BSN subject, and accepts the same subject as pseudonym', () => {
    const pseudonym = pseudonymize('111222333');
    expect(toAuditFilter({ subjectBsn: '111222333' }, 'a', pseudonymize).subject).toBe(pseudonym);
    expect(toAuditFilter({ subjectPseudonym: pseudonym }, 'a', pseudonymize).subject).toBe(pseudonym);
    expect(toAuditFilter({ subjectBsn: '111 222 333', subjectPseudonym: pseudonym }, 'a', pseudonymize).subject).toBe(pseudonym);
  });

  it.each([
    ['two different subjects', { subjectBsn: '111222333', subjectPseudonym: pseudonymize('123456782') }],
    ['a malformed BSN', { subjectBsn: 'abc' }],
    ['a malformed pseudonym', { subjectPseudonym: '111222333' }],
    ['a bad date', { from: 'yesterday' }],
  ])('rejects %s without echoing the input', (_label, filter) => {
    const error = (() => {
      try {
        toAuditFilter(filter, 'a', pseudonymize);
        return null;
      } catch (caught) {
        return caught as Error & { code?: string };
      }
    })();
    expect(error?.code).toBe('AUDIT_INVALID_ARGUMENT');
    expect(error?.message).not.toContain('111222333');
  });

  it('maps kind and dates', () => {
    expect(toAuditFilter({ kind: 'AUDIT_QUERY', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00+01:00' }, 'a', pseudonymize)).toEqual({
      scopeAgencyId: 'a', kind: 'audit-query', from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-31T23:00:00Z'),
    });
  });

  it('logs the audit query by its filter terms, the subject as pseudonym only', () => {
    const terms = auditQuerySearchTerms(toAuditFilter({ subjectBsn: '111222333', from: '2026-01-01T00:00:00Z' }, 'amk-groningen', pseudonymize));
    expect(terms).toEqual({ scopeAgencyId: 'amk-groningen', subject: pseudonymize('111222333'), from: '2026-01-01T00:00:00.000Z' });
    expect(JSON.stringify(terms)).not.toContain('111222333');
  });
});

describe('auditEntries connection', () => {
  const [first, second] = chainEntries(GENESIS, [
    entry(1, { kind: 'audit-query', outcome: 'partially-released' }),
    entry(2, { searchTerms: { bsn: 'ps_x', municipality: 'Groningen' }, owner: null }),
  ]);

  it('maps an entry to the schema vocabulary', () => {
    const mapped = toGqlAuditEntry(first as NonNullable<typeof first>);
    expect(mapped).toMatchObject({
      seq: '1', kind: 'AUDIT_QUERY', outcome: 'PARTIALLY_RELEASED', ownerAgencyId: 'ashg-groningen',
      time: '2026-03-02T09:01:00.000Z', searchTerms: null,
    });
    expect(mapped.decisions.map((d) => d.effect)).toEqual(['ALLOW', 'DENY']);
    expect(toGqlAuditEntry(second as NonNullable<typeof second>).searchTerms)
      .toEqual([{ name: 'bsn', value: 'ps_x' }, { name: 'municipality', value: 'Groningen' }]);
  });

  it('gives every edge a cursor to continue after it', () => {
    const connection = toAuditEntryConnection({ entries: [first, second] as NonNullable<typeof first>[], endCursor: 'end', hasNextPage: true });
    expect(connection.edges.map((edge) => decodeCursor(edge.cursor))).toEqual([1, 2]);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: 'end' });
  });
});
