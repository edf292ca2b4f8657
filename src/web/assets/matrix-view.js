// @ts-check
// Who may see what at a date. The access matrix by data category (matrix-table.js), with a CSV download
// made in the page from the data shown and a print layout of the table alone; the picture of who shares
// with whom, organisation by organisation (sharing-picture.js); then the acts, the grants the cells cite
// and each agreement's worked examples (matrix-cited.js). Rendered with preact into #matrix-output.
import { render } from 'preact';
import { byId, fillSelect } from './dom.js';
import { today } from './dates.js';
import { html } from './html.js';
import { MATRIX_QUERY } from './queries.js';
import { filterWords } from './matrix-model.js';
import { matrixCsv, matrixCsvName } from './matrix-csv.js';
import { MatrixTable } from './matrix-table.js';
import { SharingPicture } from './sharing-picture.js';
import { ActsTable, AgreementList, GrantList } from './matrix-cited.js';

/** @import { Request } from './graphql.js' */
/** @import { ConsoleOptions } from './queries.js' */
/** @import { AccessMatrix } from './matrix-queries.js' */

/**
 * @param {object} context
 * @param {Request} context.request
 * @param {ConsoleOptions} context.options
 * @param {(error: unknown) => void} context.reportError
 * @param {() => void} context.clearError
 */
export function createMatrixView({ request, options, reportError, clearError }) {
  const date = byId('matrix-date', HTMLInputElement);
  const region = byId('matrix-region', HTMLSelectElement);
  const purpose = byId('matrix-purpose', HTMLSelectElement);
  const output = byId('matrix-output', HTMLElement);
  /** @type {Map<string, string>} */
  const regions = new Map();
  for (const agreement of options.agreements) for (const r of agreement.regions) regions.set(r.id, r.name);
  for (const agency of options.agencies) if (agency.region) regions.set(agency.region.id, agency.region.name);
  /** @type {Map<string, string>} */
  const purposes = new Map(options.agreements.flatMap((agreement) => agreement.purposes.map((p) => [p.code, p.description])));
  fillSelect(region, [...regions].sort().map(([id, name]) => ({ value: id, label: `${name} (${id})` })), 'Any region');
  // An officer asks first about its own region: the matrix opens on it (fewer columns, no sideways
  // scroll); "Any region" is one keypress away.
  region.value = options.agencies.find((agency) => agency.id === options.me.agency.id)?.region?.id ?? '';
  fillSelect(purpose, [...purposes].sort().map(([code]) => ({ value: code, label: code })), 'Any purpose');
  date.value = today();
  /** The CSV of the matrix shown: a blob of this page, revoked when the next matrix replaces it. */
  let csvUrl = /** @type {string | null} */ (null);

  async function load() {
    const { accessMatrix } = await request(MATRIX_QUERY, { at: date.value, region: region.value || null, purpose: purpose.value || null });
    if (csvUrl) window.URL.revokeObjectURL(csvUrl);
    csvUrl = window.URL.createObjectURL(new window.Blob([matrixCsv(accessMatrix)], { type: 'text/csv;charset=utf-8' }));
    render(html`<${MatrixOutput} matrix=${accessMatrix} csvUrl=${csvUrl} />`, output);
  }

  byId('matrix-form', HTMLFormElement).addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError();
    try { await load(); } catch (error) { reportError(error); }
  });
  return { load };
}

/** @param {{ matrix: AccessMatrix, csvUrl: string }} props */
function MatrixOutput({ matrix, csvUrl }) {
  const filter = filterWords(matrix);
  const shared = matrix.rows.filter((row) => !row.ownerOnly && row.cells.length > 0).length;
  return html`
    <p id="matrix-summary">${`${shared} fields are shared between ${matrix.columns.length} viewer/owner pairs ${filter}. Every other pair and field: denied.`}</p>
    <section id="sharing" class="no-print" aria-labelledby="sharing-title">
      <h3 id="sharing-title">Who shares with whom</h3>
      <${SharingPicture} matrix=${matrix} filter=${filter} />
    </section>
    <section id="matrix-by-category" aria-labelledby="matrix-by-category-title">
      <h3 id="matrix-by-category-title">The matrix by data category</h3>
      <div class="actions no-print">
        <a class="button secondary" id="matrix-csv" href=${csvUrl} download=${matrixCsvName(matrix)}>Download the matrix as CSV</a>
        ${' '}<button type="button" id="matrix-print" onClick=${() => window.print()}>Print the matrix</button>
      </div>
      ${matrix.columns.length === 0
        ? html`<p>No field of any agency's records is shared with another agency ${filter}.</p>`
        : html`<${MatrixTable} matrix=${matrix} />`}
    </section>
    <div class="no-print">
      <h3>Acts</h3>
      <${ActsTable} acts=${matrix.acts} filter=${filter} />
      <h3>Grants cited</h3>
      <${GrantList} grants=${matrix.grants} />
      <h3>Agreements and their worked examples</h3>
      <${AgreementList} agreements=${matrix.agreements} />
      <details><summary>${`Public to every authenticated caller (${matrix.publicCoordinates.length} fields)`}</summary><p>${matrix.publicCoordinates.join(', ')}</p></details>
    </div>`;
}
