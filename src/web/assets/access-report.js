// @ts-check
// The access request report (AVG article 15) as components: a summary that answers "who saw what about
// this person, and why" at a glance (entries, the organisations that saw the person's data, the purposes,
// the period), then per organisation and per entry who, when, why, on which agreement version and article,
// and the entry's proof. Organisations are named beside their ids. Prints as the report alone.
import { html } from './html.js';
import { formatInstant } from './dates.js';

/** @import { AccessRequestDecision, AccessRequestEntry, AccessRequestPage } from './access-request-queries.js' */

/** @typedef {(id: string) => string} NameOf An agency's name with its id, e.g. "ASHG Groningen (ashg-groningen)". */

const ZONE = 'Europe/Amsterdam';

/**
 * The Amsterdam day an instant falls on, e.g. 31 Mar 2027; `before` takes the day before an exclusive end.
 * @param {string} iso
 * @param {boolean} [before]
 */
function formatDay(iso, before = false) {
  const instant = new Date(Date.parse(iso) - (before ? 1 : 0));
  return new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, dateStyle: 'medium' }).format(instant);
}

/**
 * @param {object} props
 * @param {AccessRequestPage} props.first
 * @param {AccessRequestEntry[]} props.entries
 * @param {boolean} props.cut
 * @param {string} props.madeAt
 * @param {string} props.downloadUrl
 * @param {NameOf} props.nameOf
 */
export function AccessReport({ first, entries, cut, madeAt, downloadUrl, nameOf }) {
  const { counts } = first;
  return html`
    <div class="no-print actions">
      <button type="button" onClick=${() => window.print()}>Print the report</button>${' '}
      <a class="button secondary" id="access-download" download=${`access-request-${first.organisation}-${first.from.slice(0, 10)}.json`} href=${downloadUrl}>Download as JSON</a>
    </div>
    <article id="access-report" aria-labelledby="access-report-title">
      <h3 id="access-report-title" tabindex="-1">Access request (AVG article 15)</h3>
      <${Summary} first=${first} entries=${entries} nameOf=${nameOf} />
      <dl class="facts">
        <dt>Organisation</dt><dd>${nameOf(first.organisation)}: entries where it saw, or where its records were seen</dd>
        <dt>Person</dt><dd>${first.subject} (pseudonym in the audit trail)</dd>
        <dt>Period</dt><dd>${formatInstant(first.from)} up to ${formatInstant(first.to)}</dd>
        <dt>Made</dt><dd>${formatInstant(madeAt)}</dd>
        <dt>Anchor</dt><dd>${first.anchor ? `${first.anchor.seq}:${first.anchor.hash}` : 'none (no entries)'}</dd>
        <dt>Entries</dt><dd>${counts ? `${counts.entries}${counts.complete ? '' : ' (at least)'}, by ${counts.organisations} organisation(s); ${counts.organisationsThatSaw} saw any field` : String(entries.length)}</dd>
      </dl>
      ${cut ? html`<p class="notice">Only the first ${entries.length} entries are shown; make the whole report with npm run audit:access-request.</p>` : null}
      ${counts && counts.byOrganisation.length > 0 ? html`<table id="access-organisations">
        <caption>By organisation</caption>
        <thead><tr><th scope="col">Organisation</th><th scope="col">Entries</th><th scope="col">Entries that released a field</th></tr></thead>
        <tbody>${counts.byOrganisation.map((c) => html`<tr><th scope="row">${nameOf(c.agencyId)}</th><td>${c.entries}</td><td>${c.entriesWithFieldsReleased}</td></tr>`)}</tbody>
      </table>` : null}
      ${entries.length === 0 ? html`<p id="access-count">No entries.</p>` : html`<table id="access-table">
        <caption id="access-count">${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}: who saw what, when, why, and on which basis</caption>
        <thead><tr>${['When', 'Who', 'Purpose', 'What', 'Basis', 'Proof'].map((t) => html`<th scope="col">${t}</th>`)}</tr></thead>
        <tbody>${entries.map((entry) => html`<${Row} entry=${entry} nameOf=${nameOf} />`)}</tbody>
      </table>`}
      <h4>How to check it</h4>
      <p>Each entry's proof is in the JSON download. <code>${`npm run audit:check-proof -- report.json --anchor ${first.anchor ? first.anchor.seq : '<seq>'}:<hash>`}</code>
        ${' '}checks every proof against an anchor recorded outside the trail and says which entries hold.</p>
    </article>`;
}

