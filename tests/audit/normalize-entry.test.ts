import { describe, expect, it } from 'vitest';
import type { AuditEntryInput } from '#src/audit/entry.ts';
import { normalizeEntryInput } from '#src/audit/normalize-entry.ts';
import { entry } from './entry-builder.ts';

const FACTS = { municipality: 'Emmen', householdHasMinors: true, subjectIsMinor: null, viewerInvolved: false, referrals: [] };

describe('normalizeEntryInput', () => {
  it('copies exactly the entry fields, leaving the caller no way to change what was validated', () => {
    const input = { ...entry(1), extra: 'x' } as AuditEntryInput;
    const normalized = normalizeEntryInput(input);
    expect(normalized).toEqual(entry(1));
    expect(normalized).not.toHaveProperty('extra');
    input.fieldsReleased.push('Report.narrative');
    (input.time as Date).setTime(0);
    expect(normalized.fieldsReleased).toEqual(['Report.status', 'Report.violenceTypes']);
    expect(normalized.time.toISOString()).toBe('2026-03-02T09:01:00.000Z');
  });

  it.each([
    ['an unknown kind', { kind: 'read' }, 'kind'],
    ['an unknown outcome', { outcome: 'ok' }, 'outcome'],
    ['an invalid date', { time: new Date('nope') }, 'time'],
    ['a date past 9999', { time: new Date('+010000-01-01T00:00:00Z') }, 'time'],
    ['a subject that is not a pseudonym', { subject: 'Jan Jansen' }, 'subject'],
    ['a NUL character', { purpose: 'a\u0000b' }, 'purpose'],
    ['a lone surrogate', { operationName: 'x\ud800' }, 'operationName'],
    ['a non-string in a list', { fieldsReleased: [1] }, 'fieldsReleased[0]'],
    ['a decision with a bad effect', { decisions: [{ ...entry(1).decisions[0], effect: 'maybe' }] }, 'decisions[0].effect'],
    ['search terms as a list', { searchTerms: ['x'] }, 'searchTerms'],
    ['a BSN in a search term', { searchTerms: { bsn: '111222333' } }, 'searchTerms.bsn'],
    ['a BSN in an entity id', { entityId: 'rp-111222333' }, 'entityId'],
    ['a missing viewer', { viewer: null }, 'viewer'],
    ['a BSN as a related subject', { subject: 'ps_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', relatedSubjects: ['111222333'] }, 'relatedSubjects'],
    ['related subjects without a subject', { subject: null, relatedSubjects: ['ps_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'] }, 'relatedSubjects'],
    ['related subjects that are not a list', { relatedSubjects: 'ps_x' }, 'relatedSubjects'],
    ['a child role that is no role name', { facts: { ...FACTS, childRoles: ['Jan 111222333'] } }, 'facts.childRoles'],
    ['child roles that are not a list', { facts: { ...FACTS, childRoles: 'DIRECT_VICTIM' } }, 'facts.childRoles'],
  ])('rejects %s, naming the field', (_label, overrides, field) => {
    const error = (() => {
      try {
        normalizeEntryInput({ ...entry(1), ...overrides } as unknown as AuditEntryInput);
        return null;
      } catch (caught) {
        return caught as Error & { code?: string };
      }
    })();
    expect(error?.code).toBe('AUDIT_INVALID_ENTRY');
    expect(error?.message).toContain(field);
    expect(error?.message).not.toContain('111222333');
  });

  it.each([
    ['nine digits failing the eleven-test', { searchTerms: { q: '123456789' } }],
    ['digits inside a longer token', { searchTerms: { q: 'rp_a111222333b' } }],
    ['a ten-digit number', { searchTerms: { q: '1112223334' } }],
  ])('accepts %s', (_label, overrides) => {
    expect(() => normalizeEntryInput({ ...entry(1), ...overrides } as AuditEntryInput)).not.toThrow();
  });

  it('takes only entity pseudonyms as entity ids, never a sealed id', () => {
    expect(() => normalizeEntryInput(entry(1, { entityId: 'hh_c2VhbGVk' }))).toThrow(/entity pseudonym/);
    expect(() => normalizeEntryInput(entry(1, { entityId: `pe_${'a'.repeat(22)}` }))).not.toThrow();
  });

  it('derives the subject type when a caller gives none, and refuses one without a subject', () => {
    const subject = `ps_${'x'.repeat(43)}`;
    expect(normalizeEntryInput({ ...entry(1), subject, subjectType: undefined } as unknown as AuditEntryInput).subjectType).toBe('person');
    expect(() => normalizeEntryInput(entry(1, { subjectType: 'person' }))).toThrow(/subjectType/);
  });

  it('keeps related subjects sorted, once each, and never repeats the subject among them', () => {
    const [a, b, c] = ['ps_c', 'ps_a', 'ps_b'].map((prefix) => `${prefix}${'x'.repeat(42)}`) as [string, string, string];
    const normalized = normalizeEntryInput({ ...entry(1), subject: c, subjectType: 'household', relatedSubjects: [a, c, b, a] });
    expect(normalized.relatedSubjects).toEqual([b, a].sort());
    expect(normalizeEntryInput({ ...entry(1), relatedSubjects: undefined } as unknown as AuditEntryInput).relatedSubjects).toEqual([]);
  });

  it('keeps child roles once each, and leaves them out when there are none (as entries made before held none)', () => {
    expect(normalizeEntryInput(entry(1, { facts: { ...FACTS, childRoles: ['WITNESS_OF_PARTNER_VIOLENCE', 'WITNESS_OF_PARTNER_VIOLENCE'] } })).facts)
      .toEqual({ ...FACTS, childRoles: ['WITNESS_OF_PARTNER_VIOLENCE'] });
    expect(normalizeEntryInput(entry(1, { facts: { ...FACTS, childRoles: [] } })).facts).toEqual(FACTS);
    expect(normalizeEntryInput(entry(1, { facts: FACTS })).facts).not.toHaveProperty('childRoles');
  });
});
