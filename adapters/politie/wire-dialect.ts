/**
 * The police export's CSV dialect, as the kit's wire-field reader reads its rows: what "not filled in"
 * looks like, and the text formats of its numbers, keys, postcodes, dates, moments and J/N flags.
 */
import type { WireDialect, WireFormat } from '#kit/wire-dialect.ts';
import { parseLegacyDate, parseLegacyDateTime } from './legacy-time.ts';

/** Every column is always there (the CSV decoder sees to it), and a blank cell is "not filled in". */
export const POLITIE_WIRE: WireDialect = {
  name: 'politie', isEmpty: (value) => typeof value === 'string' && value.trim() === '', absentIsEmpty: false,
};

const matching = (pattern: RegExp) => (text: string): string | null => (pattern.test(text) ? text : null);

export const PERSOONSSLEUTEL = /^[A-Za-z0-9]{4,32}$/;

export const SLEUTEL: WireFormat<string> = { parse: matching(PERSOONSSLEUTEL), problem: 'is not a persoonssleutel' };

export const REGISTRATIENUMMER: WireFormat<string> = {
  parse: matching(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/), problem: 'is not a registratienummer',
};

/** Printed `9711 NN`, or without the space: the four digits and the two letters. */
export const POSTCODE: WireFormat<RegExpExecArray> = { parse: (text) => /^(\d{4}) ?([A-Z]{2})$/.exec(text), problem: 'is not a postcode' };

export const DATE: WireFormat<string> = { parse: parseLegacyDate, problem: 'is not a dd-mm-jjjj date' };

export const MOMENT: WireFormat<string> = { parse: parseLegacyDateTime, problem: 'is not a dd-mm-jjjj uu:mm:ss moment in Amsterdam' };

export const JA_NEE: WireFormat<boolean> = { parse: (text) => (text === 'J' ? true : text === 'N' ? false : null), problem: 'is not J or N' };
