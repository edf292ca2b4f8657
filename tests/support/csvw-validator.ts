/**
 * Checks CSV text against a table of CSV on the Web metadata (W3C csvw): the dialect (delimiter, quoting,
 * header, line ends), the header against the columns' titles in order, `required`, the datatypes the police
 * metadata uses (string with a regular-expression format, date and dateTime with a dd-MM-yyyy pattern,
 * boolean with a `J|N` format), list cells by `separator`, and the primary key. It refuses a datatype it does
 * not know, so the check cannot go silently weak.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

interface Datatype { readonly base: string; readonly format?: string }
interface Column {
  readonly name: string;
  readonly titles: string;
  readonly datatype: string | Datatype;
  readonly required?: boolean;
  readonly separator?: string;
}
interface Table { readonly url: string; readonly tableSchema: { readonly columns: readonly Column[]; readonly primaryKey?: readonly string[] } }
interface Dialect { readonly delimiter: string; readonly quoteChar: string; readonly lineTerminators: readonly string[]; readonly header: boolean; readonly encoding: string }
interface Metadata { readonly dialect: Dialect; readonly tables: readonly Table[] }

export interface CsvwValidator {
  readonly tables: readonly string[];
  columnsOf(url: string): string[];
  /** The problems of a CSV body as the table `url`; empty when it conforms. */
  problems(url: string, body: string): string[];
}

const PARTS: Readonly<Record<string, string>> = { dd: '(\\d{2})', MM: '(\\d{2})', yyyy: '(\\d{4})', HH: '(\\d{2})', mm: '(\\d{2})', ss: '(\\d{2})' };

/** A csvw date/time pattern (`dd-MM-yyyy HH:mm:ss`) as a checker that also rejects impossible dates. */
function dateChecker(pattern: string): (value: string) => boolean {
  const order: string[] = [];
  const source = pattern.replace(/dd|MM|yyyy|HH|mm|ss/g, (part) => {
    order.push(part);
    return PARTS[part] ?? '';
  });
  const regex = new RegExp(`^${source}$`);
  return (value) => {
    const match = regex.exec(value);
    if (!match) return false;
    const get = (part: string, fallback: number) => (order.includes(part) ? Number(match[order.indexOf(part) + 1]) : fallback);
    const [year, month, day, hour, minute, second] = [get('yyyy', 2000), get('MM', 1), get('dd', 1), get('HH', 0), get('mm', 0), get('ss', 0)];
    const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
      && hour < 24 && minute < 60 && second < 60;
  };
}

function checkerOf(datatype: string | Datatype, column: string): (value: string) => boolean {
  const type = typeof datatype === 'string' ? { base: datatype } : datatype;
  switch (type.base) {
    case 'string': {
      if (type.format === undefined) return () => true;
      const regex = new RegExp(type.format);
      return (value) => regex.test(value);
    }
    case 'date':
    case 'dateTime':
      if (!type.format) throw new Error(`${column}: a ${type.base} without a format is not supported by this check`);
      return dateChecker(type.format);
    case 'boolean': {
      const [yes, no] = (type.format ?? 'true|false').split('|');
      return (value) => value === yes || value === no;
    }
    default:
      throw new Error(`${column}: datatype ${type.base} is not supported by this check`);
  }
}

export function createCsvwValidator(file: string): CsvwValidator {
  const metadata = JSON.parse(readFileSync(file, 'utf8')) as Metadata;
  const { dialect } = metadata;
  const table = (url: string) => {
    const found = metadata.tables.find((candidate) => candidate.url === url);
    if (!found) throw new Error(`no table ${url} in ${file}`);
    return found;
  };
  return {
    tables: metadata.tables.map((candidate) => candidate.url),
    columnsOf: (url) => table(url).tableSchema.columns.map((column) => column.name),
    problems(url, body) {
      const { columns, primaryKey } = table(url).tableSchema;
      const problems: string[] = [];
      if (dialect.encoding === 'utf-8' && !body.startsWith('\uFEFF')) problems.push('no UTF-8 byte order mark');
      const text = body.replace(/^\uFEFF/, '');
      const terminator = dialect.lineTerminators[0] ?? '\r\n';
      if (!text.endsWith(terminator)) problems.push(`does not end with ${JSON.stringify(terminator)}`);
      let rows: string[][];
      let raw: { raw?: string; record: string[] }[];
      try {
        raw = parse(text, { delimiter: dialect.delimiter, quote: dialect.quoteChar, record_delimiter: terminator, raw: true, relax_column_count: true }) as unknown as { raw?: string; record: string[] }[];
        rows = raw.map((entry) => entry.record);
      } catch (error) {
        return [...problems, `not ${dialect.delimiter}-separated CSV with ${JSON.stringify(terminator)} line ends: ${(error as { code?: string }).code ?? 'parse error'}`];
      }
      // The police quote every field: each raw record is `"..."` cells joined by the delimiter.
      const quoted = new RegExp(`^${dialect.quoteChar}(?:[^${dialect.quoteChar}]|${dialect.quoteChar}${dialect.quoteChar})*${dialect.quoteChar}$`);
      raw.forEach((entry, index) => {
        const cells = (entry.raw ?? '').replace(/\r?\n?$/, '');
        const parts = cells.match(new RegExp(`${dialect.quoteChar}(?:[^${dialect.quoteChar}]|${dialect.quoteChar}${dialect.quoteChar})*${dialect.quoteChar}`, 'g')) ?? [];
        if (parts.join(dialect.delimiter) !== cells || !parts.every((part) => quoted.test(part))) problems.push(`row ${index + 1}: not every field quoted`);
      });
      const [header, ...records] = rows;
      const titles = columns.map((column) => column.titles);
      if (dialect.header && JSON.stringify(header) !== JSON.stringify(titles)) {
        problems.push(`header ${JSON.stringify(header)} is not the columns ${JSON.stringify(titles)}`);
        return problems;
      }
      const checkers = columns.map((column) => checkerOf(column.datatype, column.name));
      const keys = new Set<string>();
      records.forEach((record, index) => {
        const at = `row ${index + 2}`;
        if (record.length !== columns.length) problems.push(`${at}: ${record.length} cells, ${columns.length} columns`);
        columns.forEach((column, position) => {
          const cell = record[position] ?? '';
          if (cell === '') {
            if (column.required) problems.push(`${at} ${column.name}: required, empty`);
            return;
          }
          const values = column.separator ? cell.split(column.separator) : [cell];
          // A column's values are named, never shown: they may be personal data.
          if (!values.every((value) => checkers[position]?.(value))) problems.push(`${at} ${column.name}: not a valid ${JSON.stringify(column.datatype)}`);
        });
        if (primaryKey) {
          const key = JSON.stringify(primaryKey.map((name) => record[columns.findIndex((column) => column.name === name)]));
          if (keys.has(key)) problems.push(`${at}: primary key ${primaryKey.join(', ')} repeated`);
          keys.add(key);
        }
      });
      return problems;
    },
  };
}
