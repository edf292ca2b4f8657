import { describe, expect, it } from 'vitest';
import type { AuditEntryInput } from '#src/audit/entry.ts';
import { normalizeEntryInput } from '#src/audit/normalize-entry.ts';
import { createPrunePlanner, isExpired, retentionAgency, validateRetention } from '#src/audit/prune-plan.ts';
import { buildUnits, GENESIS, indexRows, linkOf, type ChainLink, type StoredUnit } from '#src/audit/unit.ts';
import { entry } from './entry-builder.ts';

const DAY = 86_400_000;
const NOW = new Date('2027-01-01T00:00:00.000Z');
const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * DAY);

function planPrune(start: ChainLink, head: ChainLink, units: readonly StoredUnit[], retention: Record<string, number>, now: Date) {
  const planner = createPrunePlanner(start, head, retention, now);
  let reachedEnd = true;
  for (const unit of units) {
    if (!planner.offer(() => ({ unit, index: indexRows(unit) }), unit.header.seq)) {
      reachedEnd = false;
      break;
    }
  }
  void reachedEnd;
  return planner.finish({ entriesAfterHead: 0, indexRowsOutside: 0 });
}

const chainEntries = (start: ChainLink, inputs: AuditEntryInput[]) => buildUnits(start, inputs.map(normalizeEntryInput));

function plan(inputs: AuditEntryInput[], retention: Record<string, number>) {
  const chain = chainEntries(GENESIS, inputs);
  const last = chain.at(-1);
  return planPrune(GENESIS, last ? linkOf(last) : GENESIS, chain, retention, NOW);
}

describe('prune plan', () => {
  it.each([
    ['owner retention expired', { owner: 'ashg-groningen', time: daysAgo(366) }, { 'ashg-groningen': 365 }, true],
    ['owner retention not yet expired', { owner: 'ashg-groningen', time: daysAgo(364) }, { 'ashg-groningen': 365 }, false],
    ['search: the viewer agency decides', { owner: null, time: daysAgo(40) }, { 'amk-groningen': 30 }, true],
    ['unknown agency is kept', { owner: 'bjz-groningen', time: daysAgo(5000) }, { 'ashg-groningen': 1 }, false],
    ['* is the default', { owner: 'bjz-groningen', time: daysAgo(31) }, { '*': 30 }, true],
    ['an agency entry overrides *', { owner: 'bjz-groningen', time: daysAgo(31) }, { '*': 30, 'bjz-groningen': 60 }, false],
  ] as [string, Partial<AuditEntryInput>, Record<string, number>, boolean][])('%s', (_label, overrides, retention, expired) => {
    expect(isExpired(entry(1, overrides), retention, NOW)).toBe(expired);
  });

  it('names whose retention applies', () => {
    expect(retentionAgency(entry(1))).toBe('ashg-groningen');
    expect(retentionAgency(entry(1, { owner: null }))).toBe('amk-groningen');
  });

  it('removes the prefix up to the first entry to keep, even if older ones follow it', () => {
    const inputs = [
      entry(1, { time: daysAgo(400) }), entry(2, { time: daysAgo(399) }),
      entry(3, { owner: 'bjz-groningen', time: daysAgo(398) }),
      entry(4, { time: daysAgo(397) }),
    ];
    const result = plan(inputs, { 'ashg-groningen': 365, 'bjz-groningen': 3650 });
    expect(result.removed).toBe(2);
    expect(result.upTo?.seq).toBe(2);
  });

  it('plans nothing when the first entry is kept, everything when all expired', () => {
    expect(plan([entry(1, { time: daysAgo(1) }), entry(2, { time: daysAgo(900) })], { '*': 365 })).toEqual({ removed: 0, upTo: null });
    const all = plan([entry(1, { time: daysAgo(900) }), entry(2, { time: daysAgo(800) })], { '*': 365 });
    expect(all.removed).toBe(2);
    expect(all.upTo?.seq).toBe(2);
  });

  it('refuses when the prefix or the first kept entry does not verify', () => {
    const chain = chainEntries(GENESIS, [entry(1, { time: daysAgo(900) }), entry(2, { time: daysAgo(800) }), entry(3, { time: daysAgo(1) })]);
    const head = linkOf(chain[2] as StoredUnit);
    const altered = chain.map((item) => (item.header.seq === 2 ? { ...item, header: { ...item.header, purpose: 'other' } } : item));
    expect(() => planPrune(GENESIS, head, altered, { '*': 365 }, NOW)).toThrow(expect.objectContaining({ code: 'AUDIT_CHAIN_BROKEN' }));
    const relinked = chain.map((item) => (item.header.seq === 3 ? { ...item, prevHash: 'd'.repeat(64) } : item));
    expect(() => planPrune(GENESIS, head, relinked, { '*': 365 }, NOW)).toThrow(expect.objectContaining({ code: 'AUDIT_CHAIN_BROKEN' }));
  });

  it('checks the head when it would remove everything', () => {
    const chain = chainEntries(GENESIS, [entry(1, { time: daysAgo(900) })]);
    expect(() => planPrune(GENESIS, { seq: 2, hash: 'e'.repeat(64), entrySeq: 2 }, chain, { '*': 1 }, NOW)).toThrow(/missing/);
  });

  it('rejects negative or non-finite retention and an invalid now', () => {
    expect(() => validateRetention({ a: -1 }, NOW)).toThrow(expect.objectContaining({ code: 'AUDIT_INVALID_ARGUMENT' }));
    expect(() => validateRetention({ a: Number.NaN }, NOW)).toThrow(expect.objectContaining({ code: 'AUDIT_INVALID_ARGUMENT' }));
    expect(() => validateRetention({ a: 1 }, new Date('nope'))).toThrow(expect.objectContaining({ code: 'AUDIT_INVALID_ARGUMENT' }));
    expect(() => validateRetention({ a: 0, b: 365 }, NOW)).not.toThrow();
  });
});