/**
 * The answer at the top: how many entries, which organisations saw the person's data (an entry that
 * released a field), for which purposes, in which period.
 * @param {{ first: AccessRequestPage, entries: AccessRequestEntry[], nameOf: NameOf }} props
 */
function Summary({ first, entries, nameOf }) {
  const released = entries.filter((entry) => entry.fieldsReleased.length > 0);
  const saw = [...new Set(released.map((entry) => entry.viewer.agencyId))];
  // An organisation that only read its own records (DOMAIN rule 10) is told apart from one an agreement let in.
  /** @param {string} id */
  const ownOnly = (id) => released.filter((entry) => entry.viewer.agencyId === id)
    .every((entry) => entry.decisions.every((decision) => decision.effect !== 'ALLOW' || decision.reason === 'OWNER' || decision.reason === 'PUBLIC'));
  const purposes = [...new Set(entries.map((entry) => entry.purpose))];
  return html`<section id="access-summary" class="summary" aria-labelledby="access-summary-title">
    <h4 id="access-summary-title">Summary</h4>
    <dl class="facts">
      <dt>Period</dt><dd>${formatDay(first.from)} to ${formatDay(first.to, true)} (inclusive)</dd>
      <dt>Entries</dt><dd>${first.counts ? `${first.counts.entries}${first.counts.complete ? '' : ' (at least)'}` : entries.length}</dd>
      <dt>Saw the person's data</dt><dd>${saw.length === 0 ? 'no organisation' : html`<ul class="plain">${saw.map((id) => html`<li>${nameOf(id)}${ownOnly(id) ? ': its own records only' : ''}</li>`)}</ul>`}</dd>
      <dt>Purposes</dt><dd>${purposes.length === 0 ? 'none' : purposes.join(', ')}</dd>
    </dl>
  </section>`;
}

/** @param {{ entry: AccessRequestEntry, nameOf: NameOf }} props */
function Row({ entry, nameOf }) {
  const { viewer } = entry;
  return html`<tr>
    <th scope="row">${formatInstant(entry.time)}<br /><span class="hint">to ${formatInstant(entry.endTime)}</span></th>
    <td>${nameOf(viewer.agencyId)}<br />${viewer.role}, user ${viewer.userId}
      ${viewer.responsibleUserId ? html`<br />for ${viewer.responsibleUserId}` : null}${viewer.accessPoint ? html`<br />via ${viewer.accessPoint}` : null}</td>
    <td>${entry.purpose}<br /><span class="hint">${entry.processingActivity}</span></td>
    <td>${entry.entityType ?? entry.kind.toLowerCase().replace('_', ' ')}${entry.ownerAgencyId ? ` of ${nameOf(entry.ownerAgencyId)}` : ''}<br />
      ${entry.relation === 'SUBJECT' ? 'about the person' : "about the person's household"}<br />
      released: ${entry.fieldsReleased.join(', ') || '-'}<br />withheld: ${entry.fieldsWithheld.join(', ') || '-'}</td>
    <td>${entry.decisions.length ? html`<ul class="decisions">${entry.decisions.map((decision) => html`<li>${basis(decision)}</li>`)}</ul>` : 'no field decided (a search or a reading of the trail)'}</td>
    <td>${entry.proof ? html`entry ${entry.seq}, request ${entry.requestSeq}<br />leaf ${entry.proof.leafIndex + 1} of ${entry.proof.treeSize}` : 'none: after the anchor'}</td>
  </tr>`;
}

/** @param {AccessRequestDecision} decision */
function basis(decision) {
  const ground = decision.agreementKey ? `${decision.agreementKey} ${decision.article ?? ''}`.trim()
    : decision.reason === 'OWNER' ? 'own record' : decision.reason === 'PUBLIC' ? 'public field'
      : decision.reason === 'OWNER_ONLY' ? 'owner only (DOMAIN rule 7)' : 'no agreement';
  return `${decision.coordinate}: ${decision.effect === 'ALLOW' ? 'released' : 'withheld'}, ${ground}${decision.ruleId ? ` (rule ${decision.ruleId})` : ''}`;
}
