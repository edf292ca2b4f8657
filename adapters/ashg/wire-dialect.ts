/**
 * The ASHG's JSON dialect, as the kit's wire-field reader reads it: what "not filled in" looks like,
 * and the text formats of its identifiers, dates and date-times.
 */
import type { WireDialect, WireFormat } from '#kit/wire-dialect.ts';
import { dutchDateToIso, isIsoDateTime } from './dates.ts';

/**
 * null means "not filled in". The API documents every key as always present, so a key left out is
 * missing, not null: a field renamed in a new legacy release fails loudly.
 */
export const ASHG_WIRE: WireDialect = { name: 'ASHG', isEmpty: (value) => value === null, absentIsEmpty: false };

/** An identifier: a non-empty string without surrounding blanks. */
export const ID: WireFormat<string> = {
  parse: (text) => (text !== '' && text.trim() === text ? text : null), problem: 'is not an identifier',
};

export const DATE: WireFormat<string> = { parse: dutchDateToIso, problem: 'is not a dd-mm-jjjj date' };

/** ISO 8601 with an offset, kept as received: the offset is information. */
export const DATE_TIME: WireFormat<string> = {
  parse: (text) => (isIsoDateTime(text) ? text : null), problem: 'is not an ISO date-time with offset',
};
