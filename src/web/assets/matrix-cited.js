// @ts-check
// What the access matrix cites, below the table: the acts one organisation may make towards another
// with what travels; each grant a cell cites, with its conditions and parties (the articles link here);
// and each agreement's worked examples, which the test suite runs.
import { html } from './html.js';
import { Mark } from './marks.js';
import { grantAnchor } from './matrix-table.js';

/** @import { MatrixAct, MatrixAgreement, MatrixGrant } from './matrix-queries.js' */

/** @param {{ acts: MatrixAct[], filter: string }} props */
export function ActsTable({ acts, filter }) {
  if (acts.length === 0) return html`<p>No act between organisations ${filter}.</p>`;
  return html`<div class="scroll" role="region" aria-label="Acts table" tabindex="0">
    <table id="matrix-acts">
      <caption>Which organisation may hand over, refer, answer or give feedback to which, and what travels, ${filter}</caption>
      <thead><tr>${['Act', 'Sender', 'Receiver', 'Purpose', 'Fields that travel', 'Allowed under', 'Only when'].map((t) => html`<th scope="col">${t}</th>`)}</tr></thead>
      <tbody>${acts.flatMap((act) => act.grants.map((grant) => html`<tr>
        <th scope="row">${act.referralKind ? `${act.act} (${act.referralKind})` : act.act}</th>
        <td>${`${act.sender.id} (${act.sender.kind})`}</td><td>${`${act.receiver.id} (${act.receiver.kind})`}</td><td>${act.purpose}</td>
        <td>${grant.coordinates.length ? grant.coordinates.join(', ') : 'no field (the act itself only)'}</td>
        <td>${`${grant.basis} (${grant.ruleId})`}</td>
        <td>${grant.conditions.length ? grant.conditions.join('; and ') : 'always'}</td>
      </tr>`))}</tbody>
    </table>
  </div>`;
}

/** @param {{ grants: MatrixGrant[] }} props */
export function GrantList({ grants }) {
  if (grants.length === 0) return html`<p>None.</p>`;
  return html`<dl class="grants">${grants.map((grant) => {
    const parties = grant.parties.map((p) => `${p.kind}: ${p.agencyIds ? p.agencyIds.join(', ') : `every ${p.kind}`}`).join('; ');
    /** @type {[string, unknown][]} */
    const facts = [
      ['Purposes', grant.purposes.join(', ')],
      ['Agreement regions', grant.regions.join(', ')],
      ['Parties', parties],
      ['Validity', grant.validity.toLowerCase().replaceAll('_', ' ')],
      ['Only when', grant.conditions.length ? html`<ul>${grant.conditions.map((c) => html`<li>${c}</li>`)}</ul>` : 'always'],
    ];
    return html`
      <dt id=${grantAnchor(grant.id)} tabindex="-1">${`${grant.agreement.key} ${grant.agreement.article} (${grant.ruleId}): ${grant.title}`}</dt>
      <dd><dl class="facts">${facts.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl></dd>`;
  })}</dl>`;
}

/** @param {{ agreements: MatrixAgreement[] }} props */
export function AgreementList({ agreements }) {
  if (agreements.length === 0) return html`<p>None in force under these filters.</p>`;
  return agreements.map((agreement) => {
    const validity = `${agreement.validFrom} to ${agreement.validTo ?? 'open'}${agreement.tacitRenewal ? ', renewed tacitly' : ''}`;
    return html`<section class="agreement" aria-label=${agreement.key}>
      <h4>${`${agreement.key}: ${agreement.title}`}</h4>
      <p>Valid ${validity}. Worked examples, each run by the test suite:</p>
      ${agreement.examples.length === 0 ? html`<p>None.</p>` : html`<div class="scroll" role="region" aria-label=${`Examples of ${agreement.key}`} tabindex="0"><table>
        <caption>Examples of ${agreement.key}</caption>
        <thead><tr>${['Example', 'Viewer', 'Owner', 'Field', 'Purpose', 'Date', 'Expected'].map((t) => html`<th scope="col">${t}</th>`)}</tr></thead>
        <tbody>${agreement.examples.map((example) => html`<tr>
          <th scope="row">${example.name}</th><td>${example.viewer.agencyId}</td><td>${example.owner.agencyId}</td>
          <td>${example.coordinate}</td><td>${example.purpose}</td><td>${example.date}</td>
          <td class=${example.expected === 'allow' ? 'allowed' : 'denied'}><${Mark} kind=${example.expected === 'allow' ? 'allowed' : 'denied'} label=${example.expected} />${example.reason ? ` (${example.reason})` : ''}</td>
        </tr>`)}</tbody>
      </table></div>`}
    </section>`;
  });
}
