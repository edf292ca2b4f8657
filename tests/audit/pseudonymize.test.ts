import { describe, expect, it } from 'vitest';
import { createPseudonymizer, isPseudonym, pseudonymsEqual } from '#src/audit/pseudonymize.ts';

const SECRET = 'test-secret-for-pseudonyms-0123456789';

describe('pseudonymizer', () => {
  const pseudonymize = createPseudonymizer(SECRET);

  it('gives a stable ps_ pseudonym of HMAC-SHA-256 length that does not contain the BSN', () => {
    const pseudonym = pseudonymize('111222333');
    expect(pseudonym).toBe(pseudonymize('111222333'));
    expect(isPseudonym(pseudonym)).toBe(true);
    expect(pseudonym).toMatch(/^ps_[A-Za-z0-9_-]{43}$/);
    expect(pseudonym).not.toContain('111222333');
  });

  it('differs per BSN and per secret', () => {
    expect(pseudonymize('111222333')).not.toBe(pseudonymize('123456782'));
    expect(createPseudonymizer(`${SECRET}-other`)('111222333')).not.toBe(pseudonymize('111222333'));
  });

  it('is keyed: not the plain SHA-256 of the BSN', async () => {
    const { createHash } = await import('node:crypto');
    expect(pseudonymize('111222333')).not.toBe(`ps_${createHash('sha256').update('111222333').digest('base64url')}`);
  });

  it.each([['111 222 333'], ['111.222.333'], [' 111222333 ']])('maps the spelling %j to the same pseudonym', (variant) => {
    expect(pseudonymize(variant)).toBe(pseudonymize('111222333'));
  });

  it('restores the leading zero of an eight-digit BSN', () => {
    expect(pseudonymize('12345672')).toBe(pseudonymize('012345672'));
  });

  it.each([[''], ['12345'], ['1112223334'], ['11122233x'], ['x'.repeat(100)]])('rejects %j without echoing it', (input) => {
    expect(() => pseudonymize(input)).toThrow(TypeError);
    try {
      pseudonymize(input);
    } catch (error) {
      if (input.length > 0) expect((error as Error).message).not.toContain(input);
    }
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => createPseudonymizer('short')).toThrow(RangeError);
  });

  it('compares pseudonyms', () => {
    expect(pseudonymsEqual(pseudonymize('111222333'), pseudonymize('111 222 333'))).toBe(true);
    expect(pseudonymsEqual(pseudonymize('111222333'), pseudonymize('123456782'))).toBe(false);
    expect(pseudonymsEqual('ps_a', 'ps_ab')).toBe(false);
  });
});
