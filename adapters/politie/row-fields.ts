/**
 * Typed reading of one export row's columns: required or optional text, codes from a table, legacy
 * dates and moments, J/N. A defect throws a FieldError naming the column, never its content.
 */
import { lookup } from './legacy-codes.ts';
import { parseLegacyDate, parseLegacyDateTime } from './legacy-time.ts';
import type { ExportKolom, ZorgmeldingRij } from './wire-types.ts';

export class FieldError extends Error {
  override readonly name = 'FieldError';
}

export type Fields = ReturnType<typeof fieldsOf>;

export function fieldsOf(row: ZorgmeldingRij) {
  const optional = (column: ExportKolom): string | null => {
    const value = row[column];
    if (typeof value !== 'string') throw new FieldError(`column ${column} missing`);
    return value.trim() === '' ? null : value;
  };
  const required = (column: ExportKolom): string => {
    const value = optional(column);
    if (value === null) throw new FieldError(`column ${column} empty`);
    return value;
  };
  return {
    optional,
    required,
    code: <V>(column: ExportKolom, table: Readonly<Record<string, V>>): V => known(table, required(column), column),
    list: (column: ExportKolom): string[] => optional(column)?.split('|') ?? [],
    date: (column: ExportKolom): string => parseLegacyDate(required(column)) ?? fail(`invalid date in ${column}`),
    dateTime: (column: ExportKolom): string => parseLegacyDateTime(required(column)) ?? fail(`invalid moment in ${column}`),
    jaNee: (column: ExportKolom): boolean => {
      const value = required(column);
      if (value !== 'J' && value !== 'N') throw new FieldError(`invalid J/N in ${column}`);
      return value === 'J';
    },
  };
}

export function known<V>(table: Readonly<Record<string, V>>, code: string, column: string): V {
  return lookup(table, code) ?? fail(`unknown code in ${column}`);
}

function fail(message: string): never {
  throw new FieldError(message);
}
