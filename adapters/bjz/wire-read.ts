/**
 * Readers that check one field of an untrusted BJZ payload and return it typed, or throw a
 * WireFieldError naming the field. The error names the field only, never its value: the value may be
 * a BSN or a name, and the message reaches the application log.
 */
import { lookup } from './codes.ts';
import { parseWireDate, parseWireDateTime } from './legacy-dates.ts';

export class WireFieldError extends Error {
  readonly field: string;

  constructor(field: string) {
    super(`invalid field ${field}`);
    this.name = 'WireFieldError';
    this.field = field;
  }
}

export type Json = Readonly<Record<string, unknown>>;

export function object(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WireFieldError(field);
  return value as Json;
}

export function optionalObject(value: unknown, field: string): Json | null {
  return value === null || value === undefined ? null : object(value, field);
}

export function array(value: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new WireFieldError(field);
  return value;
}

/** A required, non-blank string. */
export function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new WireFieldError(field);
  return value;
}

/** An optional string; BJZ writes an empty field as `""` as often as `null`, and both mean "not filled in". */
export function optionalText(value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new WireFieldError(field);
  return value.trim() === '' ? null : value;
}

export function boolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new WireFieldError(field);
  return value;
}

export function positiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new WireFieldError(field);
  return value;
}

export function code<Value>(table: Readonly<Record<string, Value>>, value: unknown, field: string): Value {
  const mapped = typeof value === 'string' ? lookup(table, value) : undefined;
  if (mapped === undefined) throw new WireFieldError(field);
  return mapped;
}

export function optionalCode<Value>(table: Readonly<Record<string, Value>>, value: unknown, field: string): Value | null {
  return value === null || value === undefined ? null : code(table, value, field);
}

/** `dd-mm-jjjj` as an ISO date. */
export function date(value: unknown, field: string): string {
  const iso = typeof value === 'string' ? parseWireDate(value) : null;
  if (iso === null) throw new WireFieldError(field);
  return iso;
}

export function optionalDate(value: unknown, field: string): string | null {
  return value === null || value === undefined ? null : date(value, field);
}

/** `dd-mm-jjjj uu:mm:ss +hhmm` as an ISO date-time with offset. */
export function dateTime(value: unknown, field: string): string {
  const iso = typeof value === 'string' ? parseWireDateTime(value) : null;
  if (iso === null) throw new WireFieldError(field);
  return iso;
}

/** An optional BSN: nine digits passing the eleven-test, so a typo cannot match the wrong person. */
export function optionalBsn(value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !passesElevenTest(value)) throw new WireFieldError(field);
  return value;
}

function passesElevenTest(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 8).reduce((acc, digit, index) => acc + digit * (9 - index), 0);
  return (sum - (digits[8] ?? 0)) % 11 === 0;
}
