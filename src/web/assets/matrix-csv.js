// @ts-check
// The access matrix as shown, as CSV for a spreadsheet: one line per data category, field and column
// (viewer kind reads owner kind), with the decision and the articles, the filters in the first columns
// and the organisations the column stands for by name. The column names follow `npm run policy:matrix`'s
// (src/workbench/matrix-csv.ts) where they mean the same. Made in the browser from the data shown.
import { csvCell } from './csv.js';
import { articleOf, columnOrganisations, decider, fieldGroups } from './matrix-model.js';

/** @import { AccessMatrix } from './matrix-queries.js' */

export const MATRIX_CSV_COLUMNS = [
  'day', 'region', 'purpose', 'category', 'coordinate', 'viewer_kind', 'owner_kind', 'viewer_organisations', 'owner_organisations',
  'status', 'articles', 'grants',
];

/** @param {AccessMatrix} matrix */
export function matrixCsv(matrix) {
  const decide = decider(matrix);
  const lead = [matrix.day, matrix.region ?? '', matrix.purpose ?? ''];
  const columns = matrix.columns.map((column) => ({ column, organisations: columnOrganisations(matrix, column) }));
  /** @type {string[][]} */
  const lines = [MATRIX_CSV_COLUMNS];
  for (const group of fieldGroups(matrix)) {
    for (const row of group.fields) {
      for (const { column, organisations } of columns) {
        const decision = decide(row, column);
        lines.push([
          ...lead, group.name, row.coordinate, column.viewerKind, column.ownerKind, organisations.viewers.join('; '), organisations.owners.join('; '),
          decision.status, decision.grants.map(articleOf).join('; '), decision.grants.map((grant) => grant.id).join(' '),
        ]);
      }
    }
  }
  return `${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** @param {AccessMatrix} matrix */
export function matrixCsvName(matrix) {
  return `access-matrix-${[matrix.day, matrix.region, matrix.purpose].filter(Boolean).join('-')}.csv`;
}
