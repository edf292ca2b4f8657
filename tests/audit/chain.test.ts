import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '#src/audit/canonical-json.ts';
import { chainEntries, entryHash, GENESIS, GENESIS_HASH, hashedBody, hashedBodyReference } from '#src/audit/chain.ts';
import type { AuditDecision, AuditEntry, AuditEntryInput } from '#src/audit/entry.ts';
import { createChainVerifier } from '#src/audit/verify-chain.ts';
import { entry } from './entry-builder.ts';

function walk(entries: readonly AuditEntry[], head = { seq: entries.at(-1)?.seq ?? 0, hash: entries.at(-1)?.hash ?? GENESIS_HASH }, start = GENESIS) {
  const verifier = createChainVerifier(start, start.seq === 0 ? 'genesis' : 'checkpoint');
  for (const item of entries) {
    const broken = verifier.check(item);
    if (broken) return broken;
  }
  return verifier.finish(head);
}

describe('canonical JSON', () => {
  it.each([
    [{ b: 1, a: [true, null, 'x'] }, '{"a":[true,null,"x"],"b":1}'],
    [{ 'é': '1', e: '2', Z: '3' }, '{"Z":"3","e":"2","é":"1"}'],
    [{ nested: { y: '"quoted"', x: 'line\nbreak' } }, '{"nested":{"x":"line\\nbreak","y":"\\"quoted\\""}}'],
    [[], '[]'],
  ])('%j -> %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('refuses numbers that are not safe integers', () => {
    expect(() => canonicalJson(1.5)).toThrow(TypeError);
  });
});

describe('the hashed document', () => {
  // Any text, including escapes, quotes, lone surrogates and characters outside the BMP.
  const text = fc.string({ unit: 'binary', maxLength: 12 });
  const maybe = fc.option(text, { nil: null });
  const decisionArb: fc.Arbitrary<AuditDecision> = fc.record({
    id: text, coordinate: text, effect: fc.constantFrom('allow', 'deny'), reason: text,
    agreementKey: maybe, article: maybe, ruleId: maybe, failedCondition: maybe,
  }) as fc.Arbitrary<AuditDecision>;
  const entryArb = fc.record({
    traceId: text, operationId: text, operationName: maybe,
    time: fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }),
    kind: fc.constantFrom('access', 'search', 'explain'), viewer: fc.record({ agencyId: text, userId: text, role: text }),
    purpose: text, processingActivity: text, owner: maybe, entityType: maybe, entityId: maybe, subject: maybe,
    relatedSubjects: fc.array(text, { maxLength: 3 }),
    fieldsReleased: fc.array(text, { maxLength: 4 }), fieldsWithheld: fc.array(text, { maxLength: 4 }),
    decisions: fc.array(decisionArb, { maxLength: 4 }),
    searchTerms: fc.option(fc.dictionary(text, text, { maxKeys: 4 }), { nil: null }),
    outcome: fc.constantFrom('released', 'partially-released', 'withheld', 'not-found'),
  }) as fc.Arbitrary<AuditEntryInput>;

  it('is written byte for byte as the canonical JSON of the entry', () => {
    fc.assert(fc.property(entryArb, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (input, seq) => {
      expect(hashedBody(input, seq)).toBe(hashedBodyReference(input, seq));
    }), { numRuns: 1000 });
  });

  it('is the canonical JSON of the entry builder\'s entries, with search terms in key order', () => {
    const input = entry(3, { kind: 'search', searchTerms: { region: 'groningen', lookup: 'households', '10': 'x', '9': 'y' } });
    expect(hashedBody(input, 3)).toBe(hashedBodyReference(input, 3));
    expect(JSON.parse(hashedBody(input, 3))).toMatchObject({ seq: 3, searchTerms: { region: 'groningen' } });
  });
});

