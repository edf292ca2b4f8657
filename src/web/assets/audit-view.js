// @ts-check
// Who saw what: a search of the audit trail with what it adds up to (totals, accesses over time, withheld
// fields by reason: the gateway's auditSummary, so no page need be loaded for them), then its entries a
// page at a time under the request they belong to: who (organisation by name), why, when, which
// operation and trace, each entry's released and withheld fields with one Explain per legal basis. A
// trace can be followed on its own, and the whole search downloaded as CSV.
import { render } from 'preact';
import { byId, fillSelect } from './dom.js';
import { formatInstant, nextDay, startOfDay, today } from './dates.js';
import { html } from './html.js';
import { AUDIT_QUERY, AUDIT_SUMMARY_QUERY } from './audit-queries.js';
import { groupByRequest, groupDecisions, plural, subjectLine } from './audit-requests.js';
import { AccessesOverTime, RedactionsByReason } from './audit-chart.js';
import { auditCsv, CSV_MAX_ENTRIES, download, readForCsv } from './audit-csv.js';

/** @import { Request } from './graphql.js' */
/** @import { ConsoleOptions } from './queries.js' */
/** @import { AuditEntry, AuditEntryKind, AuditFilter, AuditSummary, AuditTrail } from './audit-queries.js' */
/** @import { RequestGroup } from './audit-requests.js' */

/** The largest page the gateway gives: the CSV export reads the search in pages of it. */
const EXPORT_PAGE = 500;
const OUTCOMES = { RELEASED: 'released', PARTIALLY_RELEASED: 'partially released', WITHHELD: 'withheld', NOT_FOUND: 'not found', ERROR: 'error' };

/**
 * @typedef {object} Shown
 * @property {AuditFilter} filter
 * @property {AuditFilter | null} beforeTrace The search to go back to while one trace is shown.
 * @property {AuditSummary} summary
 * @property {AuditEntry[]} entries The page shown.
 * @property {(string | null)[]} starts The `after` cursor of each page up to the one shown.
 * @property {AuditTrail['pageInfo']} pageInfo
 * @property {number} pageSize
 */

/**
 * @param {object} context
 * @param {Request} context.request
 * @param {ConsoleOptions} context.options
 * @param {(error: unknown) => void} context.reportError
 * @param {() => void} context.clearError
 * @param {(decisionId: string) => void} context.explain Shows the explain view for a decision.
 */
