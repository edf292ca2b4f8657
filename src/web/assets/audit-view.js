// A search of the audit trail: each entry with who, why, whose record, what was released and withheld,
// and per decision its legal basis (agreement and article) with a button to explain it.
import { facts, fillSelect, h, mark, show } from './dom.js';
import { formatInstant, nextDay, startOfDay } from './dates.js';
import { AUDIT_QUERY } from './queries.js';

export function createAuditView({ request, options, reportError, clearError, explain }) {
  const $ = (id) => document.getElementById(id);
  const output = $('audit-output');
  const agencies = options.agencies.map((a) => ({ value: a.id, label: `${a.name} (${a.id})` }));
  fillSelect($('audit-viewer'), agencies, 'Any viewer');
  fillSelect($('audit-owner'), agencies, 'Any owner');
  fillSelect($('audit-agreement'), options.agreements.map((a) => ({ value: a.key, label: a.key })), 'Any agreement');
  let filter = null;
  let entries = [];
  let pageInfo = null;

  function readFilter() {
    const value = (id) => $(id).value.trim() || null;
    const bsn = value('audit-bsn');
    const out = {
      subjectBsn: bsn, subjectPseudonym: bsn ? null : value('audit-pseudonym'), viewerAgencyId: value('audit-viewer'), ownerAgencyId: value('audit-owner'),
      agreementKey: value('audit-agreement'), from: value('audit-from') ? startOfDay(value('audit-from')) : null,
      to: value('audit-to') ? startOfDay(nextDay(value('audit-to'))) : null,
    };
    // The BSN leaves the form once it is sent; the gateway pseudonymises it.
    $('audit-bsn').value = '';
    return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== null));
  }

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
      h('td', {}, entry.entityType ?? '', entry.subject ? [h('br'), h('span', { class: 'hint' }, subjectLine(entry))] : null),
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

  function decisionItem(decision) {
    const allowed = decision.effect === 'ALLOW';
    const basis = decision.agreementKey ? `${decision.agreementKey} ${decision.article ?? ''}`.trim()
      : decision.reason === 'OWNER' ? 'own record (DOMAIN rule 10)' : decision.reason === 'PUBLIC' ? 'public field' : 'no agreement';
    return h('li', {},
      mark(allowed ? 'allowed' : 'denied', allowed ? 'released' : 'withheld'), ` ${decision.coordinate}: ${basis}${allowed ? '' : ` (${decision.reason})`}`,
      h('button', { type: 'button', class: 'secondary', 'aria-label': `Explain the decision on ${decision.coordinate} (${decision.id})`, onclick: () => explain(decision.id) }, 'Explain'));
  }

  $('audit-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError();
    try { await search(false); } catch (error) { reportError(error); }
  });
  return { search };
}

function searchTerms(entry) {
  return entry.searchTerms?.length ? facts(entry.searchTerms.map((term) => [term.name, term.value])) : '-';
}

/** "subject ps_1a2b3c4d5e…", with "and 3 more household members" for a record about a household. */
function subjectLine(entry) {
  const others = entry.relatedSubjects?.length ?? 0;
  const more = others === 0 ? '' : ` and ${others} more household member${others === 1 ? '' : 's'}`;
  return `subject ${entry.subject.slice(0, 12)}…${more}`;
}
