/**
 * Checked reading of one decoded AMK record. Every reader either returns a value in the schema's
 * vocabulary or throws an UPSTREAM_BAD_RESPONSE AdapterError naming the record type and the field
 * path, never the value: AMK payloads hold BSNs and narratives, and error messages reach the log.
 */
import { AdapterError } from '#kit/errors.ts';
import { decodeCode } from './codes.ts';
import { parseDatum, parseTijdstip } from './dates.ts';

export type Tree = Readonly<Record<string, unknown>>;

const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a string passes the BSN eleven-test (elfproef) the AMK applies at registration. */
export function isElfproefBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 8).reduce((acc, digit, index) => acc + digit * (9 - index), 0);
  return (sum - (digits[8] ?? 0)) % 11 === 0;
}

export interface WireReader {
  /** Throws the coded error for `path`. */
  fail(path: string, problem: string): never;
  tree(value: unknown, path: string): Tree;
  optionalTree(value: unknown, path: string): Tree | null;
  id(value: unknown, path: string): string;
  /** Absent or empty -> null; anything but text (e.g. a repeated element) is malformed. */
  text(value: unknown, path: string): string | null;
  bsn(value: unknown, path: string): string | null;
  code<K extends string, V>(table: Readonly<Record<K, V>>, value: unknown, path: string): V | null;
  requiredCode<K extends string, V>(table: Readonly<Record<K, V>>, value: unknown, path: string): V;
  datum(value: unknown, path: string): string | null;
  tijdstip(value: unknown, path: string): string | null;
  jaNee(value: unknown, path: string): boolean | null;
  /** The items of a list container (`{ item: [...] }`); absent container -> null. */
  list(container: unknown, item: string, path: string): readonly unknown[] | null;
  requiredList(container: unknown, item: string, path: string): readonly unknown[];
}

export function createWireReader(recordType: string, agency: string): WireReader {
  const fail = (path: string, problem: string): never => {
    throw new AdapterError('UPSTREAM_BAD_RESPONSE', `AMK ${recordType}: ${path} ${problem}`, { agency });
  };
  const text = (value: unknown, path: string): string | null => {
    if (value === undefined || value === '') return null;
    return typeof value === 'string' ? value : fail(path, 'is not a single text value');
  };
  const code = <K extends string, V>(table: Readonly<Record<K, V>>, value: unknown, path: string): V | null => {
    const raw = text(value, path);
    if (raw === null) return null;
    return decodeCode(table, raw) ?? fail(path, 'holds an unknown code');
  };
  const list = (container: unknown, item: string, path: string): readonly unknown[] | null => {
    if (container === undefined) return null;
    if (container === '') return [];
    if (!isTree(container)) return fail(path, 'is not a list');
    const items = container[item];
    if (items === undefined) return [];
    return Array.isArray(items) ? items : fail(`${path}.${item}`, 'is not a list');
  };
  return {
    fail,
    tree: (value, path) => (isTree(value) ? value : fail(path, 'is missing or not a structure')),
    optionalTree: (value, path) => (value === undefined || value === '' ? null : isTree(value) ? value : fail(path, 'is not a structure')),
    id: (value, path) => text(value, path) ?? fail(path, 'is missing'),
    text,
    bsn: (value, path) => {
      const raw = text(value, path);
      return raw === null || isElfproefBsn(raw) ? raw : fail(path, 'is not a valid BSN');
    },
    code,
    requiredCode: (table, value, path) => code(table, value, path) ?? fail(path, 'is missing'),
    datum: (value, path) => {
      const raw = text(value, path);
      return raw === null ? null : parseDatum(raw) ?? fail(path, 'is not a dd-mm-jjjj date');
    },
    tijdstip: (value, path) => {
      const raw = text(value, path);
      return raw === null ? null : parseTijdstip(raw) ?? fail(path, 'is not a dd-mm-jjjj HH:mm time in Amsterdam');
    },
    jaNee: (value, path) => {
      const raw = text(value, path);
      return raw === null ? null : raw === 'J' ? true : raw === 'N' ? false : fail(path, 'is not J or N');
    },
    list,
    requiredList: (container, item, path) => list(container, item, path) ?? fail(path, 'is missing'),
  };
}
