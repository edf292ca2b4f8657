import { describe, expect, it } from 'vitest';
import type { MappingResult } from '#kit/mapping-result.ts';
import type { WireDialect, WireFormat } from '#kit/wire-dialect.ts';
import { lookupCode, readRecord, type WireFields } from '#kit/wire-fields.ts';

/** JSON that always writes its keys (null when unknown), text kept as sent. */
const STRICT: WireDialect = { name: 'STRICT', isEmpty: (value) => value === null, absentIsEmpty: false };
/** An XML-like dialect: a left-out or empty element is not filled in. */
const LOOSE: WireDialect = { name: 'LOOSE', isEmpty: (value) => value === undefined || value === '', absentIsEmpty: true };
/** JSON where null, a left-out key and blank text all mean "not filled in". */
const BLANK: WireDialect = { name: 'BLANK', isEmpty: (value) => value === null || value === undefined, absentIsEmpty: true, blankTextIsEmpty: true };

const KLEUR = { rood: 'RED', groen: 'GREEN' } as const;
const JA_NEE: WireFormat<boolean> = { parse: (text) => (text === 'J' ? true : text === 'N' ? false : null), problem: 'is not J or N' };
const BRACKETED: WireFormat<string> = { parse: (text) => `<${text}>`, problem: 'is not bracketable' };
const REFUSED: WireFormat<string> = { parse: () => null, problem: 'is not a date' };
const VALID_BSN = '111222333';

type Read = (fields: WireFields) => unknown;
const read = (dialect: WireDialect, raw: unknown, how: Read): MappingResult<unknown> => readRecord(raw, 'record', dialect, how);

