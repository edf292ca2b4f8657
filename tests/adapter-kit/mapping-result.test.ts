import { describe, expect, it } from 'vitest';
import { AdapterError } from '#kit/errors.ts';
import {
  WireProblemError, badRecord, mapped, unmapped, valueOrError, valueOrThrow, type MappingResult, type WireProblem,
} from '#kit/mapping-result.ts';

const problem: WireProblem = { record: 'BJZ client', path: 'gezin.gezinsleden[0].bsn', problem: 'is not a valid BSN' };
const failed: MappingResult<string> = unmapped(problem);
const AGENCY = 'bjz-groningen';

describe('MappingResult', () => {
  it.each([
    ['a mapped value', mapped({ id: 'x' }), { ok: true, value: { id: 'x' } }],
    ['a mapped null', mapped(null), { ok: true, value: null }],
    ['a problem', unmapped(problem), { ok: false, problem }],
  ])('holds %s', (_name, result, expected) => {
    expect(result).toEqual(expected);
  });
});

describe('badRecord: a problem at the adapter\'s edge', () => {
  it.each<[WireProblem, string]>([
    [problem, 'BJZ client record has an invalid field: gezin.gezinsleden[0].bsn'],
    [{ record: 'ASHG dossier', path: 'dossier', problem: 'is not a structure' }, 'ASHG dossier record has an invalid field: dossier'],
    [{ record: 'politie zorgmelding', path: 'rijen[1].geboortedatum', problem: 'is not a dd-mm-jjjj date' },
      'politie zorgmelding record has an invalid field: rijen[1].geboortedatum'],
  ])('%j -> %s', (given, message) => {
    const error = badRecord(given, AGENCY);
    expect(error).toBeInstanceOf(AdapterError);
    expect(error).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', agency: AGENCY, status: undefined, message });
  });

  it('keeps what is wrong in the cause, which names no value either', () => {
    const error = badRecord(problem, AGENCY);
    expect(error.cause).toBeInstanceOf(WireProblemError);
    expect((error.cause as WireProblemError).problem).toEqual(problem);
    expect((error.cause as Error).message).toBe('BJZ client gezin.gezinsleden[0].bsn is not a valid BSN');
  });
});

describe('edges', () => {
  it.each<[string, MappingResult<string>, unknown]>([
    ['a value', mapped('record'), 'record'],
    ['a problem', failed, expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE', agency: AGENCY })],
  ])('valueOrError answers a batch key with %s', (_name, result, expected) => {
    expect(valueOrError(result, AGENCY)).toEqual(expected);
  });

  it('valueOrThrow answers a whole search with the value, or throws the AdapterError', () => {
    expect(valueOrThrow(mapped('record'), AGENCY)).toBe('record');
    expect(() => valueOrThrow(failed, AGENCY)).toThrow(AdapterError);
    expect(() => valueOrThrow(failed, AGENCY)).toThrow('BJZ client record has an invalid field: gezin.gezinsleden[0].bsn');
  });
});