export function createAuditView({ request, options, reportError, clearError, explain }) {
  const output = byId('audit-output', HTMLElement);
  const bsnInput = byId('audit-bsn', HTMLInputElement);
  const pseudonymInput = byId('audit-pseudonym', HTMLInputElement);
  const viewerSelect = byId('audit-viewer', HTMLSelectElement);
  const ownerSelect = byId('audit-owner', HTMLSelectElement);
  const agreementSelect = byId('audit-agreement', HTMLSelectElement);
  const kindSelect = byId('audit-kind', HTMLSelectElement);
  const fromInput = byId('audit-from', HTMLInputElement);
  const toInput = byId('audit-to', HTMLInputElement);
  const pageSizeInput = byId('audit-page-size', HTMLInputElement);
  const names = new Map(options.agencies.map((agency) => [agency.id, agency.name]));
  /** @param {string} agencyId */
  const nameOf = (agencyId) => names.get(agencyId) ?? agencyId;
  const agencies = [...options.agencies].sort((a, b) => a.name.localeCompare(b.name)).map((a) => ({ value: a.id, label: a.name }));
  fillSelect(viewerSelect, agencies, 'Any viewer');
  fillSelect(ownerSelect, agencies, 'Any owner');
  fillSelect(agreementSelect, options.agreements.map((a) => ({ value: a.key, label: a.key })), 'Any agreement');
  /** @type {Shown | null} */
  let shown = null;
  let busy = '';

  /** @returns {AuditFilter} */
  function readFilter() {
    /** @param {HTMLInputElement | HTMLSelectElement} control */
    const value = (control) => control.value.trim() || undefined;
    const bsn = value(bsnInput);
    const fromDay = value(fromInput);
    const toDay = value(toInput);
    // The BSN leaves the form once it is sent; the gateway pseudonymises it.
    bsnInput.value = '';
    /** @type {AuditFilter} */
    const given = {
      subjectBsn: bsn, subjectPseudonym: bsn ? undefined : value(pseudonymInput), viewerAgencyId: value(viewerSelect),
      ownerAgencyId: value(ownerSelect), agreementKey: value(agreementSelect), kind: /** @type {AuditEntryKind | undefined} */ (value(kindSelect)),
      from: fromDay ? startOfDay(fromDay) : undefined, to: toDay ? startOfDay(nextDay(toDay)) : undefined,
    };
    return /** @type {AuditFilter} */ (Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)));
  }

  function readPageSize() {
    const size = Number(pageSizeInput.value);
    return Number.isInteger(size) && size >= 1 && size <= EXPORT_PAGE ? size : 50;
  }

  /**
   * A search afresh: its summary and first page together.
   * @param {AuditFilter} filter
   * @param {AuditFilter | null} beforeTrace
   */
  async function search(filter, beforeTrace) {
    const pageSize = readPageSize();
    const [{ auditSummary }, { auditEntries }] = await Promise.all([
      request(AUDIT_SUMMARY_QUERY, { filter }),
      request(AUDIT_QUERY, { filter, first: pageSize, after: null }),
    ]);
    shown = { filter, beforeTrace, summary: auditSummary, entries: auditEntries.edges.map((e) => e.node), starts: [null], pageInfo: auditEntries.pageInfo, pageSize };
    update();
  }

  /** @param {1 | -1} step */
  async function turn(step) {
    if (!shown) return;
    const starts = step === 1 ? [...shown.starts, shown.pageInfo.endCursor] : shown.starts.slice(0, -1);
    const { auditEntries } = await request(AUDIT_QUERY, { filter: shown.filter, first: shown.pageSize, after: starts.at(-1) ?? null });
    shown = { ...shown, starts, entries: auditEntries.edges.map((e) => e.node), pageInfo: auditEntries.pageInfo };
    update();
  }

  async function exportCsv() {
    if (!shown) return;
    const { filter } = shown;
    const { entries, truncated } = await readForCsv(async (after) => {
      /** @type {{ auditEntries: AuditTrail }} */
      const page = await request(AUDIT_QUERY, { filter, first: EXPORT_PAGE, after });
      return { entries: page.auditEntries.edges.map((e) => e.node), ...page.auditEntries.pageInfo };
    }, (read) => {
      busy = `Reading the search for the CSV: ${plural(read, 'entry', 'entries')} so far.`;
      update();
    });
    download(auditCsv(entries, nameOf), `audit-trail-${today()}.csv`);
    busy = truncated
      ? `Downloaded the oldest ${plural(entries.length, 'entry', 'entries')} as CSV; the search holds more: narrow it, or use npm run audit:export.`
      : `Downloaded ${plural(entries.length, 'entry', 'entries')} as CSV.`;
    update();
  }

  /** @param {() => Promise<void>} work */
  const run = (work) => () => {
    clearError();
    work().catch((error) => {
      busy = '';
      update();
      reportError(error);
    });
  };

  function update() {
    render(shown ? html`<${Results} shown=${shown} busy=${busy} nameOf=${nameOf} explain=${explain}
      onTrace=${(/** @type {string} */ traceId) => run(() => search({ traceId }, shown?.beforeTrace ?? shown?.filter ?? null))()}
      onBack=${run(() => (shown?.beforeTrace ? search(shown.beforeTrace, null) : Promise.resolve()))}
      onTurn=${(/** @type {1 | -1} */ step) => run(() => turn(step))()} onExport=${run(exportCsv)} />` : null, output);
  }

  byId('audit-form', HTMLFormElement).addEventListener('submit', (event) => {
    event.preventDefault();
    busy = '';
    run(() => search(readFilter(), null))();
  });
  return { search: () => search(readFilter(), null) };
}

