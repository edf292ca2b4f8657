/**
 * The police's CSV dialect, both ways: `;`-separated, every field quoted, UTF-8 with a BOM, CRLF,
 * one header row. The mock writes it and the client reads it with the same settings, so quoting
 * of `;`, quotes and line breaks inside a narrative is csv-parse's and csv-stringify's job.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  DELTA_KOLOMMEN, EXPORT_KOLOMMEN, VERTALING_KOLOMMEN, type DeltaRij, type Mutatie, type Sleutelpaar, type WireZorgmelding,
  type ZorgmeldingRij,
} from './wire-types.ts';

/** A body that is not the CSV we expect. The message names the defect, never the content. */
export class CsvShapeError extends Error {
  override readonly name = 'CsvShapeError';
}

export function encodeCsv(columns: readonly string[], rows: readonly Readonly<Record<string, string>>[]): string {
  return stringify(rows as Record<string, string>[], {
    header: true, columns: [...columns], delimiter: ';', quoted: true, quoted_empty: true,
    record_delimiter: 'windows', bom: true,
  });
}

/**
 * Reads a CSV into records keyed by the header; every expected column must be present (extra
 * columns are tolerated, so a police release that adds one does not take the gateway down).
 */
export function decodeCsv<K extends string>(body: string, expected: readonly K[]): Readonly<Record<K, string>>[] {
  let table: string[][];
  try {
    table = parse(body, { delimiter: ';', bom: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    // csv-parse errors carry the offending record; keep only their code.
    const code = (error as { code?: unknown }).code;
    throw new CsvShapeError(`CSV undecodable (${typeof code === 'string' ? code : 'parse error'})`);
  }
  const [header, ...rows] = table;
  if (!header) throw new CsvShapeError('CSV without a header row');
  const positions = expected.map((column) => header.indexOf(column));
  const missing = expected.filter((_, index) => positions[index] === -1);
  if (missing.length > 0) throw new CsvShapeError(`CSV lacks columns: ${missing.join(', ')}`);
  return rows.map((row) => {
    const record = {} as Record<K, string>;
    expected.forEach((column, index) => { record[column] = row[positions[index] ?? -1] ?? ''; });
    return record;
  });
}

export function encodeExport(rows: readonly ZorgmeldingRij[]): string {
  return encodeCsv(EXPORT_KOLOMMEN, rows);
}

export function decodeExport(body: string): ZorgmeldingRij[] {
  return decodeCsv(body, EXPORT_KOLOMMEN);
}

/**
 * Groups export rows by registratienummer, in order of first appearance. A row without one cannot
 * be attributed to any zorgmelding, so the whole answer is unusable.
 */
export function groupZorgmeldingen(rows: readonly ZorgmeldingRij[]): WireZorgmelding[] {
  const groups = new Map<string, ZorgmeldingRij[]>();
  for (const row of rows) {
    if (row.registratienummer === '') throw new CsvShapeError('export row without registratienummer');
    const group = groups.get(row.registratienummer);
    if (group) group.push(row);
    else groups.set(row.registratienummer, [row]);
  }
  return [...groups].map(([registratienummer, rijen]) => ({ registratienummer, rijen }));
}

export function encodeVertaling(pairs: readonly Sleutelpaar[]): string {
  return encodeCsv(VERTALING_KOLOMMEN, pairs as unknown as Record<string, string>[]);
}

export function decodeVertaling(body: string): Sleutelpaar[] {
  return decodeCsv(body, VERTALING_KOLOMMEN);
}

/** The request body of the key mapping: one column, `bsn` or `persoonssleutel`. */
export function encodeVertaalverzoek(column: 'bsn' | 'persoonssleutel', values: readonly string[]): string {
  return encodeCsv([column], values.map((value) => ({ [column]: value })));
}

export function encodeDelta(mutaties: readonly Mutatie[]): string {
  return encodeCsv(DELTA_KOLOMMEN, mutaties.map((mutatie) => ({ ...mutatie, mutatienummer: String(mutatie.mutatienummer) })));
}

export function decodeDelta(body: string): DeltaRij[] {
  return decodeCsv(body, DELTA_KOLOMMEN);
}
