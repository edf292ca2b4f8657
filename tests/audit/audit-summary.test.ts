/**
 * summarizeAudit on both stores: the counts of a search are the counts of the entries the store lists
 * for it, in the scope given (another organisation's entries are not counted), per Amsterdam day by
 * viewer, agreement and purpose, with withheld fields by reason; a search past the bound says so.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { amsterdamDay } from '#domain/calendar.ts';
import { REASON_NOT_RECORDED, summarizeAudit, summarizeEntries } from '#src/audit/audit-summary.ts';
import type { AuditEntryInput } from '#src/audit/entry.ts';
import type { AuditStore } from '#src/audit/store.ts';
import { decision, entry } from './entry-builder.ts';
import { describePostgres } from './postgres-env.ts';
import { openPostgresTestStore, openSqliteTestStore, type OpenedStore } from './test-stores.ts';

const DAY = 24 * 60 * 60_000;
const SUBJECT = `ps_${'a'.repeat(43)}`;
const OTHER_SUBJECT = `ps_${'b'.repeat(43)}`;
const at = (iso: string) => new Date(iso);

/**
 * Requests (one append each) in three organisations' scopes around one child:
 * - two AMK reads of an ASHG report on 1 March (one request of two entries), granted by the protocol;
 * - an ASHG read of the AMK's case status on 2 March, its narrative withheld for want of a grant;
 * - the ASHG reading its own report on 2 March (no agreement: its own record);
 * - the police reading their own zorgmelding (neither AMK's nor ASHG's scope) and a read about another child.
 */
const REQUESTS: AuditEntryInput[][] = [
  [
    entry(1, { time: at('2026-03-01T09:00:00Z'), subject: SUBJECT, subjectType: 'person' }),
    entry(2, { time: at('2026-03-01T09:00:00Z'), traceId: entry(1).traceId, spanId: entry(1).spanId, operationId: 'op-1', subject: SUBJECT, subjectType: 'person', fieldsReleased: ['Report.status'], fieldsWithheld: [], outcome: 'released', decisions: [decision({ id: 'dc_2_a' })] }),
  ],
  [entry(3, {
    time: at('2026-03-02T23:30:00Z'), // 00:30 on 3 March in Amsterdam
    viewer: { agencyId: 'ashg-groningen', userId: 'user-3', role: 'caseworker', responsibleUserId: null, accessPoint: null },
    purpose: 'case-conference', owner: 'amk-groningen', entityType: 'Involvement', subject: SUBJECT, subjectType: 'household',
    fieldsReleased: ['Involvement.phase'], fieldsWithheld: ['Involvement.contact', 'Involvement.note'], outcome: 'partially-released',
    decisions: [
      decision({ id: 'dc_3_a', coordinate: 'Involvement.phase', agreementKey: 'groningen-ashg-amk@1', article: 'art. 5' }),
      decision({ id: 'dc_3_b', coordinate: 'Involvement.contact', effect: 'deny', reason: 'NO_GRANT', agreementKey: null, article: null, ruleId: null }),
    ],
  })],
  [entry(4, {
    time: at('2026-03-02T10:00:00Z'),
    viewer: { agencyId: 'ashg-groningen', userId: 'user-3', role: 'caseworker', responsibleUserId: null, accessPoint: null },
    purpose: 'case-conference', owner: 'ashg-groningen', subject: SUBJECT, subjectType: 'person', fieldsWithheld: [], outcome: 'released',
    decisions: [decision({ id: 'dc_4_a', reason: 'OWNER', agreementKey: null, article: null })],
  })],
  [entry(5, {
    time: at('2026-03-02T11:00:00Z'),
    viewer: { agencyId: 'politie-noord-nederland', userId: 'user-5', role: 'caseworker', responsibleUserId: null, accessPoint: null },
    purpose: 'feedback', owner: 'politie-noord-nederland', subject: SUBJECT, subjectType: 'person',
  })],
  [entry(6, { time: at('2026-03-02T12:00:00Z'), subject: OTHER_SUBJECT, subjectType: 'person' })],
];

