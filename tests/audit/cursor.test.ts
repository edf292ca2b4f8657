import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, readPage } from '#src/audit/cursor.ts';

describe('audit cursors', () => {
  it('round-trips a seq and hides it', () => {
    const cursor = encodeCursor(1234);
    expect(cursor).not.toContain('1234');
    expect(decodeCursor(cursor)).toBe(1234);
  });

  it.each([['garbage'], [''], [Buffer.from('seq:-1').toString('base64url')], [Buffer.from('seq:1e3').toString('base64url')]])('rejects %j', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: 'AUDIT_INVALID_ARGUMENT' }));
  });

  it.each([[0], [-1], [1.5], [501]])('rejects page size %d', (first) => {
    expect(() => readPage({ first })).toThrow(expect.objectContaining({ code: 'AUDIT_INVALID_ARGUMENT' }));
  });

  it('reads a page request', () => {
    expect(readPage({ first: 50 })).toEqual({ afterSeq: 0, first: 50 });
    expect(readPage({ first: 500, after: encodeCursor(7) })).toEqual({ afterSeq: 7, first: 500 });
  });
});
