import { describe, expect, it } from 'vitest';
import { createIdSealer, createIdService } from '#src/households/ids.ts';

const SECRET = 'ids-test-secret-of-enough-length';

describe('sealed ids', () => {
  it('gives the same parts the same id, remembered or sealed afresh, and opens it again', () => {
    const remembering = createIdSealer(SECRET, { remember: 2 });
    const fresh = createIdSealer(SECRET, { remember: 0 });
    const id = remembering.seal('report', ['amk-groningen', 'M-1']);
    expect(remembering.seal('report', ['amk-groningen', 'M-1'])).toBe(id);
    expect(fresh.seal('report', ['amk-groningen', 'M-1'])).toBe(id);
    expect(id).toMatch(/^rp_[\w-]+$/);
    expect(id).not.toContain('M-1');
    expect(fresh.open('report', id)).toEqual(['amk-groningen', 'M-1']);
  });

  it('keeps kinds and parts apart, also once remembered', () => {
    const ids = createIdSealer(SECRET, { remember: 10 });
    const report = ids.seal('report', ['a', 'b']);
    expect(ids.seal('referral', ['a', 'b'])).not.toBe(report);
    expect(ids.seal('report', ['a,b'])).not.toBe(report);
    expect(ids.seal('report', ['a', 'b', ''])).not.toBe(report);
    expect(ids.open('referral', report)).toBeNull();
  });

  it('opens nothing forged, foreign or malformed', () => {
    const ids = createIdSealer(SECRET);
    const id = ids.seal('child', ['123456782']);
    const flipped = `${id.slice(0, -2)}${id.endsWith('AA') ? 'AB' : 'AA'}`;
    expect(ids.open('child', flipped)).toBeNull();
    expect(createIdSealer('another-secret-of-enough-length').open('child', id)).toBeNull();
    expect(ids.open('child', 'ch_')).toBeNull();
    expect(ids.open('child', 'ch_!!!')).toBeNull();
    expect(ids.open('child', `ch_${'A'.repeat(600)}`)).toBeNull();
  });
});

describe('pairwise ids (docs/identifiers.md)', () => {
  const recordId = createIdSealer(SECRET).seal('member', ['123456782']);

  it('gives two organisations different ids for one record, and neither opens as the other\'s', () => {
    const service = createIdService(SECRET);
    const ashg = service.of('ashg-groningen');
    const amk = service.of('amk-groningen');
    const ofAshg = ashg.show(recordId)!;
    const ofAmk = amk.show(recordId)!;
    expect(ofAshg).toMatch(/^pm_/);
    expect(ofAmk).toMatch(/^pm_/);
    expect(ofAshg).not.toBe(ofAmk);
    expect(ofAshg).not.toBe(recordId);
    expect(ashg.take('member', ofAshg)).toBe(recordId);
    expect(amk.take('member', ofAmk)).toBe(recordId);
    expect(amk.take('member', ofAshg)).toBeNull();
    expect(ashg.take('member', ofAmk)).toBeNull();
    // The record id itself is no organisation's id either.
    expect(ashg.take('member', recordId)).toBeNull();
    expect(ashg.open('member', ofAshg)).toEqual(['123456782']);
  });

  it('keeps an organisation\'s ids stable across instances (restarts) with the same secret, and changes them all with another', () => {
    const before = createIdService(SECRET, { remember: 0 }).of('amk-groningen').show(recordId);
    const after = createIdService(SECRET).of('amk-groningen');
    expect(after.show(recordId)).toBe(before);
    expect(after.take('member', before!)).toBe(recordId);
    const rotated = createIdService('a-rotated-secret-of-enough-length');
    expect(rotated.of('amk-groningen').take('member', before!)).toBeNull();
    expect(rotated.of('amk-groningen').show(recordId)).toBeNull();
  });

  it('orders a list by the organisation\'s own ids, so two organisations\' orders are unrelated', () => {
    const records = createIdSealer(SECRET);
    const nodes = Array.from({ length: 40 }, (_, index) => ({ id: records.seal('household', [`b:${index}`]) }));
    const service = createIdService(SECRET);
    const orderOf = (agencyId: string) => service.of(agencyId).inOwnOrder(nodes).map((entry) => entry.node.id);
    expect(orderOf('ashg-groningen')).not.toEqual(orderOf('amk-groningen'));
    expect(service.of('ashg-groningen').inOwnOrder(nodes)).toBe(service.of('ashg-groningen').inOwnOrder(nodes));
    const shown = service.of('ashg-groningen').inOwnOrder(nodes).map((entry) => entry.shown);
    expect(shown).toEqual([...shown].sort());
  });

  it('keys the case reference by covenant: the same for its parties, another for another covenant', () => {
    const service = createIdService(SECRET);
    const reference = service.caseReference('casusoverleg-groningen', 'b:123456782');
    expect(reference).toMatch(/^cr_/);
    expect(createIdService(SECRET).caseReference('casusoverleg-groningen', 'b:123456782')).toBe(reference);
    expect(service.caseReference('another-covenant', 'b:123456782')).not.toBe(reference);
    expect(service.caseReference('casusoverleg-groningen', 'b:111222333')).not.toBe(reference);
    // It is no household id of anyone.
    expect(service.of('ashg-groningen').take('household', reference)).toBeNull();
  });
});
