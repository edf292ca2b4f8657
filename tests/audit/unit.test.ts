import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '#src/audit/canonical-json.ts';
import { createCompactDocumenter, genericEntryDocument } from '#src/audit/entry-document.ts';
import type { AuditDecision, AuditEntryInput } from '#src/audit/entry.ts';
import { inclusionPath, leafHash, merkleRoot, rootFromPath } from '#src/audit/merkle.ts';
import { normalizeEntryInput } from '#src/audit/normalize-entry.ts';
import {
  buildUnit, buildUnits, compactRequest, decodeRecord, entryDocument, GENESIS, GENESIS_HASH, groupIntoRequests, indexRows, linkOf, type StoredUnit,
} from '#src/audit/unit.ts';
import { createChainVerifier, type ReadUnit } from '#src/audit/verify-chain.ts';
import { decision, entry } from './entry-builder.ts';

/** Walks stored units as a store would, with their derived index rows unless a case gives others. */
function walk(units: readonly StoredUnit[], options: { index?: (unit: StoredUnit) => ReadUnit['index']; head?: ReturnType<typeof linkOf>; start?: typeof GENESIS } = {}) {
  const start = options.start ?? GENESIS;
  const verifier = createChainVerifier(start, start.seq === 0 ? 'genesis' : 'checkpoint');
  for (const unit of units) {
    if (verifier.checkUnit(() => ({ unit, index: options.index ? options.index(unit) : indexRows(unit) }), unit.header.seq)) break;
  }
  const last = units.at(-1);
  return verifier.result(options.head ?? (last ? linkOf(last) : start), null, { entriesAfterHead: 0, indexRowsOutside: 0 });
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

describe('the hash tree (RFC 6962)', () => {
  const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(`leaf ${i}`));

  it('has the empty root sha256(""), and a single leaf as its own root', () => {
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const one = leaves(1);
    expect(merkleRoot(one)).toBe(one[0]?.toString('hex'));
  });

  it('separates leaves from nodes: a leaf is sha256(0x00 || data)', () => {
    // RFC 6962 2.1: MTH({d0}) = SHA-256(0x00 || d0); for the empty string that is 6e340b9c...
    expect(leafHash('').toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });

  it('proves every leaf of trees of 1 to 40 leaves, and no proof holds for another leaf or position', () => {
    for (let n = 1; n <= 40; n++) {
      const tree = leaves(n);
      const root = merkleRoot(tree);
      for (let i = 0; i < n; i++) {
        const path = inclusionPath(tree, i);
        expect(rootFromPath(tree[i] as Buffer, i, n, path)).toBe(root);
        if (n > 1) {
          expect(rootFromPath(tree[(i + 1) % n] as Buffer, i, n, path)).not.toBe(root);
          expect(rootFromPath(tree[i] as Buffer, (i + 1) % n, n, path)).not.toBe(root);
        }
      }
    }
  });

  it('rejects a path of the wrong length or an index outside the tree', () => {
    const tree = leaves(5);
    const path = inclusionPath(tree, 2);
    expect(rootFromPath(tree[2] as Buffer, 2, 5, [...path, path[0] as string])).toBeNull();
    expect(rootFromPath(tree[2] as Buffer, 5, 5, path)).toBeNull();
    expect(() => inclusionPath(tree, 5)).toThrow(RangeError);
  });
});

describe('requests as chained units', () => {
  // Any text, including escapes, quotes and characters outside the BMP (stores keep well-formed text only).
  const text = fc.string({ maxLength: 12 }).filter((value) => value.isWellFormed() && !value.includes('\u0000'));
  const maybe = fc.option(text, { nil: null });
  const pseudonym = fc.stringMatching(/^ps_[A-Za-z0-9_-]{43}$/);
  const decisionArb: fc.Arbitrary<AuditDecision> = fc.record({
    id: fc.oneof(text, fc.tuple(text, fc.nat(500)).map(([prefix, n]) => `dc_${prefix}.${n.toString(36)}`)), coordinate: text,
    effect: fc.constantFrom('allow', 'deny'), reason: text, agreementKey: maybe, article: maybe, ruleId: maybe, failedCondition: maybe,
  }) as fc.Arbitrary<AuditDecision>;
  const entryArb = fc.record({
    kind: fc.constantFrom('access', 'search', 'explain'), owner: maybe, entityType: maybe,
    entityId: fc.option(fc.stringMatching(/^pe_[A-Za-z0-9_-]{22}$/), { nil: null }),
    subject: fc.option(pseudonym, { nil: null }), related: fc.array(pseudonym, { maxLength: 3 }),
    fieldsReleased: fc.array(text, { maxLength: 4 }), fieldsWithheld: fc.array(text, { maxLength: 4 }),
    decisions: fc.array(decisionArb, { maxLength: 4 }),
    facts: fc.option(fc.record({
      municipality: maybe, householdHasMinors: fc.boolean(), subjectIsMinor: fc.option(fc.boolean(), { nil: null }), viewerInvolved: fc.boolean(),
      referrals: fc.array(fc.record({ fromAgencyId: maybe, toAgencyId: maybe, kind: maybe, status: maybe }), { maxLength: 2 }),
      childRoles: fc.subarray(['DIRECT_VICTIM', 'WITNESS_OF_PARTNER_VIOLENCE']),
    }).map(({ childRoles, ...facts }) => (childRoles.length > 0 ? { ...facts, childRoles } : facts)), { nil: null }),
    searchTerms: fc.option(fc.dictionary(text, text, { maxKeys: 3 }), { nil: null }),
    outcome: fc.constantFrom('released', 'partially-released', 'withheld', 'not-found'),
  }).map((parts): AuditEntryInput => normalizeEntryInput(entry(1, {
    ...parts, subjectType: parts.subject === null ? null : parts.related.length > 0 ? 'household' : 'person',
    relatedSubjects: parts.subject === null ? [] : parts.related,
  } as Partial<AuditEntryInput>)));

  it('stores compactly and decodes back to exactly the entries appended, in order', () => {
    fc.assert(fc.property(fc.array(entryArb, { minLength: 1, maxLength: 12 }), (inputs) => {
      const unit = buildUnit(GENESIS, inputs);
      const decoded = unit.records.map((record) => decodeRecord(unit, record));
      expect(decoded.map(({ seq: _s, requestSeq: _r, leafHash: _l, requestHash: _h, prevHash: _p, ...rest }) => rest)).toEqual(inputs);
      expect(decoded.map((item) => item.seq)).toEqual(inputs.map((_item, index) => index + 1));
      expect(unit.header.root).toBe(merkleRoot(decoded.map((item) => Buffer.from(item.leafHash, 'hex'))));
      expect(walk([unit]).ok).toBe(true);
    }), { numRuns: 300 });
  });

  // The leaf document is written straight out for the known shapes (entry-document.ts): the bytes must
  // be the generic canonical writer's, or a trail written before would no longer verify.
  it('writes every entry\'s document byte for byte as the generic canonical writer does', () => {
    fc.assert(fc.property(entryArb, fc.nat(1_000_000), (input, seq) => {
      expect(entryDocument(input, seq)).toBe(genericEntryDocument(input, seq));
    }), { numRuns: 500 });
  });

  // Sealing writes the documents from the request's dictionary (createCompactDocumenter): the same bytes.
  it('seals each entry with the document its decoded entry gives, written from the dictionary', () => {
    fc.assert(fc.property(fc.array(entryArb, { minLength: 1, maxLength: 12 }), fc.nat(1_000_000), (inputs, start) => {
      const request = compactRequest(inputs);
      const documentOf = createCompactDocumenter(request.dictionary);
      const unit = buildUnit(GENESIS, inputs);
      request.records.forEach((record, index) => {
        expect(documentOf(record, start + index)).toBe(entryDocument(decodeRecord(unit, unit.records[index]!), start + index));
      });
    }), { numRuns: 300 });
    // A record that names what its dictionary does not hold is left to the full decoder, which refuses it.
    const request = compactRequest([entry(1)]);
    expect(createCompactDocumenter(request.dictionary)({ ...request.records[0]!, body: { ...request.records[0]!.body, r: [99] } }, 1)).toBeNull();
  });

  it('hands a value outside the known shapes (an altered row read back) to the generic writer, so it is hashed as it is', () => {
    const base = normalizeEntryInput(entry(1, {
      decisions: [decision({ coordinate: 'Report.narrative', effect: 'deny' })],
      facts: { municipality: 'Assen', householdHasMinors: true, subjectIsMinor: null, viewerInvolved: false, referrals: [] },
    }));
    const altered: AuditEntryInput[] = [
      { ...base, decisions: [{ ...base.decisions[0]!, extra: 'x' } as AuditDecision] },
      { ...base, decisions: [{ ...base.decisions[0]!, effect: 7 } as unknown as AuditDecision] },
      { ...base, facts: { ...base.facts!, municipality: 3 } as unknown as AuditEntryInput['facts'] },
      { ...base, facts: { ...base.facts!, added: 'y' } as unknown as AuditEntryInput['facts'] },
      { ...base, fieldsReleased: [1] as unknown as string[] },
      { ...base, searchTerms: { b: '2', a: '1' } },
    ];
    for (const input of altered) {
      expect(entryDocument(input, 9)).toBe(genericEntryDocument(input, 9));
      expect(entryDocument(input, 9)).not.toBe(entryDocument(base, 9));
    }
  });

  // The children's roles came into the facts after entries had been recorded with none (issue 11): an
  // entry without them must hash exactly as it did, so the trail recorded before still verifies.
  it('hashes facts without child roles as before the fact existed, and child roles when there are any', () => {
    const facts = { municipality: 'Assen', householdHasMinors: true, subjectIsMinor: null, viewerInvolved: false, referrals: [] };
    const before = normalizeEntryInput(entry(1, { facts }));
    expect(entryDocument(before, 1)).toContain(canonicalJson({ ...facts, referrals: [] }));
    expect(entryDocument(before, 1)).not.toContain('childRoles');
    expect(entryDocument(normalizeEntryInput(entry(1, { facts: { ...facts, childRoles: [] } })), 1)).toBe(entryDocument(before, 1));
    const withRoles = normalizeEntryInput(entry(1, { facts: { ...facts, childRoles: ['DIRECT_VICTIM'] } }));
    expect(withRoles.facts?.childRoles).toEqual(['DIRECT_VICTIM']);
    expect(entryDocument(withRoles, 1)).not.toBe(entryDocument(before, 1));
    const unit = buildUnit(GENESIS, [before, withRoles]);
    expect(unit.records.map((record) => decodeRecord(unit, record).facts)).toEqual([before.facts, withRoles.facts]);
    expect(walk([unit]).ok).toBe(true);
  });

  it('groups consecutive entries of one request into one unit, and a new request into the next', () => {
    const a = [entry(1), entry(1, { entityId: `pe_${'a'.repeat(22)}` })].map(normalizeEntryInput);
    const b = [entry(2)].map(normalizeEntryInput);
    expect(groupIntoRequests([...a, ...b, ...a]).map((group) => group.length)).toEqual([2, 1, 2]);
    const units = buildUnits(GENESIS, [...a, ...b]);
    expect(units.map((unit) => [unit.header.seq, unit.header.firstEntrySeq, unit.header.entryCount])).toEqual([[1, 1, 2], [2, 3, 1]]);
    expect(units[0]?.prevHash).toBe(GENESIS_HASH);
    expect(units[1]?.prevHash).toBe(units[0]?.hash);
  });

  it('hashes the entry\'s seq and every entry-level field into its leaf, independent of key order', () => {
    const base = normalizeEntryInput(entry(1));
    const document = entryDocument(base, 1);
    expect(entryDocument(base, 2)).not.toBe(document);
    expect(entryDocument({ ...base, outcome: 'released' }, 1)).not.toBe(document);
    const reordered = base.decisions.map((d) => Object.fromEntries(Object.entries(d).reverse())) as typeof base.decisions;
    expect(entryDocument({ ...base, decisions: reordered }, 1)).toBe(document);
    expect(entryDocument({ ...base, extra: 'x' } as typeof base, 1)).toBe(document);
  });

  it('keeps decision ids of one request as one prefix and one index row', () => {
    const inputs = [0, 1, 2].map((n) => normalizeEntryInput(entry(1, {
      entityId: `pe_${String(n).repeat(22)}`, decisions: [decision({ id: `dc_abc.${n}` }), decision({ id: `dc_abc.${n + 10}`, coordinate: 'Report.narrative' })],
    })));
    const unit = buildUnit(GENESIS, inputs);
    expect(unit.dictionary.groups).toEqual(['dc_abc.']);
    expect(unit.dictionary.decisions).toHaveLength(2);
    expect(indexRows(unit).filter((row) => row.kind === 'decision')).toEqual([{ kind: 'decision', value: 'dc_abc.', unitSeq: 1 }]);
    expect(decodeRecord(unit, unit.records[2] as StoredUnit['records'][number]).decisions.map((d) => d.id)).toEqual(['dc_abc.2', 'dc_abc.12']);
  });
});

describe('verifying the chain of requests', () => {
  const units = buildUnits(GENESIS, [1, 2, 3, 4, 5].flatMap((n) => [entry(n), entry(n, { entityId: `pe_${'b'.repeat(22)}` })]).map(normalizeEntryInput));
  const copy = () => units.map((unit) => ({ ...unit, header: { ...unit.header }, records: unit.records.map((record) => ({ ...record, body: { ...record.body } })) }));

  it('verifies an intact chain, an empty one, and one after a checkpoint', () => {
    expect(walk(units)).toMatchObject({ ok: true, checked: 5, entriesChecked: 10 });
    expect(walk([])).toMatchObject({ ok: true, checked: 0 });
    expect(walk(units.slice(2), { start: linkOf(units[1] as StoredUnit) })).toMatchObject({ ok: true, checked: 3 });
  });

  const tampered: [string, (u: StoredUnit[]) => StoredUnit[], number, number | null, RegExp][] = [
    ['an entry changed', (u) => { (u[2] as StoredUnit).records[1] = { ...(u[2] as StoredUnit).records[1] as StoredUnit['records'][number], outcome: 'released' }; return u; }, 3, 6, /entry 6 .* altered/],
    ['a header field changed', (u) => { u[2] = { ...(u[2] as StoredUnit), header: { ...(u[2] as StoredUnit).header, purpose: 'other' } }; return u; }, 3, null, /request 3 .*(request altered)/],
    ['prevHash changed', (u) => { u[3] = { ...(u[3] as StoredUnit), prevHash: 'a'.repeat(64) }; return u; }, 4, null, /altered/],
    ['a request removed from the middle', (u) => u.filter((unit) => unit.header.seq !== 2), 2, null, /missing/],
    ['an entry removed from a request', (u) => { (u[1] as StoredUnit).records.pop(); return u; }, 2, 4, /entry 4 .* missing/],
    ['two entries of a request swapped', (u) => { const r = (u[1] as StoredUnit).records; [r[0], r[1]] = [{ ...r[1], seq: 3 } as StoredUnit['records'][number], { ...r[0], seq: 4 } as StoredUnit['records'][number]]; return u; }, 2, 3, /altered/],
    ['a body of the wrong shape', (u) => { (u[0] as StoredUnit).records[0] = { ...(u[0] as StoredUnit).records[0] as StoredUnit['records'][number], body: { r: 'x' } as never }; return u; }, 1, 1, /cannot be read back|altered/],
  ];

  it.each(tampered)('finds %s, naming the request and the entry', (_label, tamper, seq, entrySeq, reason) => {
    const result = walk(tamper(copy()), { head: linkOf(units[4] as StoredUnit) });
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: seq, firstBrokenEntrySeq: entrySeq });
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('finds an index row deleted or added', () => {
    const dropOne = walk(units, { index: (unit) => (unit.header.seq === 3 ? indexRows(unit).slice(1) : indexRows(unit)) });
    expect(dropOne).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: expect.stringMatching(/missing/) });
    const addOne = walk(units, { index: (unit) => [...indexRows(unit), ...(unit.header.seq === 2 ? [{ kind: 'subject' as const, value: 'ps_x', unitSeq: 2 }] : [])] });
    expect(addOne).toMatchObject({ ok: false, firstBrokenSeq: 2, reason: expect.stringMatching(/added/) });
  });

  it('compares the walk with the chain head and with what lies outside it', () => {
    const head = linkOf(units[4] as StoredUnit);
    expect(walk(units.slice(0, 4), { head })).toMatchObject({ ok: false, firstBrokenSeq: 5, reason: expect.stringMatching(/missing/) });
    expect(walk(units, { head: linkOf(units[3] as StoredUnit) })).toMatchObject({ ok: false, firstBrokenSeq: 5, reason: expect.stringMatching(/outside the store/) });
    expect(walk(units, { head: { ...head, hash: 'c'.repeat(64) } })).toMatchObject({ ok: false, firstBrokenSeq: 5, reason: expect.stringMatching(/head/) });
    const verifier = createChainVerifier(GENESIS, 'genesis');
    for (const unit of units) verifier.checkUnit(() => ({ unit, index: indexRows(unit) }), unit.header.seq);
    expect(verifier.result(head, null, { entriesAfterHead: 1, indexRowsOutside: 0 })).toMatchObject({ ok: false, firstBrokenEntrySeq: 11 });
    const again = createChainVerifier(GENESIS, 'genesis');
    for (const unit of units) again.checkUnit(() => ({ unit, index: indexRows(unit) }), unit.header.seq);
    expect(again.result(head, null, { entriesAfterHead: 0, indexRowsOutside: 2 })).toMatchObject({ ok: false, reason: expect.stringMatching(/index rows/) });
  });

  it('reports a request that cannot be read back as broken at its own seq', () => {
    const verifier = createChainVerifier(GENESIS, 'genesis');
    expect(verifier.checkUnit(() => { throw new TypeError('bad row'); }, 1)).toMatchObject({ seq: 1, reason: expect.stringMatching(/cannot be read back/) });
    expect(verifier.checked).toBe(1);
  });
});
