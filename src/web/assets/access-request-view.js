// @ts-check
// A person's access request (AVG article 15): for a BSN and a period, every entry of the trail in the
// officer's scope, each with its basis and proof, as a report to print and as JSON to download (the form
// `npm run audit:check-proof` checks). The BSN is sent with each page and dropped once the report is made.
import { render } from 'preact';
import { html } from './html.js';
import { byId } from './dom.js';
import { nextDay, startOfDay } from './dates.js';
import { ACCESS_REQUEST_QUERY } from './queries.js';
import { buildAccessReport } from './access-report-json.js';
import { AccessReport } from './access-report.js';

/** @import { Request } from './graphql.js' */
/** @import { ConsoleOptions } from './queries.js' */
/** @import { AccessRequestEntry, AccessRequestPage } from './access-request-queries.js' */

/** Pages of 50 loaded at most for one report: beyond that, the command line makes it. */
const MAX_PAGES = 40;

/**
 * @param {object} context
 * @param {Request} context.request
 * @param {ConsoleOptions} context.options The agencies, to name them beside their ids.
 * @param {(error: unknown) => void} context.reportError
 * @param {() => void} context.clearError
 */
export function createAccessRequestView({ request, options, reportError, clearError }) {
  const names = new Map(options.agencies.map((agency) => [agency.id, agency.name]));
  /** @param {string} id */
  const nameOf = (id) => (names.has(id) ? `${names.get(id)} (${id})` : id);
  const output = byId('access-output', HTMLElement);
  const bsnInput = byId('access-bsn', HTMLInputElement);
  const fromInput = byId('access-from', HTMLInputElement);
  const toInput = byId('access-to', HTMLInputElement);
  const anchorInput = byId('access-anchor', HTMLInputElement);
  /** @type {string | null} */
  let downloadUrl = null;

  async function make() {
    const bsn = bsnInput.value.trim();
    // The BSN leaves the form as soon as it is read.
    bsnInput.value = '';
    const variables = {
      bsn, from: startOfDay(fromInput.value), to: startOfDay(nextDay(toInput.value)), anchorSeq: anchorInput.value.trim() || null,
    };
    /** @type {AccessRequestPage | null} */
    let first = null;
    /** @type {AccessRequestEntry[]} */
    const entries = [];
    /** @type {string | null} */
    let after = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      /** @type {AccessRequestPage} */
      const accessRequest = (await request(ACCESS_REQUEST_QUERY, { ...variables, after, firstPage: first === null })).accessRequest;
      first ??= accessRequest;
      entries.push(...accessRequest.edges.map((edge) => edge.node));
      after = accessRequest.pageInfo.hasNextPage ? accessRequest.pageInfo.endCursor : null;
      if (!after) break;
    }
    if (!first) return;
    show(first, entries, after !== null);
  }

  /**
   * @param {AccessRequestPage} first
   * @param {AccessRequestEntry[]} entries
   * @param {boolean} cut More entries than the console loads: say so.
   */
  function show(first, entries, cut) {
    const report = buildAccessReport(first, entries, new Date());
    // A blob of this page, not a request: the download works offline and holds exactly what is shown.
    if (downloadUrl) window.URL.revokeObjectURL(downloadUrl);
    downloadUrl = window.URL.createObjectURL(new window.Blob([`${JSON.stringify(report, null, 2)}\n`], { type: 'application/json' }));
    render(html`<${AccessReport} first=${first} entries=${entries} cut=${cut} madeAt=${report.madeAt} downloadUrl=${downloadUrl} nameOf=${nameOf} />`, output);
    byId('access-report-title', HTMLElement).focus();
  }

  byId('access-form', HTMLFormElement).addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError();
    try { await make(); } catch (error) { reportError(error); }
  });
  return { make };
}