describe('readRecord: one field read in each dialect', () => {
  it.each<[string, WireDialect, Read, Record<string, unknown>, unknown]>([
    ['text', STRICT, (f) => f.text('v'), { v: 'tekst' }, 'tekst'],
    ['empty text kept where only null is empty', STRICT, (f) => f.text('v'), { v: '' }, ''],
    ['null text', STRICT, (f) => f.text('v'), { v: null }, null],
    ['left-out text where keys may be left out', LOOSE, (f) => f.text('v'), {}, null],
    ['empty element', LOOSE, (f) => f.text('v'), { v: '' }, null],
    ['blank text where blanks are empty', BLANK, (f) => f.text('v'), { v: '  ' }, null],
    ['blank text where they are not', LOOSE, (f) => f.text('v'), { v: '  ' }, '  '],
    ['blank text read as parsed keeps its blanks', BLANK, (f) => f.parsed('v', BRACKETED), { v: ' ' }, '< >'],
    ['parsed J', LOOSE, (f) => f.requiredParsed('v', JA_NEE), { v: 'J' }, true],
    ['parsed N: false is a value, not a failure', LOOSE, (f) => f.requiredParsed('v', JA_NEE), { v: 'N' }, false],
    ['code from a table', STRICT, (f) => f.code('v', KLEUR), { v: 'groen' }, 'GREEN'],
    ['code from a decoder', STRICT, (f) => f.code('v', (code) => (code === 'x' ? 1 : undefined)), { v: 'x' }, 1],
    ['null code', STRICT, (f) => f.code('v', KLEUR), { v: null }, null],
    ['boolean', BLANK, (f) => f.requiredBoolean('v'), { v: false }, false],
    ['number', BLANK, (f) => f.requiredNumber('v'), { v: 0 }, 0],
    ['BSN passing the eleven-test', STRICT, (f) => f.bsn('v'), { v: VALID_BSN }, VALID_BSN],
    ['null BSN', STRICT, (f) => f.bsn('v'), { v: null }, null],
    ['left-out structure', LOOSE, (f) => f.object('v'), {}, null],
    ['nested structure', STRICT, (f) => f.requiredObject('v').text('w'), { v: { w: 'x' } }, 'x'],
    ['list', STRICT, (f) => f.requiredList('v', (items, index) => items.requiredCode(index, KLEUR)), { v: ['rood', 'groen'] }, ['RED', 'GREEN']],
    ['empty list', STRICT, (f) => f.list('v', () => 1), { v: [] }, []],
    ['null list', STRICT, (f) => f.list('v', () => 1), { v: null }, null],
    ['has a null key', STRICT, (f) => f.has('v'), { v: null }, true],
    ['has no left-out key', STRICT, (f) => f.has('v'), {}, false],
  ])('reads %s', (_name, dialect, how, raw, expected) => {
    expect(read(dialect, raw, how)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, WireDialect, Read, unknown, string, string]>([
    ['a left-out key where keys are always written', STRICT, (f) => f.text('v'), {}, 'v', 'is missing'],
    ['null where required', STRICT, (f) => f.requiredText('v'), { v: null }, 'v', 'is missing'],
    ['blank where required and blanks are empty', BLANK, (f) => f.requiredText('v'), { v: ' ' }, 'v', 'is missing'],
    ['a number as text', STRICT, (f) => f.text('v'), { v: 42 }, 'v', 'is not text'],
    ['a repeated element as text', LOOSE, (f) => f.text('v'), { v: ['a', 'b'] }, 'v', 'is not text'],
    ['text the parser refuses', LOOSE, (f) => f.parsed('v', JA_NEE), { v: 'ja' }, 'v', 'is not J or N'],
    ['an unknown code', STRICT, (f) => f.code('v', KLEUR), { v: 'blauw' }, 'v', 'holds an unknown code'],
    ['a prototype key as code', STRICT, (f) => f.code('v', KLEUR), { v: 'constructor' }, 'v', 'holds an unknown code'],
    ['a string as boolean', BLANK, (f) => f.boolean('v'), { v: 'true' }, 'v', 'is not a boolean'],
    ['a string as number', BLANK, (f) => f.number('v'), { v: '12' }, 'v', 'is not a number'],
    ['a BSN failing the eleven-test', STRICT, (f) => f.bsn('v'), { v: '111222334' }, 'v', 'is not a valid BSN'],
    ['a BSN of eight digits', STRICT, (f) => f.bsn('v'), { v: '11122233' }, 'v', 'is not a valid BSN'],
    ['a BSN as a number', STRICT, (f) => f.bsn('v'), { v: 111222333 }, 'v', 'is not text'],
    ['a list as structure', STRICT, (f) => f.object('v'), { v: [] }, 'v', 'is not a structure'],
    ['a structure as list', STRICT, (f) => f.list('v', () => 1), { v: {} }, 'v', 'is not a list'],
    ['a field deep down', STRICT, (f) => f.requiredObject('a').requiredList('b', (items, index) => items.requiredObject(index).bsn('c')),
      { a: { b: [{ c: VALID_BSN }, { c: '123' }] } }, 'a.b[1].c', 'is not a valid BSN'],
    ['a list item', STRICT, (f) => f.requiredList('v', (items, index) => items.requiredCode(index, KLEUR)), { v: ['rood', null] }, 'v[1]', 'is missing'],
    ['a problem the mapping finds itself', STRICT, (f) => f.requiredObject('v').fail('w', 'is listed twice'), { v: {} }, 'v.w', 'is listed twice'],
    ['a problem with a structure itself', STRICT, (f) => f.requiredObject('v').fail(null, 'is empty'), { v: {} }, 'v', 'is empty'],
    ['a problem with the record itself', STRICT, (f) => f.fail(null, 'is empty'), {}, 'record', 'is empty'],
    ['a record that is no structure', STRICT, (f) => f.text('v'), ['v'], 'record', 'is not a structure'],
    ['a record that is null', LOOSE, (f) => f.text('v'), null, 'record', 'is not a structure'],
  ])('refuses %s, naming the path', (_name, dialect, how, raw, path, problem) => {
    expect(read(dialect, raw, how)).toEqual({ ok: false, problem: { record: `${dialect.name} record`, path, problem } });
  });

  it('never puts a value into a problem', () => {
    const secret = 'Anna de Vries, 111222334';
    const results = [
      read(STRICT, { naam: 12, bsn: '111222334' }, (f) => f.bsn('bsn')),
      read(STRICT, { datum: secret }, (f) => f.parsed('datum', REFUSED)),
      read(STRICT, { rol: secret }, (f) => f.code('rol', KLEUR)),
    ];
    for (const result of results) {
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toMatch(/Anna|111222334/);
    }
  });

  it('throws on what is not a problem with the record: a bug stays loud', () => {
    expect(() => read(STRICT, { v: 'x' }, () => { throw new TypeError('bug'); })).toThrow(TypeError);
  });

  it('stops at the first problem', () => {
    const seen: string[] = [];
    const result = read(STRICT, { a: 1, b: 'x' }, (f) => [f.text('a'), seen.push('after')]);
    expect(result).toMatchObject({ ok: false, problem: { path: 'a' } });
    expect(seen).toEqual([]);
  });
});

describe('lookupCode', () => {
  it.each([
    ['rood', 'RED'],
    ['groen', 'GREEN'],
    ['blauw', undefined],
    ['constructor', undefined],
    ['__proto__', undefined],
    ['toString', undefined],
  ])('%s -> %s', (code, value) => {
    expect(lookupCode<string>(KLEUR, code)).toBe(value);
  });
});
