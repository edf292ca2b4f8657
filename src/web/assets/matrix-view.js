// @ts-check
// The access matrix as a colour grid: a real table with row and column headers; each cell says allowed,
// denied or owner only in words and with a symbol, and cites agreement and article; then the acts one
// organisation may make towards another, with what travels; the grants cited, with their conditions and
// parties, and each agreement's worked examples follow.
import { byId, facts, fillSelect, h, mark, show } from './dom.js';
import { today } from './dates.js';
import { MATRIX_QUERY } from './queries.js';

/** @import { Request } from './graphql.js' */
/** @import { AccessMatrix, ConsoleOptions, MatrixAct, MatrixAgreement, MatrixColumn, MatrixGrant } from './queries.js' */

/** @param {string} grantId */
const anchor = (grantId) => `grant-${grantId.replace(/[^A-Za-z0-9_-]/g, '-')}`;

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
  fillSelect(purpose, [...purposes].sort().map(([code]) => ({ value: code, label: code })), 'Any purpose');
  date.value = today();

  async function load() {
    const { accessMatrix } = await request(MATRIX_QUERY, { at: date.value, region: region.value || null, purpose: purpose.value || null });
    render(accessMatrix);
  }

  /** @param {AccessMatrix} matrix */
  function render(matrix) {
    const grants = new Map(matrix.grants.map((grant) => [grant.id, grant]));
    const rows = matrix.rows.filter((row) => row.ownerOnly || row.cells.length > 0);
    const unshared = matrix.rows.filter((row) => !row.ownerOnly && row.cells.length === 0);
    const filter = `on ${matrix.day}, ${matrix.region ? `region ${matrix.region}` : 'any region'}, ${matrix.purpose ? `purpose ${matrix.purpose}` : 'any purpose'}`;
    /** @param {MatrixColumn} column */
    const label = (column) => `${column.viewerKind} reads ${column.ownerKind}`;
    /**
     * @param {AccessMatrix['rows'][number]} row
     * @param {MatrixColumn} column
     */
    const cell = (row, column) => {
      if (row.ownerOnly) return h('td', { class: 'owner-only' }, mark('owner-only'));
      const found = row.cells.find((c) => c.viewerKind === column.viewerKind && c.ownerKind === column.ownerKind);
      if (!found) return h('td', { class: 'denied' }, mark('denied'));
      return h('td', { class: 'allowed' }, mark('allowed'), found.grantIds.map((id) => {
        const grant = grants.get(id);
        return [h('br'), h('a', { href: `#${anchor(id)}` }, grant ? `${grant.agreement.key} ${grant.agreement.article}` : id)];
      }));
    };
    const table = matrix.columns.length === 0
      ? h('p', {}, `No field of any agency's records is shared with another agency ${filter}.`)
      : h('div', { class: 'scroll', role: 'region', 'aria-label': 'Access matrix table', tabindex: '0' },
        h('table', { id: 'matrix-table' },
          h('caption', {}, `Who may read which field of whose records, ${filter}`),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), matrix.columns.map((column) => h('th', { scope: 'col' }, label(column))))),
          h('tbody', {}, rows.map((row) => h('tr', {}, h('th', { scope: 'row' }, row.coordinate), matrix.columns.map((column) => cell(row, column)))))));
    show(output,
      h('p', { id: 'matrix-summary' }, `${rows.filter((r) => !r.ownerOnly).length} fields are shared between ${matrix.columns.length} viewer/owner pairs ${filter}. Every other pair and field: denied.`),
      table,
      h('h3', {}, 'Acts'),
      matrix.acts.length === 0 ? h('p', {}, `No act between organisations ${filter}.`) : actsTable(matrix.acts, filter),
      h('h3', {}, 'Not shared with any other agency under these filters'),
      h('p', {}, unshared.length ? unshared.map((row) => row.coordinate).join(', ') : 'None.'),
      h('h3', {}, 'Grants cited'),
      matrix.grants.length ? h('dl', { class: 'grants' }, matrix.grants.map(grantEntry)) : h('p', {}, 'None.'),
      h('h3', {}, 'Agreements and their worked examples'),
      matrix.agreements.length ? matrix.agreements.map(agreementEntry) : h('p', {}, 'None in force under these filters.'),
      h('details', {}, h('summary', {}, `Public to every authenticated caller (${matrix.publicCoordinates.length} fields)`), h('p', {}, matrix.publicCoordinates.join(', '))));
  }

  byId('matrix-form', HTMLFormElement).addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError();
    try { await load(); } catch (error) { reportError(error); }
  });
  return { load };
}

