// @ts-check
// A search of the audit trail: each entry with who, why, whose record, what was released and withheld,
// and per decision its legal basis (agreement and article) with a button to explain it.
import { byId, facts, fillSelect, h, mark, show } from './dom.js';
import { formatInstant, nextDay, startOfDay } from './dates.js';
import { AUDIT_QUERY } from './queries.js';

/** @import { Request } from './graphql.js' */
/** @import { AuditDecision, AuditEntry, AuditTrail, ConsoleOptions } from './queries.js' */

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
  const fromInput = byId('audit-from', HTMLInputElement);
  const toInput = byId('audit-to', HTMLInputElement);
  const agencies = options.agencies.map((a) => ({ value: a.id, label: `${a.name} (${a.id})` }));
  fillSelect(viewerSelect, agencies, 'Any viewer');
  fillSelect(ownerSelect, agencies, 'Any owner');
  fillSelect(agreementSelect, options.agreements.map((a) => ({ value: a.key, label: a.key })), 'Any agreement');
  /**
   * The AuditEntryFilter of the search shown: the fields given.
   * @type {Record<string, string> | null}
   */
  let filter = null;
  /** @type {AuditEntry[]} */
  let entries = [];
  /** @type {AuditTrail['pageInfo'] | null} */
  let pageInfo = null;

  function readFilter() {
    /** @param {HTMLInputElement | HTMLSelectElement} control */
    const value = (control) => control.value.trim() || null;
    const bsn = value(bsnInput);
    const fromDay = value(fromInput);
    const toDay = value(toInput);
    const out = {
      subjectBsn: bsn, subjectPseudonym: bsn ? null : value(pseudonymInput), viewerAgencyId: value(viewerSelect), ownerAgencyId: value(ownerSelect),
      agreementKey: value(agreementSelect), from: fromDay ? startOfDay(fromDay) : null,
      to: toDay ? startOfDay(nextDay(toDay)) : null,
    };
    // The BSN leaves the form once it is sent; the gateway pseudonymises it.
    bsnInput.value = '';
    /** @type {Record<string, string>} */
    const given = {};
    for (const [name, v] of Object.entries(out)) if (v !== null) given[name] = v;
    return given;
  }

  /** @param {boolean} more Load the next page of the same search, rather than search afresh. */
  async function search(more) {
    if (!more) { filter = readFilter(); entries = []; }
    const { auditEntries } = await request(AUDIT_QUERY, { filter, after: more ? pageInfo?.endCursor : null });
    entries = [...entries, ...auditEntries.edges.map((edge) => edge.node)];
    pageInfo = auditEntries.pageInfo;
    render();
  }

  function render() {
    const rows = entries.map((entry) => h('tr', {},
      h('th', { scope: 'row' }, formatInstant(entry.time), h('br'), h('span', { class: 'hint' }, `#${entry.seq} ${entry.kind.toLowerCase().replace('_', ' ')}`)),
      h('td', {}, entry.viewer.agencyId, h('br'), `${entry.viewer.role}, user ${entry.viewer.userId}`),
      h('td', {}, entry.purpose),
      h('td', {}, entry.ownerAgencyId ?? '(search)'),
      h('td', {}, entry.entityType ?? '', entry.subject ? [h('br'), h('span', { class: 'hint' }, subjectLine(entry.subject, entry.relatedSubjects))] : null),
      h('td', {}, entry.fieldsReleased.join(', ') || '-'),
      h('td', {}, entry.fieldsWithheld.join(', ') || '-'),
      h('td', {}, entry.decisions.length ? h('ul', { class: 'decisions' }, entry.decisions.map(decisionItem)) : searchTerms(entry))));
    show(output,
      h('p', { id: 'audit-count' }, `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}${pageInfo?.hasNextPage ? ' so far' : ''}.`),
      entries.length === 0 ? null : h('div', { class: 'scroll', role: 'region', 'aria-label': 'Audit trail entries', tabindex: '0' }, h('table', { id: 'audit-table' },
        h('caption', {}, 'Audit trail entries, oldest first'),
        h('thead', {}, h('tr', {}, ['When', 'Viewer', 'Purpose', 'Owner', 'Record', 'Released', 'Withheld', 'Legal basis per decision'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, rows))),
      pageInfo?.hasNextPage ? h('button', { type: 'button', class: 'secondary', onclick: () => search(true).catch(reportError) }, 'Load more entries') : null);
  }

  /** @param {AuditDecision} decision */
  function decisionItem(decision) {
    const allowed = decision.effect === 'ALLOW';
    const basis = decision.agreementKey ? `${decision.agreementKey} ${decision.article ?? ''}`.trim()
      : decision.reason === 'OWNER' ? 'own record (DOMAIN rule 10)' : decision.reason === 'PUBLIC' ? 'public field' : 'no agreement';
    return h('li', {},
      mark(allowed ? 'allowed' : 'denied', allowed ? 'released' : 'withheld'), ` ${decision.coordinate}: ${basis}${allowed ? '' : ` (${decision.reason})`}`,
      h('button', { type: 'button', class: 'secondary', 'aria-label': `Explain the decision on ${decision.coordinate} (${decision.id})`, onclick: () => explain(decision.id) }, 'Explain'));
  }

  byId('audit-form', HTMLFormElement).addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError();
    try { await search(false); } catch (error) { reportError(error); }
  });
  return { search };
}

/** @param {AuditEntry} entry */
function searchTerms(entry) {
  return entry.searchTerms?.length ? facts(entry.searchTerms.map((term) => [term.name, term.value])) : '-';
}

/**
 * "subject ps_1a2b3c4d5e…", with "and 3 more household members" for a record about a household.
 * @param {string} subject
 * @param {readonly string[] | null | undefined} relatedSubjects
 */
function subjectLine(subject, relatedSubjects) {
  const others = relatedSubjects?.length ?? 0;
  const more = others === 0 ? '' : ` and ${others} more household member${others === 1 ? '' : 's'}`;
  return `subject ${subject.slice(0, 12)}…${more}`;
}