/**
 * @param {object} props
 * @param {Shown} props.shown
 * @param {string} props.busy
 * @param {(agencyId: string) => string} props.nameOf
 * @param {(decisionId: string) => void} props.explain
 * @param {(traceId: string) => void} props.onTrace
 * @param {() => void} props.onBack
 * @param {(step: 1 | -1) => void} props.onTurn
 * @param {() => void} props.onExport
 */
function Results({ shown, busy, nameOf, explain, onTrace, onBack, onTurn, onExport }) {
  const { summary, entries, filter } = shown;
  const first = (shown.starts.length - 1) * shown.pageSize + 1;
  const counted = summary.entries === 0 ? '0 entries.'
    : `${plural(summary.entries, 'entry', 'entries')} in ${plural(summary.requests, 'request')} by ${plural(summary.organisations, 'organisation')}`
      + `${summary.complete ? '' : ' (the gateway counted the oldest 10,000)'}; showing ${first} to ${first + entries.length - 1}.`;
  return html`
    ${filter.traceId ? html`<p id="audit-trace-status" class="notice">Showing only the requests of trace <code>${filter.traceId}</code>.
      <button type="button" class="secondary" onClick=${onBack}>Back to the search</button></p>` : null}
    <p id="audit-count">${counted}</p>
    ${summary.entries === 0 ? null : html`
      <${Totals} summary=${summary} />
      <div class="audit-charts">
        <${AccessesOverTime} summary=${summary} nameOf=${nameOf} />
        <${RedactionsByReason} reasons=${summary.redactionsByReason} />
      </div>`}
    ${entries.length === 0 ? null : html`
      <h3>Entries by request</h3>
      <div class="actions">
        <button type="button" id="audit-csv" class="secondary" onClick=${onExport}>Download the search as CSV (every page, up to ${CSV_MAX_ENTRIES.toLocaleString('en')} entries)</button>
        <span id="audit-busy" class="hint" role="status">${busy}</span>
      </div>
      <${Pager} shown=${shown} onTurn=${onTurn} position="top" />
      <div class="scroll" role="region" aria-label="Audit trail entries by request" tabindex="0">
        <table id="audit-table">
          <caption>Audit trail entries by request, oldest first</caption>
          <thead><tr>${['Record', 'Owner', 'Released', 'Withheld', 'Legal basis'].map((t) => html`<th scope="col">${t}</th>`)}</tr></thead>
          ${groupByRequest(entries).map((group) => html`<${RequestRows} group=${group} nameOf=${nameOf} explain=${explain} onTrace=${onTrace} tracing=${Boolean(filter.traceId)} />`)}
        </table>
      </div>
      <${Pager} shown=${shown} onTurn=${onTurn} position="bottom" />`}`;
}

/** @param {{ summary: AuditSummary }} props */
function Totals({ summary }) {
  const outcomes = summary.byOutcome.map((o) => `${OUTCOMES[o.outcome]} ${o.entries}`).join(', ');
  return html`
    <section aria-labelledby="audit-totals-title">
      <h3 id="audit-totals-title">Totals</h3>
      <dl id="audit-totals" class="facts totals">
        <dt>Entries</dt><dd>${summary.entries}</dd>
        <dt>Requests</dt><dd>${summary.requests}</dd>
        <dt>Organisations that viewed</dt><dd>${summary.organisations}</dd>
        <dt>Fields released</dt><dd>${summary.fieldsReleased}</dd>
        <dt>Fields withheld</dt><dd>${summary.fieldsWithheld}</dd>
        <dt>Entries by outcome</dt><dd>${outcomes}</dd>
      </dl>
    </section>`;
}

