// @ts-check
// The access matrix as a table by data category: a row per category with its decision per column (all,
// some or none of its fields), opened with a disclosure button to a row per field, each allowed cell
// citing its agreement and article. Column headers name the organisations they stand for on the day.
// Status is given in words and a symbol, never by colour alone; no symbol is an emoji.
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { Mark } from './marks.js';
import { articleOf, columnLabel, columnOrganisations, decider, fieldGroups, filterWords, groupDecision } from './matrix-model.js';

/** @import { AccessMatrix } from './matrix-queries.js' */
/** @import { Decision, GroupDecision } from './matrix-model.js' */

/** @typedef {Decision['status'] | GroupDecision['status']} Status */

/** @param {string} grantId */
export const grantAnchor = (grantId) => `grant-${grantId.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** @param {{ matrix: AccessMatrix }} props */
export function MatrixTable({ matrix }) {
  const [open, setOpen] = useState(/** @type {ReadonlySet<string>} */ (new Set()));
  const groups = fieldGroups(matrix);
  const decide = decider(matrix);
  /** @param {string} name */
  const toggle = (name) => setOpen((before) => {
    const after = new Set(before);
    if (!after.delete(name)) after.add(name);
    return after;
  });
  const headers = matrix.columns.map((column) => {
    const { viewers, owners } = columnOrganisations(matrix, column);
    const who = viewers.length ? `${viewers.join(', ')} reads ${owners.join(', ')}` : 'no organisation of these kinds in the region';
    return html`<th scope="col"><span class="pair">${columnLabel(column)}</span> <span class="orgs">${who}</span></th>`;
  });
  return html`
    <div class="actions no-print">
      <button type="button" class="secondary" onClick=${() => setOpen(new Set(groups.map((group) => group.name)))}>Open every category</button>
      ${' '}<button type="button" class="secondary" onClick=${() => setOpen(new Set())}>Close every category</button>
    </div>
    <div class="scroll matrix-scroll" role="region" aria-label="Access matrix table" tabindex="0">
      <table id="matrix-table" class="matrix">
        <caption>Who may read which field of whose records, ${filterWords(matrix)}. Each data category opens to its fields.</caption>
        <thead><tr><th scope="col">Data category and field</th>${headers}</tr></thead>
        ${groups.map((group, g) => {
          const expanded = open.has(group.name);
          const ids = group.fields.map((_row, f) => `matrix-field-${g}-${f}`);
          return html`<tbody class="group">
            <tr class="category">
              <th scope="row">
                <button type="button" class="disclosure" aria-expanded=${String(expanded)} aria-controls=${ids.join(' ')} onClick=${() => toggle(group.name)}>
                  <span class="chevron" aria-hidden="true">${expanded ? '\u25BE' : '\u25B8'}</span> ${group.name}
                </button>
                <span class="count">${group.fields.length} ${group.fields.length === 1 ? 'field' : 'fields'}</span>
                ${group.description ? html`<span class="description">${group.description}</span>` : null}
              </th>
              ${matrix.columns.map((column) => {
                const decision = groupDecision(decide, matrix, group, column);
                const label = decision.status === 'allowed' ? `allowed: all ${decision.governed}`
                  : decision.status === 'partly' ? `partly: ${decision.allowed} of ${decision.governed}` : undefined;
                return html`<td class=${decision.status}><${Mark} kind=${decision.status} label=${label} />
                  ${decision.grants.length ? html`<span class="articles">${decision.grants.map(articleOf).join('; ')}</span>` : null}</td>`;
              })}
            </tr>
            ${group.fields.map((row, f) => html`<tr class="field" id=${ids[f]} hidden=${!expanded}>
              <th scope="row">${row.coordinate}</th>
              ${matrix.columns.map((column) => {
                const decision = decide(row, column);
                return html`<td class=${decision.status}><${Mark} kind=${decision.status} />${decision.grants.map((grant) => html`<br /><a href=${`#${grantAnchor(grant.id)}`}>${articleOf(grant)}</a>`)}</td>`;
              })}
            </tr>`)}
          </tbody>`;
        })}
      </table>
    </div>`;
}