describe('hash chain', () => {
  const chain = chainEntries(GENESIS, [1, 2, 3, 4, 5].map((n) => entry(n)));

  it('links each entry to the previous hash, starting at genesis', () => {
    expect(chain.map((item) => item.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(chain[0]?.prevHash).toBe(GENESIS_HASH);
    for (const [index, item] of chain.entries()) {
      expect(item.hash).toMatch(/^[0-9a-f]{64}$/);
      if (index > 0) expect(item.prevHash).toBe(chain[index - 1]?.hash);
    }
  });

  it('hashes the seq and every field, independent of key order in decisions', () => {
    const base = entry(1);
    const hash = entryHash(GENESIS_HASH, base, 1);
    expect(entryHash(GENESIS_HASH, base, 2)).not.toBe(hash);
    expect(entryHash('1'.repeat(64), base, 1)).not.toBe(hash);
    expect(entryHash(GENESIS_HASH, { ...base, outcome: 'released' }, 1)).not.toBe(hash);
    expect(entryHash(GENESIS_HASH, { ...base, viewer: { ...base.viewer, role: 'privacy-officer' } }, 1)).not.toBe(hash);
    const reordered = base.decisions.map((d) => Object.fromEntries(Object.entries(d).reverse())) as typeof base.decisions;
    expect(entryHash(GENESIS_HASH, { ...base, decisions: reordered }, 1)).toBe(hash);
    expect(hashedBody(base, 1)).toContain('"time":"2026-03-02T09:01:00.000Z"');
  });

  it('ignores properties that are not part of the entry (they are not stored either)', () => {
    const base = entry(1);
    expect(entryHash(GENESIS_HASH, { ...base, extra: 'x' } as typeof base, 1)).toBe(entryHash(GENESIS_HASH, base, 1));
  });

  it('verifies an intact chain, an empty one, and one after a checkpoint', () => {
    expect(walk(chain)).toBeNull();
    expect(walk([])).toBeNull();
    const checkpoint = { seq: 2, hash: chain[1]?.hash as string };
    expect(walk(chain.slice(2), undefined, checkpoint)).toBeNull();
  });

  const tampered: [string, (entries: AuditEntry[]) => AuditEntry[], number, RegExp][] = [
    ['content changed', (e) => e.map((x) => (x.seq === 3 ? { ...x, purpose: 'other' } : x)), 3, /altered/],
    ['content and hash rewritten', (e) => e.map((x) => (x.seq === 3 ? { ...x, purpose: 'other', hash: entryHash(x.prevHash, { ...x, purpose: 'other' }, 3) } : x)), 3, /rewritten/],
    ['prevHash changed', (e) => e.map((x) => (x.seq === 4 ? { ...x, prevHash: 'a'.repeat(64) } : x)), 4, /altered/],
    ['entry removed from the middle', (e) => e.filter((x) => x.seq !== 2), 2, /missing/],
    ['first entry forged against another genesis', (e) => {
      const forged = chainEntries({ seq: 0, hash: 'b'.repeat(64) }, [entry(1)]);
      return [...forged, ...e.slice(1)];
    }, 1, /genesis/],
    ['two entries swapped', (e) => [e[0], e[2], e[1], e[3], e[4]] as AuditEntry[], 2, /missing/],
  ];

  it.each(tampered)('finds %s at the right seq', (_label, tamper, seq, reason) => {
    const result = walk(tamper(chain.map((item) => ({ ...item }))), { seq: 5, hash: chain[4]?.hash as string });
    expect(result?.seq).toBe(seq);
    expect(result?.reason).toMatch(reason);
  });

  it('compares the walk with the chain head', () => {
    const head = { seq: 5, hash: chain[4]?.hash as string };
    expect(walk(chain.slice(0, 4), head)).toMatchObject({ seq: 5, reason: expect.stringMatching(/missing/) });
    expect(walk(chain, { seq: 4, hash: chain[3]?.hash as string })).toMatchObject({ seq: 5, reason: expect.stringMatching(/outside the store/) });
    expect(walk(chain, { seq: 5, hash: 'c'.repeat(64) })).toMatchObject({ seq: 5, reason: expect.stringMatching(/head hash/) });
  });

  it('reports a row that cannot be read back as broken at its own seq', () => {
    const verifier = createChainVerifier(GENESIS, 'genesis');
    expect(verifier.check(chain[0] as AuditEntry)).toBeNull();
    expect(verifier.unreadable(2)).toMatchObject({ seq: 2 });
    expect(verifier.checked).toBe(2);
  });

  it('treats a value of the wrong shape as altered instead of throwing', () => {
    const broken = { ...(chain[0] as AuditEntry), decisions: { not: 'a list' } as unknown as AuditEntry['decisions'] };
    expect(walk([broken], { seq: 1, hash: broken.hash })).toMatchObject({ seq: 1, reason: expect.stringMatching(/altered/) });
  });
});
