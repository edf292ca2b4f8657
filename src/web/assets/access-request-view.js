// @ts-check
// A person's access request (AVG article 15): for a BSN and a period, every entry of the trail in the
// officer's scope, each with its basis and proof, as a report to print and as JSON to download (the form
// `npm run audit:check-proof` checks). The BSN is sent with each page and dropped once the report is made.
import { byId, facts, h, show } from './dom.js';
import { formatInstant, nextDay, startOfDay } from './dates.js';
import { ACCESS_REQUEST_QUERY } from './queries.js';
import { buildAccessReport } from './access-report-json.js';

/** @import { Request } from './graphql.js' */
/** @import { AccessRequestDecision, AccessRequestEntry, AccessRequestPage } from './access-request-queries.js' */

/** Pages of 50 loaded at most for one report: beyond that, the command line makes it. */
const MAX_PAGES = 40;

/**
 * @param {object} context
 * @param {Request} context.request
 * @param {(error: unknown) => void} context.reportError
 * @param {() => void} context.clearError
 */
export function createAccessRequestView({ request, reportError, clearError }) {
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
    render(first, entries, after !== null);
  }

  /**
   * @param {AccessRequestPage} first
   * @param {AccessRequestEntry[]} entries
   * @param {boolean} cut More entries than the console loads: say so.
   */
  function render(first, entries, cut) {
    const report = buildAccessReport(first, entries, new Date());
    const counts = first.counts;
    // A blob of this page, not a request: the download works offline and holds exactly what is shown.
    if (downloadUrl) window.URL.revokeObjectURL(downloadUrl);
    downloadUrl = window.URL.createObjectURL(new window.Blob([`${JSON.stringify(report, null, 2)}\n`], { type: 'application/json' }));
    const download = h('a', { class: 'button secondary', id: 'access-download', download: `access-request-${first.organisation}-${first.from.slice(0, 10)}.json`,
      href: downloadUrl }, 'Download as JSON');
    show(output,
      h('div', { class: 'no-print actions' }, h('button', { type: 'button', onclick: () => window.print() }, 'Print the report'), ' ', download),
      h('article', { id: 'access-report', 'aria-labelledby': 'access-report-title' },
        h('h3', { id: 'access-report-title', tabindex: '-1' }, 'Access request (AVG article 15)'),
        facts([
          ['Organisation', `${first.organisation} (entries where it saw, or where its records were seen)`],
          ['Person', `${first.subject} (pseudonym in the audit trail)`],
          ['Period', `${formatInstant(first.from)} up to ${formatInstant(first.to)}`],
          ['Made', formatInstant(report.madeAt)],
          ['Anchor', first.anchor ? `${first.anchor.seq}:${first.anchor.hash}` : 'none (no entries)'],
          ['Entries', counts ? `${counts.entries}${counts.complete ? '' : ' (at least)'}, by ${counts.organisations} organisation(s); ${counts.organisationsThatSaw} saw any field` : String(entries.length)],
        ]),
        cut ? h('p', { class: 'notice' }, `Only the first ${entries.length} entries are shown; make the whole report with npm run audit:access-request.`) : null,
        counts && counts.byOrganisation.length > 0 ? h('table', { id: 'access-organisations' }, h('caption', {}, 'By organisation'),
          h('thead', {}, h('tr', {}, ['Organisation', 'Entries', 'Entries that released a field'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, counts.byOrganisation.map((c) => h('tr', {}, h('th', { scope: 'row' }, c.agencyId), h('td', {}, c.entries), h('td', {}, c.entriesWithFieldsReleased))))) : null,
        entries.length === 0 ? h('p', { id: 'access-count' }, 'No entries.') : h('table', { id: 'access-table' },
          h('caption', { id: 'access-count' }, `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}: who saw what, when, why, and on which basis`),
          h('thead', {}, h('tr', {}, ['When', 'Who', 'Purpose', 'What', 'Basis', 'Proof'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, entries.map(row))),
        h('h4', {}, 'How to check it'),
        h('p', {}, 'Each entry\'s proof is in the JSON download. ', h('code', {}, `npm run audit:check-proof -- report.json --anchor ${first.anchor ? first.anchor.seq : '<seq>'}:<hash>`),
          ' checks every proof against an anchor recorded outside the trail and says which entries hold.')));
    byId('access-report-title', HTMLElement).focus();
  }

  byId('access-form', HTMLFormElement).addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError();
    try { await make(); } catch (error) { reportError(error); }
  });
  return { make };
}

/** @param {AccessRequestEntry} entry */
function row(entry) {
  const { viewer } = entry;
  return h('tr', {},
    h('th', { scope: 'row' }, formatInstant(entry.time), h('br'), h('span', { class: 'hint' }, `to ${formatInstant(entry.endTime)}`)),
    h('td', {}, viewer.agencyId, h('br'), `${viewer.role}, user ${viewer.userId}`, viewer.responsibleUserId ? [h('br'), `for ${viewer.responsibleUserId}`] : null,
      viewer.accessPoint ? [h('br'), `via ${viewer.accessPoint}`] : null),
    h('td', {}, entry.purpose, h('br'), h('span', { class: 'hint' }, entry.processingActivity)),
    h('td', {}, `${entry.entityType ?? entry.kind.toLowerCase().replace('_', ' ')}${entry.ownerAgencyId ? ` of ${entry.ownerAgencyId}` : ''}`, h('br'),
      entry.relation === 'SUBJECT' ? 'about the person' : 'about the person\'s household', h('br'),
      `released: ${entry.fieldsReleased.join(', ') || '-'}`, h('br'), `withheld: ${entry.fieldsWithheld.join(', ') || '-'}`),
    h('td', {}, entry.decisions.length ? h('ul', { class: 'decisions' }, entry.decisions.map(basis)) : 'no field decided (a search or a reading of the trail)'),
    h('td', {}, entry.proof ? [`entry ${entry.seq}, request ${entry.requestSeq}`, h('br'), `leaf ${entry.proof.leafIndex + 1} of ${entry.proof.treeSize}`] : 'none: after the anchor'));
}

/** @param {AccessRequestDecision} decision */
function basis(decision) {
  const ground = decision.agreementKey ? `${decision.agreementKey} ${decision.article ?? ''}`.trim()
    : decision.reason === 'OWNER' ? 'own record' : decision.reason === 'PUBLIC' ? 'public field' : 'no agreement';
  return h('li', {}, `${decision.coordinate}: ${decision.effect === 'ALLOW' ? 'released' : 'withheld'}, ${ground}${decision.ruleId ? ` (rule ${decision.ruleId})` : ''}`);
}