/** @param {{ shown: Shown, onTurn: (step: 1 | -1) => void, position: string }} props */
function Pager({ shown, onTurn, position }) {
  const page = shown.starts.length;
  const pages = shown.summary.complete ? Math.max(1, Math.ceil(shown.summary.entries / shown.pageSize)) : null;
  return html`
    <nav class="pager" aria-label=${`Pages of entries (${position})`}>
      <button type="button" class="secondary" disabled=${page === 1} onClick=${() => onTurn(-1)}>Previous page</button>
      <span>Page ${page}${pages && page <= pages ? ` of ${pages}` : ''}</span>
      <button type="button" class="secondary" disabled=${!shown.pageInfo.hasNextPage} onClick=${() => onTurn(1)}>Next page</button>
    </nav>`;
}

/**
 * One request: a heading row (who, why, when, operation, trace), then a row per entry.
 * @param {{ group: RequestGroup, nameOf: (id: string) => string, explain: (id: string) => void, onTrace: (traceId: string) => void, tracing: boolean }} props
 */
function RequestRows({ group, nameOf, explain, onTrace, tracing }) {
  const { first } = group;
  return html`
    <tbody class="request" data-request=${group.requestSeq} data-trace=${first.traceId}>
      <tr class="request-head">
        <th scope="rowgroup" colspan="5">
          <strong>${nameOf(first.viewer.agencyId)}</strong>, ${first.viewer.role} (user ${first.viewer.userId}),
          for <strong>${first.purpose}</strong>, ${formatInstant(first.time)}
          <span class="hint"> · ${first.operationName ?? 'unnamed operation'} · request ${group.requestSeq} · ${plural(group.entries.length, 'entry', 'entries')}</span>
          <br /><span class="hint">trace </span><code class="trace">${first.traceId}</code>
          ${tracing ? null : html` <button type="button" class="secondary small" aria-label=${`Only this trace (${first.traceId})`} onClick=${() => onTrace(first.traceId)}>Only this trace</button>`}
        </th>
      </tr>
      ${group.entries.map((entry) => html`<${EntryRow} entry=${entry} nameOf=${nameOf} explain=${explain} />`)}
    </tbody>`;
}

/** @param {{ entry: AuditEntry, nameOf: (id: string) => string, explain: (id: string) => void }} props */
function EntryRow({ entry, nameOf, explain }) {
  const decisions = groupDecisions(entry.decisions);
  return html`
    <tr>
      <th scope="row">
        ${entry.entityType ?? entry.kind.toLowerCase().replace('_', ' ')}
        ${entry.subject ? html`<br /><span class="hint">${subjectLine(entry.subject, entry.relatedSubjects)}</span>` : null}
        <br /><span class="hint">#${entry.seq} ${entry.kind.toLowerCase().replace('_', ' ')}, ${OUTCOMES[entry.outcome]}</span>
      </th>
      <td>${entry.ownerAgencyId ? nameOf(entry.ownerAgencyId) : '(search)'}</td>
      <td class="fields">${entry.fieldsReleased.join(', ') || '-'}</td>
      <td class="fields">${entry.fieldsWithheld.join(', ') || '-'}</td>
      <td>${decisions.length ? html`<ul class="decisions">${decisions.map((group) => html`
        <li>
          <span class=${`mark ${group.allowed ? 'allowed' : 'denied'}`}><span aria-hidden="true">${group.allowed ? '\u2713' : '\u2717'}</span> ${group.allowed ? 'released' : 'withheld'}</span>
          ${` ${group.coordinates.join(', ')}: ${group.basis}${group.allowed ? '' : ` (${group.reason})`}`}
          <button type="button" class="secondary" aria-label=${`Explain the decision on ${group.coordinates[0]}${group.coordinates.length > 1 ? ` and ${group.coordinates.length - 1} more under the same basis` : ''} (${group.decisions[0]?.id})`}
            onClick=${() => { const id = group.decisions[0]?.id; if (id) explain(id); }}>Explain</button>
        </li>`)}</ul>` : searchTerms(entry)}</td>
    </tr>`;
}

/** @param {AuditEntry} entry */
function searchTerms(entry) {
  if (!entry.searchTerms?.length) return '-';
  return html`<dl class="facts">${entry.searchTerms.map((term) => html`<dt>${term.name}</dt><dd>${term.value}</dd>`)}</dl>`;
}
