/**
 * An access request report as one printable HTML file: no script, no file or font from elsewhere (it
 * opens offline, and as saved), every value escaped. The privacy console prints the same sections from
 * its own view (src/web/assets/access-request-view.js).
 */
import type { AccessReport, AccessReportEntry } from './access-report.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (char) => ESCAPES[char] as string);

const WHEN = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', dateStyle: 'medium', timeStyle: 'medium' });
const when = (iso: string): string => WHEN.format(new Date(iso));

const STYLE = `body{font:11pt/1.45 system-ui,sans-serif;color:#111;margin:1.5rem}h1{font-size:1.5rem;margin:0 0 .5rem}
h2{font-size:1.15rem;margin:1.25rem 0 .4rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0}
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #555;padding:.25rem .4rem;vertical-align:top;text-align:left;font-size:9.5pt}thead th{background:#e5e7eb}
tr{break-inside:avoid}ul{margin:0;padding-left:1rem}code{font-family:ui-monospace,monospace;font-size:.9em;overflow-wrap:anywhere}
.muted{color:#374151}@page{size:A4 landscape;margin:12mm}`;

function basis(entry: AccessReportEntry): string {
  if (entry.decisions.length === 0) return '<span class="muted">no field decided (a search or a reading of the trail)</span>';
  return `<ul>${entry.decisions.map((decision) => {
    const ground = decision.agreementKey ? `${decision.agreementKey} ${decision.article ?? ''}`.trim()
      : decision.reason === 'OWNER' ? 'own record' : decision.reason === 'PUBLIC' ? 'public field' : 'no agreement';
    return `<li>${escape(decision.coordinate)}: ${decision.effect === 'allow' ? 'released' : 'withheld'}, ${escape(ground)}${decision.ruleId ? ` (rule ${escape(decision.ruleId)})` : ''}</li>`;
  }).join('')}</ul>`;
}

function row(entry: AccessReportEntry): string {
  const { viewer } = entry;
  const who = [`${escape(viewer.agencyId)}`, `${escape(viewer.role)}, user ${escape(viewer.userId)}`,
    viewer.responsibleUserId ? `for ${escape(viewer.responsibleUserId)}` : '', viewer.accessPoint ? `via ${escape(viewer.accessPoint)}` : ''].filter(Boolean).join('<br>');
  const what = [`${escape(entry.entityType ?? entry.kind)}${entry.owner ? ` of ${escape(entry.owner)}` : ''}`,
    entry.relation === 'subject' ? 'about the person' : 'about the person\'s household',
    `released: ${escape(entry.fieldsReleased.join(', ') || '-')}`, `withheld: ${escape(entry.fieldsWithheld.join(', ') || '-')}`].join('<br>');
  const proof = entry.proof ? `entry ${entry.seq}, request ${entry.requestSeq}<br>leaf ${entry.proof.leafIndex + 1} of ${entry.proof.treeSize}` : 'none: after the anchor';
  return `<tr><th scope="row">${escape(when(entry.time))}<br><span class="muted">to ${escape(when(entry.endTime))}</span></th><td>${who}</td>`
    + `<td>${escape(entry.purpose)}<br><span class="muted">${escape(entry.processingActivity)}</span></td><td>${what}</td><td>${basis(entry)}</td><td>${proof}</td></tr>`;
}

export function renderAccessReportHtml(report: AccessReport): string {
  const anchor = report.anchor ? `<code>${report.anchor.seq}:${escape(report.anchor.hash)}</code>` : 'none (no entries)';
  const counts = report.counts;
  const organisations = counts.byOrganisation.map((count) => `<tr><th scope="row">${escape(count.agencyId)}</th><td>${count.entries}</td><td>${count.entriesWithFieldsReleased}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Access request report</title><style>${STYLE}</style></head><body>
<h1>Access request (AVG article 15)</h1>
<dl><dt>Organisation</dt><dd>${escape(report.organisation)} (entries where it saw, or where its records were seen)</dd>
<dt>Person</dt><dd><code>${escape(report.subject)}</code> (pseudonym in the audit trail)</dd>
<dt>Period</dt><dd>${escape(when(report.period.from))} up to ${escape(when(report.period.to))}</dd>
<dt>Made</dt><dd>${escape(when(report.madeAt))}</dd><dt>Anchor</dt><dd>${anchor}</dd>
<dt>Entries</dt><dd>${counts.entries}${counts.complete ? '' : ' (at least; counting stopped there)'}, by ${counts.organisations} organisation(s); ${counts.organisationsThatSaw} saw any field</dd></dl>
${organisations ? `<table><caption>By organisation</caption><thead><tr><th scope="col">Organisation</th><th scope="col">Entries</th><th scope="col">Entries that released a field</th></tr></thead><tbody>${organisations}</tbody></table>` : ''}
<h2>Who saw what, when, why, and on which basis</h2>
${report.entries.length === 0 ? '<p>No entries.</p>' : `<table><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Purpose</th><th scope="col">What</th><th scope="col">Basis</th><th scope="col">Proof</th></tr></thead><tbody>${report.entries.map(row).join('')}</tbody></table>`}
<h2>How to check it</h2>
<p>Each entry's proof is in the JSON form of this report. <code>npm run audit:check-proof -- report.json --anchor ${report.anchor ? `${report.anchor.seq}:&lt;hash&gt;` : '&lt;seq&gt;:&lt;hash&gt;'}</code>
checks every proof against an anchor recorded outside the trail and says which entries hold.</p>
</body></html>
`;
}
