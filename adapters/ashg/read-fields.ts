/**
 * Readers that check one field of a received ASHG record each. A bad field throws a FieldProblem that
 * names the field's path and never its value: the message reaches the application log, and the values
 * are personal data. A key documented as always present must be present, even when null — so that a
 * field renamed in a new legacy release fails loudly instead of reading as null everywhere.
 */
import type { CodeTable } from './codes.ts';
import { dutchDateToIso, isIsoDateTime } from './dates.ts';
import type { Received } from './wire-types.ts';

export class FieldProblem extends Error {
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`${path} ${problem}`);
    this.name = 'FieldProblem';
    this.path = path;
  }
}

export function record<T>(value: unknown, path: string): Received<T> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FieldProblem(path, 'is not an object');
  return value as Received<T>;
}

function present(value: unknown, path: string): void {
  if (value === undefined) throw new FieldProblem(path, 'is missing');
}

/** An identifier: a non-empty string without surrounding blanks. */
export function id(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '' || value.trim() !== value) throw new FieldProblem(path, 'is not an identifier');
  return value;
}

export function nullableId(value: unknown, path: string): string | null {
  present(value, path);
  return value === null ? null : id(value, path);
}

export function text(value: unknown, path: string): string | null {
  present(value, path);
  return optionalText(value, path);
}

/** A text key the legacy API may leave out altogether. */
export function optionalText(value: unknown, path: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new FieldProblem(path, 'is not a string');
  return value;
}

export function flag(value: unknown, path: string): boolean | null {
  present(value, path);
  if (value === null) return null;
  if (typeof value !== 'boolean') throw new FieldProblem(path, 'is not a boolean');
  return value;
}

/** A `dd-mm-jjjj` date, returned as an ISO date. */
export function date(value: unknown, path: string): string | null {
  present(value, path);
  if (value === null) return null;
  const iso = typeof value === 'string' ? dutchDateToIso(value) : null;
  if (iso === null) throw new FieldProblem(path, 'is not a dd-mm-jjjj date');
  return iso;
}

/** An ISO 8601 date-time with offset, returned as received (the offset is information). */
export function dateTime(value: unknown, path: string): string | null {
  present(value, path);
  if (value === null) return null;
  if (typeof value !== 'string' || !isIsoDateTime(value)) throw new FieldProblem(path, 'is not an ISO date-time with offset');
  return value;
}

export function code<Value extends string>(table: CodeTable<Value, string>, value: unknown, path: string): Value | null {
  present(value, path);
  if (value === null) return null;
  const decoded = typeof value === 'string' ? table.decode(value) : undefined;
  if (decoded === undefined) throw new FieldProblem(path, 'holds an unknown code');
  return decoded;
}

export function list<T>(value: unknown, path: string, each: (item: unknown, path: string) => T): T[] {
  if (!Array.isArray(value)) throw new FieldProblem(path, 'is not a list');
  return value.map((item, index) => each(item, `${path}[${index}]`));
}

export function nullableList<T>(value: unknown, path: string, each: (item: unknown, path: string) => T): T[] | null {
  present(value, path);
  return value === null ? null : list(value, path, each);
}

/** A nine-digit BSN that passes the eleven-test (elfproef), or null. */
export function bsn(value: unknown, path: string): string | null {
  present(value, path);
  if (value === null) return null;
  if (typeof value !== 'string' || !passesElevenTest(value)) throw new FieldProblem(path, 'is not a valid BSN');
  return value;
}

function passesElevenTest(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 8).reduce((acc, digit, index) => acc + digit * (9 - index), 0);
  return (sum - (digits[8] ?? 0)) % 11 === 0;
}