function describeSummary(name: string, open: () => Promise<OpenedStore>): void {
  describe(`auditSummary on ${name}`, () => {
    let store: AuditStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await open());
      for (const request of REQUESTS) await store.append(request);
    });
    afterEach(async () => cleanup());

    it('counts the AMK\'s scope only: its own reads and the reads of its records, not the police\'s own', async () => {
      const summary = await summarizeAudit(store, { scopeAgencyId: 'amk-groningen', subject: SUBJECT }, { dayOf: amsterdamDay });
      expect(summary).toMatchObject({ entries: 3, complete: true, requests: 2, organisations: 2, fieldsReleased: 4, fieldsWithheld: 3 });
      expect(summary.byOutcome).toEqual([{ outcome: 'released', entries: 1 }, { outcome: 'partially-released', entries: 2 }]);
      expect(summary.perDayByViewer).toEqual([
        { day: '2026-03-01', key: 'amk-groningen', entries: 2, requests: 1 },
        { day: '2026-03-03', key: 'ashg-groningen', entries: 1, requests: 1 },
      ]);
      expect(summary.perDayByAgreement).toEqual([
        { day: '2026-03-01', key: 'groningen-ashg-amk@2', entries: 2, requests: 1 },
        { day: '2026-03-03', key: 'groningen-ashg-amk@1', entries: 1, requests: 1 },
      ]);
      expect(summary.perDayByPurpose.map((cell) => cell.key)).toEqual(['assess-child-abuse', 'case-conference']);
      // Report.reporter (OWNER_ONLY), Involvement.contact (NO_GRANT), Involvement.note (no decision recorded).
      expect(summary.redactionsByReason).toEqual([
        { reason: REASON_NOT_RECORDED, fields: 1 }, { reason: 'NO_GRANT', fields: 1 }, { reason: 'OWNER_ONLY', fields: 1 },
      ]);
    });

    it('counts the ASHG\'s own record under no agreement, and never the AMK\'s reads of other children', async () => {
      const summary = await summarizeAudit(store, { scopeAgencyId: 'ashg-groningen', subject: SUBJECT }, { dayOf: amsterdamDay });
      // Both AMK reads are of ASHG reports (owner ashg), the ASHG's two own requests; not the police's.
      expect(summary).toMatchObject({ entries: 4, requests: 3, organisations: 2 });
      expect(summary.perDayByAgreement).toContainEqual({ day: '2026-03-02', key: null, entries: 1, requests: 1 });
      const everything = await summarizeAudit(store, { scopeAgencyId: 'ashg-groningen' }, { dayOf: amsterdamDay });
      expect(everything.entries).toBe(5);
    });

    it('counts the police\'s scope without the chain\'s other organisations', async () => {
      const summary = await summarizeAudit(store, { scopeAgencyId: 'politie-noord-nederland' }, { dayOf: amsterdamDay });
      expect(summary).toMatchObject({ entries: 1, organisations: 1 });
      expect(summary.perDayByViewer.map((cell) => cell.key)).toEqual(['politie-noord-nederland']);
    });

    it('says when it counted only part of the search, across pages', async () => {
      const summary = await summarizeAudit(store, { scopeAgencyId: 'ashg-groningen' }, { dayOf: amsterdamDay, limit: 3 });
      expect(summary).toMatchObject({ entries: 3, complete: false });
    });
  });
}

describeSummary('SQLite', () => openSqliteTestStore('summary'));

describePostgres('auditSummary on PostgreSQL', () => {
  describeSummary('PostgreSQL', () => openPostgresTestStore('audit_summary'));
});

describe('summarizeEntries', () => {
  it('is all zeros and empty lists for no entries', () => {
    expect(summarizeEntries([], amsterdamDay)).toEqual({
      entries: 0, complete: true, requests: 0, organisations: 0, fieldsReleased: 0, fieldsWithheld: 0, byOutcome: [],
      perDayByViewer: [], perDayByAgreement: [], perDayByPurpose: [], redactionsByReason: [],
    });
  });

  it('counts days in Amsterdam, across the clock change', () => {
    const stored = (n: number, time: Date) => ({ ...entry(n, { time }), seq: n, requestSeq: n, leafHash: '', requestHash: '', prevHash: '' });
    const summary = summarizeEntries([stored(1, at('2026-03-28T23:30:00Z')), stored(2, new Date(at('2026-03-28T23:30:00Z').getTime() + DAY))], amsterdamDay);
    expect(summary.perDayByViewer.map((cell) => cell.day)).toEqual(['2026-03-29', '2026-03-30']);
  });
});
