/**
 * The AMK's SOAP dialect, as the kit's wire-field reader reads the decoder's trees: what "not filled
 * in" looks like, and the text formats of its dates, Amsterdam wall-clock times and J/N flags.
 */
import type { WireDialect, WireFormat } from '#kit/wire-dialect.ts';
import { parseDatum, parseTijdstip } from './dates.ts';

/** An element left out, or left empty, is "not filled in": XML has no null. */
export const AMK_WIRE: WireDialect = { name: 'AMK', isEmpty: (value) => value === undefined || value === '', absentIsEmpty: true };

export const DATUM: WireFormat<string> = { parse: parseDatum, problem: 'is not a dd-mm-jjjj date' };

export const TIJDSTIP: WireFormat<string> = { parse: parseTijdstip, problem: 'is not a dd-mm-jjjj HH:mm time in Amsterdam' };

export const JA_NEE: WireFormat<boolean> = { parse: (text) => (text === 'J' ? true : text === 'N' ? false : null), problem: 'is not J or N' };
