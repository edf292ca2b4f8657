// @ts-check
// CSV for a spreadsheet, as the console's exports (audit-csv.js, matrix-csv.js) write it.

/**
 * One CSV cell: quoted when it must be, and a value a spreadsheet would run as a formula (=, +, -, @
 * first) gets a leading apostrophe: search terms are what a caller typed, covenant text what an author wrote.
 * @param {string} value
 */
export function csvCell(value) {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
