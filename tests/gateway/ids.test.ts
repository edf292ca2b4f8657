import { describe, expect, it } from 'vitest';
import { createIdSealer } from '#src/households/ids.ts';

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
