/**
 * The one reader of received wire records, for every dialect: JSON objects, the XML decoder's trees and
 * CSV rows are all string-keyed structures. Each read checks one field and returns it typed; a field
 * that fails stops the mapping with a WireProblem naming its path, never its value. What "not filled
 * in" looks like is the dialect's (WireDialect); its dates, flags and code lists stay in the adapter and
 * come in as formats and tables.
 */
import { isValidBsn } from '#domain/bsn.ts';
import { WireProblemError, mapped, unmapped, type MappingResult } from './mapping-result.ts';
import type { WireDialect, WireFormat } from './wire-dialect.ts';

/** The keys of a structure: its field names, or the positions of a list. */
export type WireKey<T> = T extends readonly unknown[] ? number : Extract<keyof T, string>;
type FieldOf<T, K> = T extends readonly (infer Item)[] ? Item : K extends keyof T ? T[K] : unknown;
type Typed<V, Untyped> = unknown extends V ? Untyped : [NonNullable<V>] extends [object] ? NonNullable<V> & object : Untyped;
/** The structure at `key` as far as the wire types know it, so nested keys are checked at compile time too. */
export type WireStructureAt<T, K> = Typed<FieldOf<T, K>, Readonly<Record<string, unknown>>>;
/** The list at `key`, likewise. */
export type WireListAt<T, K> = Typed<FieldOf<T, K>, readonly unknown[]>;
type Nested<T, K> = WireFields<WireStructureAt<T, K>>;
type Items<T, K> = WireFields<WireListAt<T, K>>;
/** A legacy code list: a table of its codes, or a decoder answering undefined for a code it does not know. */
export type Codes<V> = Readonly<Record<string, V>> | ((code: string) => V | undefined);

export interface WireFields<T extends object = Readonly<Record<string, unknown>>> {
  /** Stops the mapping with a problem at `key`, or at this structure itself (null). */
  fail(key: WireKey<T> | null, problem: string): never;
  /** Whether the key is there at all, filled in or not. */
  has(key: WireKey<T>): boolean;
  text(key: WireKey<T>): string | null;
  requiredText(key: WireKey<T>): string;
  /** Text in one of the dialect's formats (a legacy date, a J/N flag, an identifier), as that format reads it. */
  parsed<V>(key: WireKey<T>, format: WireFormat<V>): V | null;
  requiredParsed<V>(key: WireKey<T>, format: WireFormat<V>): V;
  code<V>(key: WireKey<T>, codes: Codes<V>): V | null;
  requiredCode<V>(key: WireKey<T>, codes: Codes<V>): V;
  boolean(key: WireKey<T>): boolean | null;
  requiredBoolean(key: WireKey<T>): boolean;
  number(key: WireKey<T>): number | null;
  requiredNumber(key: WireKey<T>): number;
  /** A BSN: nine digits passing the eleven-test, so a typo cannot match the wrong person. */
  bsn(key: WireKey<T>): string | null;
  requiredBsn(key: WireKey<T>): string;
  object<K extends WireKey<T>>(key: K): Nested<T, K> | null;
  requiredObject<K extends WireKey<T>>(key: K): Nested<T, K>;
  /** Reads a list item by item: `each` reads position `index` of `items`. */
  list<K extends WireKey<T>, R>(key: K, each: (items: Items<T, K>, index: number) => R): R[] | null;
  requiredList<K extends WireKey<T>, R>(key: K, each: (items: Items<T, K>, index: number) => R): R[];
}

/**
 * Reads one received record. A read that meets a problem throws, so a mapping reads straight down like
 * the record it builds and stops at the first flaw; here that becomes a value again. Any other error is
 * a bug, not a bad record, and is thrown on.
 */
export function readRecord<T extends object, R>(
  raw: unknown, record: string, dialect: WireDialect, read: (fields: WireFields<T>) => R,
): MappingResult<R> {
  try {
    if (!isStructure(raw)) throw new WireProblemError({ record: `${dialect.name} ${record}`, path: record, problem: 'is not a structure' });
    return mapped(read(fieldsOf<T>(raw, '', { record, dialect })));
  } catch (error) {
    if (error instanceof WireProblemError) return unmapped(error.problem);
    throw error;
  }
}

