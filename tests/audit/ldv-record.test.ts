/** One entry as one Logboek Dataverwerkingen line: the mapping's edges, and the guard against BSN-shaped values. */
import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditEntryInput } from '#src/audit/entry.ts';
import { ldvLine, withholdBsnLookalikes } from '#src/audit/ldv-record.ts';
import { decision, entry } from './entry-builder.ts';

function stored(input: AuditEntryInput): AuditEntry {
  return { ...input, seq: 7, requestSeq: 3, leafHash: 'ab'.repeat(32), requestHash: 'cd'.repeat(32), prevHash: 'ef'.repeat(32) };
}

describe('ldvLine', () => {
  it('a search outside a trace: no parent, no foreign operation, no subject, no participants', () => {
    const line = ldvLine(stored(entry(1, {
      kind: 'search', spanId: null, owner: null, entityType: null, entityId: null, decisions: [], fieldsReleased: [], fieldsWithheld: [],
      searchTerms: { municipality: 'Groningen' }, outcome: 'not-found',
    })));
    expect(line).toMatchObject({ span_id: 'abababababababab', parent_span_id: null, foreign_operation: null, name: 'search', status_code: 'STATUS_CODE_OK' });
    expect(line.attributes).not.toHaveProperty('dpl.core.data_subject_id');
    expect(line.attributes['dpl.nen7513.participants']).toEqual([]);
    expect(line.attributes['ketenpoort.search_terms']).toEqual({ municipality: 'Groningen' });
  });

  it('an error outcome is STATUS_CODE_ERROR; times are Unix milliseconds', () => {
    const input = entry(2, { outcome: 'error' });
    const line = ldvLine(stored(input));
    expect(line.status_code).toBe('STATUS_CODE_ERROR');
    expect([line.start_time, line.end_time]).toEqual([input.time.getTime(), input.endTime.getTime()]);
  });

  it('authorisations: each allowing article once, an engine rule by name, denials not at all', () => {
    const line = ldvLine(stored(entry(3, {
      decisions: [
        decision({ id: 'a', coordinate: 'Report.status' }),
        decision({ id: 'b', coordinate: 'Report.phase' }),
        decision({ id: 'c', coordinate: 'Household.id', agreementKey: null, article: null, ruleId: 'public-field', reason: 'PUBLIC' }),
        decision({ id: 'd', coordinate: 'Report.reporter', effect: 'deny', agreementKey: null, article: null, ruleId: 'owner-only' }),
      ],
    })));
    expect(line.attributes['dpl.nen7513.autorisatieProtocol']).toEqual(['groningen-ashg-amk@2#art. 4.2', 'rule:public-field']);
    expect((line.attributes['ketenpoort.decisions'] as { basis: string | null }[]).map((d) => d.basis)).toEqual(['groningen-ashg-amk@2#art. 4.2', 'groningen-ashg-amk@2#art. 4.2', null, null]);
  });

  it('the register URI makes the activity id a URI; an unregistered activity stays what it is', () => {
    const registerUri = 'https://register.example/verwerkingen/';
    expect(ldvLine(stored(entry(4, { processingActivity: 'amk-groningen/onderzoek-kindermishandeling@1' })), { registerUri }).attributes['dpl.core.processing_activity_id'])
      .toBe('https://register.example/verwerkingen/amk-groningen/onderzoek-kindermishandeling@1');
    expect(ldvLine(stored(entry(5, { processingActivity: 'unregistered:own-records' })), { registerUri }).attributes['dpl.core.processing_activity_id'])
      .toBe('unregistered:own-records');
  });
});

describe('withholdBsnLookalikes', () => {
  it.each([
    ['a BSN alone', '111222333', true],
    ['a BSN in text', 'lookup 111222333 failed', true],
    ['a BSN between separators', 'x_111222333-y', true],
    ['nine digits failing the eleven-test', '123456780', false],
    ['nine digits inside hex', `ab111222333cd${'0'.repeat(51)}`, false],
    ['ten digits', '1112223334', false],
    ['a pseudonym', 'ps_6hLq0Vd0b9Ue2xk9wq1D0m7Hq0rBqS3Y1ZfJp4uYwXc', false],
  ])('%s: withheld %s', (_case, text, expected) => {
    const { value, withheld } = withholdBsnLookalikes({ deep: [{ text }] });
    expect(withheld).toBe(expected ? 1 : 0);
    expect(value.deep[0]!.text).toBe(expected ? '[withheld]' : text);
  });

  it('leaves numbers, booleans and null as they are', () => {
    expect(withholdBsnLookalikes({ n: 111222333, b: true, z: null })).toEqual({ value: { n: 111222333, b: true, z: null }, withheld: 0 });
  });
});
