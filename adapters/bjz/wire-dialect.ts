/**
 * BJZ's JSON dialect, as the kit's wire-field reader reads it: what "not filled in" looks like, and
 * the text formats of its dates, instants and postcodes.
 */
import type { WireDialect, WireFormat } from '#kit/wire-dialect.ts';
import { parseWireDate, parseWireDateTime } from './legacy-dates.ts';

/** null and a left-out key both mean "not filled in", and BJZ writes empty text as `""` as often as null. */
export const BJZ_WIRE: WireDialect = {
  name: 'BJZ', isEmpty: (value) => value === null || value === undefined, absentIsEmpty: true, blankTextIsEmpty: true,
};

export const DATE: WireFormat<string> = { parse: parseWireDate, problem: 'is not a dd-mm-jjjj date' };

export const DATE_TIME: WireFormat<string> = { parse: parseWireDateTime, problem: 'is not a dd-mm-jjjj uu:mm:ss +hhmm moment' };

/** Written `9727 BW`, or without the space: the four digits and the two letters. */
export const POSTCODE: WireFormat<RegExpExecArray> = { parse: (text) => /^(\d{4}) ?([A-Z]{2})$/.exec(text), problem: 'is not a postcode' };