/** A code's value in a table, by own property only, so `constructor` or `__proto__` is no code. */
export function lookupCode<V>(table: Readonly<Record<string, V>>, code: string): V | undefined {
  return Object.hasOwn(table, code) ? table[code] : undefined;
}

function isStructure(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Key = string | number;

function fieldsOf<T extends object>(structure: object, path: string, reading: { record: string; dialect: WireDialect }): WireFields<T> {
  const { record, dialect } = reading;
  const at = (key: Key): string => (Array.isArray(structure) ? `${path}[${key}]` : path === '' ? String(key) : `${path}.${key}`);
  const fail = (key: Key | null, problem: string): never => {
    throw new WireProblemError({ record: `${dialect.name} ${record}`, path: key === null ? path || record : at(key), problem });
  };
  const raw = (key: Key): unknown => (Object.hasOwn(structure, key) ? (structure as Record<Key, unknown>)[key] : undefined);
  /** The value at `key`; null when it is not filled in. */
  const filled = (key: Key): unknown => {
    const value = raw(key);
    if (value === undefined && !dialect.absentIsEmpty) fail(key, 'is missing');
    return value === undefined || dialect.isEmpty(value) ? null : value;
  };
  const must = <V>(key: Key, value: V | null): V => (value === null ? fail(key, 'is missing') : value);
  const scalar = <V>(key: Key, is: (value: unknown) => value is V, problem: string): V | null => {
    const value = filled(key);
    return value === null || is(value) ? value : fail(key, problem);
  };
  const string = (key: Key) => scalar(key, (value) => typeof value === 'string', 'is not text');
  const boolean = (key: Key) => scalar(key, (value) => typeof value === 'boolean', 'is not a boolean');
  const number = (key: Key) => scalar(key, (value): value is number => typeof value === 'number' && Number.isFinite(value), 'is not a number');
  const text = (key: Key): string | null => {
    const value = string(key);
    return value !== null && dialect.blankTextIsEmpty === true && value.trim() === '' ? null : value;
  };
  const parsed = <V>(key: Key, format: WireFormat<V>): V | null => {
    const value = string(key);
    return value === null ? null : format.parse(value) ?? fail(key, format.problem);
  };
  const code = <V>(key: Key, codes: Codes<V>): V | null => {
    const value = string(key);
    if (value === null) return null;
    const decoded = typeof codes === 'function' ? codes(value) : lookupCode(codes, value);
    return decoded === undefined ? fail(key, 'holds an unknown code') : decoded;
  };
  const bsn = (key: Key): string | null => {
    const value = string(key);
    return value === null || isValidBsn(value) ? value : fail(key, 'is not a valid BSN');
  };
  const object = (key: Key): WireFields<object> | null => {
    const value = filled(key);
    if (value === null) return null;
    return isStructure(value) ? fieldsOf(value, at(key), reading) : fail(key, 'is not a structure');
  };
  const list = <R>(key: Key, each: (items: WireFields<object>, index: number) => R): R[] | null => {
    const value = filled(key);
    if (value === null) return null;
    if (!Array.isArray(value)) return fail(key, 'is not a list');
    const items = fieldsOf(value, at(key), reading);
    return value.map((_item: unknown, index) => each(items, index));
  };
  const fields = {
    fail, has: (key: Key) => raw(key) !== undefined,
    text, requiredText: (key: Key) => must(key, text(key)),
    parsed, requiredParsed: <V>(key: Key, format: WireFormat<V>) => must(key, parsed(key, format)),
    code, requiredCode: <V>(key: Key, codes: Codes<V>) => must(key, code(key, codes)),
    boolean, requiredBoolean: (key: Key) => must(key, boolean(key)),
    number, requiredNumber: (key: Key) => must(key, number(key)),
    bsn, requiredBsn: (key: Key) => must(key, bsn(key)),
    object, requiredObject: (key: Key) => must(key, object(key)),
    list, requiredList: <R>(key: Key, each: (items: WireFields<object>, index: number) => R) => must(key, list(key, each)),
  };
  // The implementation reads any key; WireFields<T> is the typed face the mappings see.
  return fields as unknown as WireFields<T>;
}
