/**
 * The access matrix as one self-contained HTML page (no script, no external asset): a colour grid
 * that does not rely on colour alone (every cell also says allowed, denied or owner only in text and
 * with a symbol), a real table with row and column headers, and the grants the cells cite below it.
 */
import type { Covenant } from '#src/policy/index.ts';
import type { AccessMatrix, MatrixGrant } from './matrix.ts';
import { actCitation, actWords, citation, columnLabel, compactPublic, conditionWords, filterWords, organisationLines, rowGroups, travelWords } from './matrix-words.ts';

// Text and background pairs all meet WCAG AA (4.5:1) for normal text.
const STYLE = `body{font:15px/1.45 system-ui,sans-serif;color:#1a1a1a;margin:1.5rem;max-width:110rem}
table{border-collapse:collapse;margin:1rem 0}caption{text-align:left;font-weight:600;padding:.4rem 0}
th,td{border:1px solid #6b6b6b;padding:.3rem .5rem;vertical-align:top;font-size:.9rem}
thead th{background:#1f2937;color:#fff}th[scope=row]{background:#f3f4f6;text-align:left;font-family:ui-monospace,monospace;font-weight:500}
.allowed{background:#dcfce7;color:#14532d}.denied{background:#fff;color:#374151}.owner-only{background:#fee2e2;color:#7f1d1d}
.legend span{display:inline-block;margin-right:1rem;padding:.1rem .5rem;border:1px solid #6b6b6b}
a{color:#1d4ed8}code{font-family:ui-monospace,monospace}`;

export function matrixToHtml(matrix: AccessMatrix): string {
  const { shared, ownerOnly } = rowGroups(matrix);
  const head = matrix.columns.map((column) => `<th scope="col">${esc(columnLabel(column.viewerKind, column.ownerKind))}</th>`).join('');
  const body = [...shared, ...ownerOnly].map((row) => {
    const cells = matrix.columns.map(({ viewerKind, ownerKind }) => {
      if (row.ownerOnly) return '<td class="owner-only"><span aria-hidden="true">&#8856;</span> owner only</td>';
      const cell = row.cells.find((candidate) => candidate.viewerKind === viewerKind && candidate.ownerKind === ownerKind);
      if (!cell) return '<td class="denied"><span aria-hidden="true">&#10007;</span> denied</td>';
      const cites = cell.grants.map((grant) => `<a href="#${anchor(grant)}">${esc(citation(grant))}</a>`).join('<br>');
      return `<td class="allowed"><span aria-hidden="true">&#10003;</span> allowed<br>${cites}</td>`;
    }).join('');
    return `<tr><th scope="row">${esc(row.coordinate)}</th>${cells}</tr>`;
  }).join('\n');
  const grid = matrix.columns.length === 0
    ? `<p>No field of any agency's records is shared with another agency ${esc(filterWords(matrix))}.</p>`
    : `<table><caption>Who may read which field of whose records, ${esc(filterWords(matrix))}</caption>
<thead><tr><th scope="col">Field</th>${head}</tr></thead>
<tbody>
${body}
</tbody></table>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Access matrix ${esc(filterWords(matrix))}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><main>
<h1>Access matrix ${esc(filterWords(matrix))}</h1>
<p>Generated from the compiled policy the gateway enforces. Deny by default: a pair without a column sees nothing of
the other's records; an agency always sees its own records in full (DOMAIN rule 10).</p>
<p class="legend"><span class="allowed">&#10003; allowed (agreement and article)</span><span class="denied">&#10007; denied</span><span class="owner-only">&#8856; owner only (DOMAIN rule 7)</span></p>
${grid}
${actsSection(matrix)}
<h2>Grants cited</h2>
${matrix.grants.length === 0 ? '<p>None.</p>' : `<dl>${matrix.grants.map(grantEntry).join('\n')}</dl>`}
<h2>Agreements cited, with their worked examples</h2>
${matrix.agreements.length === 0 ? '<p>None.</p>' : matrix.agreements.map(agreementEntry).join('\n')}
<h2>Public to every authenticated caller</h2>
<p>${compactPublic(matrix).map((coordinate) => `<code>${esc(coordinate)}</code>`).join(', ') || 'None.'}</p>
${organisationsSection(matrix)}
</main></body></html>
`;
}

/** The acts as a table, one row per act and grant that may allow it. */
function actsSection(matrix: AccessMatrix): string {
  const intro = `<h2>Acts</h2>
<p>Which organisation may hand over, refer, answer or give feedback to which, and which fields travel into the
receiver's system. Deny by default: an act not listed is refused.</p>`;
  if (matrix.acts.length === 0) return `${intro}\n<p>No act between organisations ${esc(filterWords(matrix))}.</p>`;
  const rows = matrix.acts.flatMap((act) => act.grants.map((grant) => `<tr><th scope="row">${esc(actWords(act))}</th><td>${esc(act.senderId)} (${esc(act.senderKind)})</td>`
    + `<td>${esc(act.receiverId)} (${esc(act.receiverKind)})</td><td>${esc(act.purpose)}</td><td>${esc(travelWords(grant.coordinates))}</td>`
    + `<td>${esc(actCitation(grant))} (${esc(grant.ruleId)})</td><td>${esc(conditionWords(grant))}</td></tr>`));
  return `${intro}
<table><caption>Acts between organisations, ${esc(filterWords(matrix))}</caption>
<thead><tr><th scope="col">Act</th><th scope="col">Sender</th><th scope="col">Receiver</th><th scope="col">Purpose</th><th scope="col">Fields that travel</th><th scope="col">Allowed under</th><th scope="col">Only when</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}

function organisationsSection(matrix: AccessMatrix): string {
  if (matrix.organisations.length === 0) return '';
  const { existing, succeeded } = organisationLines(matrix);
  const items = (lines: readonly string[]) => (lines.length === 0 ? '<p>None.</p>' : `<ul>${lines.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>`);
  return `<h2>Organisations on ${esc(matrix.day)}</h2>
<p>Only these read anything; a record is decided on with the organisation that controls it that day.</p>
${items(existing)}
<h2>Successions in effect on ${esc(matrix.day)}</h2>
${items(succeeded)}`;
}

function grantEntry(grant: MatrixGrant): string {
  const parties = grant.parties.map((party) => `${party.kind}: ${party.agencyIds === null ? `every ${party.kind}` : party.agencyIds.join(', ')}`).join('; ');
  return `<dt id="${anchor(grant)}">${esc(citation(grant))} (${esc(grant.ruleId)}): ${esc(grant.title)}</dt>
<dd>Purposes: ${esc(grant.purposes.join(', '))}. Regions: ${esc(grant.regions.join(', '))}. Parties: ${esc(parties || 'none')}.
Only when: ${esc(conditionWords(grant))}.</dd>`;
}

function agreementEntry(covenant: Covenant): string {
  const examples = covenant.examples.map((example) => `<li><strong>${esc(example.expected)}</strong> ${esc(example.name)} (${esc(example.viewer.agencyId)} reads ${esc(example.coordinate)} of ${esc(example.owner.agencyId)} for ${esc(example.purpose)} on ${esc(example.date)})</li>`);
  return `<h3>${esc(covenant.key)}: ${esc(covenant.title)}</h3>
<p>Valid ${esc(covenant.validFrom)} to ${esc(covenant.validTo ?? 'open')}${covenant.tacitRenewal ? ', renewed tacitly' : ''}. The test suite runs every example:</p>
<ul>${examples.join('') || '<li>none</li>'}</ul>`;
}

function anchor(grant: MatrixGrant): string {
  return `grant-${grant.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export function esc(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}