/**
 * One row per act and grant that may allow it: who sends to whom, what travels, under which article and when.
 * @param {MatrixAct[]} acts
 * @param {string} filter
 */
function actsTable(acts, filter) {
  return h('div', { class: 'scroll', role: 'region', 'aria-label': 'Acts table', tabindex: '0' },
    h('table', { id: 'matrix-acts' },
      h('caption', {}, `Which organisation may hand over, refer, answer or give feedback to which, and what travels, ${filter}`),
      h('thead', {}, h('tr', {}, ['Act', 'Sender', 'Receiver', 'Purpose', 'Fields that travel', 'Allowed under', 'Only when'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, acts.flatMap((act) => act.grants.map((grant) => h('tr', {},
        h('th', { scope: 'row' }, act.referralKind ? `${act.act} (${act.referralKind})` : act.act),
        h('td', {}, `${act.sender.id} (${act.sender.kind})`), h('td', {}, `${act.receiver.id} (${act.receiver.kind})`), h('td', {}, act.purpose),
        h('td', {}, grant.coordinates.length ? grant.coordinates.join(', ') : 'no field (the act itself only)'),
        h('td', {}, `${grant.basis} (${grant.ruleId})`),
        h('td', {}, grant.conditions.length ? grant.conditions.join('; and ') : 'always')))))));
}

/** @param {MatrixGrant} grant */
function grantEntry(grant) {
  const parties = grant.parties.map((p) => `${p.kind}: ${p.agencyIds ? p.agencyIds.join(', ') : `every ${p.kind}`}`).join('; ');
  return [
    h('dt', { id: anchor(grant.id), tabindex: '-1' }, `${grant.agreement.key} ${grant.agreement.article} (${grant.ruleId}): ${grant.title}`),
    h('dd', {}, facts([
      ['Purposes', grant.purposes.join(', ')],
      ['Agreement regions', grant.regions.join(', ')],
      ['Parties', parties],
      ['Validity', grant.validity.toLowerCase().replaceAll('_', ' ')],
      ['Only when', grant.conditions.length ? h('ul', {}, grant.conditions.map((c) => h('li', {}, c))) : 'always'],
    ])),
  ];
}

/** @param {MatrixAgreement} agreement */
function agreementEntry(agreement) {
  const validity = `${agreement.validFrom} to ${agreement.validTo ?? 'open'}${agreement.tacitRenewal ? ', renewed tacitly' : ''}`;
  return h('section', { class: 'agreement', 'aria-label': agreement.key },
    h('h4', {}, `${agreement.key}: ${agreement.title}`),
    h('p', {}, `Valid ${validity}. Worked examples, each run by the test suite:`),
    agreement.examples.length === 0 ? h('p', {}, 'None.') : h('table', {},
      h('caption', {}, `Examples of ${agreement.key}`),
      h('thead', {}, h('tr', {}, ['Example', 'Viewer', 'Owner', 'Field', 'Purpose', 'Date', 'Expected'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, agreement.examples.map((example) => h('tr', {},
        h('th', { scope: 'row' }, example.name), h('td', {}, example.viewer.agencyId), h('td', {}, example.owner.agencyId),
        h('td', {}, example.coordinate), h('td', {}, example.purpose), h('td', {}, example.date),
        h('td', { class: example.expected === 'allow' ? 'allowed' : 'denied' }, mark(example.expected === 'allow' ? 'allowed' : 'denied', example.expected), example.reason ? ` (${example.reason})` : ''))))));
}
