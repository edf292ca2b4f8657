// @ts-check
// Rehearsal: what a coming covenant version (a shadow policy, decided beside live traffic and never
// enforced) would release or withhold otherwise, in the officer's scope: the versions it differs in,
// counts per field, viewer, owner and purpose, as a chart and a table, and the latest sample decisions,
// each to explain or to replay. Below, any logged decision replayed under another version (replay-panel.js).
// The report is asked for each time the view is opened, since it grows with live traffic.
import { render } from 'preact';
import { html } from './html.js';
import { byId, fillSelect } from './dom.js';
import { formatInstant, today } from './dates.js';
import { REPLAY_QUERY, SHADOW_REPORT_QUERY } from './queries.js';
import { RehearsalChart, differenceLabel } from './rehearsal-chart.js';
import { ReplayResult } from './replay-panel.js';

/** @import { Request } from './graphql.js' */
/** @import { ConsoleOptions } from './queries.js' */
/** @import { DecisionBasis, ShadowCovenantChange, ShadowDifference, ShadowReport } from './rehearsal-queries.js' */

/** @type {Record<ShadowCovenantChange, string>} */
const CHANGES = {
  REHEARSED: 'rehearsed: put in force in place of the version the calendar puts in force',
  ADDED: 'added: in the draft folder only',
  CHANGED: 'changed: the draft says something else',
  REMOVED: 'removed: in the live folder only',
};

/** @param {DecisionBasis} basis */
const said = (basis) => `${basis.effect === 'ALLOW' ? 'released' : 'withheld'}${basis.agreement ? ` under ${basis.agreement.key} ${basis.agreement.article}` : ` (${basis.reason.toLowerCase().replaceAll('_', ' ')})`}`;

/**
 * @param {object} context
 * @param {Request} context.request
 * @param {ConsoleOptions} context.options
 * @param {(error: unknown) => void} context.reportError
 * @param {() => void} context.clearError
 * @param {(decisionId: string) => void} context.explain Shows the explain view for a decision.
 */
export function createRehearsalView({ request, options, reportError, clearError, explain }) {
  const output = byId('rehearsal-output', HTMLElement);
  const replayOutput = byId('replay-output', HTMLElement);
  const idInput = byId('replay-id', HTMLInputElement);
  const versionSelect = byId('replay-version', HTMLSelectElement);
  const keys = options.agreements.map((a) => a.key).sort();
  fillSelect(versionSelect, options.agreements.map((a) => ({ value: a.key, label: `${a.key} (from ${a.validFrom})` })).sort((a, b) => (a.value < b.value ? -1 : 1)));
  /** @type {ShadowReport | null} */
  let report = null;

  async function load() {
    report = (await request(SHADOW_REPORT_QUERY)).shadowReport;
    render(html`<${Report} report=${report} />`, output);
  }

  /**
   * The version a sample is best replayed under: the one the shadow policy cited, else the one it
   * rehearses of the same agreement, else the live version's next (or previous).
   * @param {{ live: DecisionBasis, shadow: DecisionBasis }} sample
   */
  function versionFor(sample) {
    const live = sample.live.agreement?.key ?? sample.shadow.agreement?.key ?? '';
    const id = live.split('@')[0];
    const shadow = sample.shadow.agreement?.key;
    if (shadow && shadow !== live) return shadow;
    const rehearsed = report?.covenants.find((c) => c.change === 'REHEARSED' && c.key.startsWith(`${id}@`));
    if (rehearsed) return rehearsed.key;
    const version = Number(live.split('@')[1]);
    return [`${id}@${version + 1}`, `${id}@${version - 1}`].find((key) => keys.includes(key)) ?? live;
  }

  async function replay() {
    const id = idInput.value.trim();
    const version = versionSelect.value;
    if (!id) return;
    const { replayDecision } = await request(REPLAY_QUERY, { id, version });
    render(html`<${ReplayResult} replay=${replayDecision} id=${id} version=${version} />`, replayOutput);
    (document.getElementById('replay-heading') ?? document.getElementById('replay-summary'))?.focus();
  }

  /**
   * @param {string} decisionId
   * @param {{ live: DecisionBasis, shadow: DecisionBasis }} sample
   */
  async function replaySample(decisionId, sample) {
    clearError();
    idInput.value = decisionId;
    const version = versionFor(sample);
    if (keys.includes(version)) versionSelect.value = version;
    try { await replay(); } catch (error) { reportError(error); }
  }

  /** @param {{ report: ShadowReport }} props */
  function Report({ report }) {
    if (!report.configured) return html`<${NotConfigured} />`;
    return html`
      <dl class="facts" id="rehearsal-facts">
        <dt>Shadow policy</dt><dd>${report.draftFolder ? `the draft covenants folder ${report.draftFolder}` : 'versions of the live covenants folder'}</dd>
        <dt>Comparing since</dt><dd>${report.since ? formatInstant(report.since) : '-'} (this gateway process; each keeps its own report)</dd>
        <dt>Decisions compared</dt><dd>${report.decisionsCompared}</dd>
        <dt>Not compared</dt><dd>${report.decisionsNotCompared}${report.decisionsNotCompared ? ' (they needed referrals the live request did not load, or were over the bounds)' : ''}</dd>
      </dl>
      ${report.truncated ? html`<p class="notice">The report is full: rows were dropped (it is bounded in memory).</p>` : null}
      <table id="rehearsal-covenants">
        <caption>Covenant versions in which the shadow policy differs from the live one</caption>
        <thead><tr><th scope="col">Version</th><th scope="col">Title</th><th scope="col">Valid from</th><th scope="col">How</th></tr></thead>
        <tbody>${report.covenants.map((c) => html`<tr key=${c.key}><th scope="row">${c.key}</th><td>${c.title}</td><td>${c.validFrom}</td><td>${CHANGES[c.change]}</td></tr>`)}</tbody>
      </table>
      ${report.differences.length === 0
        ? html`<p id="rehearsal-count">No difference yet: every live decision in your agency's scope that it compared, it decides the same.</p>`
        : html`
          <p id="rehearsal-count">${report.differences.length} field${report.differences.length === 1 ? '' : 's'} it would decide otherwise, for a viewer, owner and purpose:</p>
          <${RehearsalChart} differences=${report.differences} />
          <${Differences} differences=${report.differences} />
          <h3>The latest decisions that differ</h3>
          ${report.differences.filter((d) => d.samples.length > 0).map((d) => html`<${Samples} key=${differenceLabel(d)} difference=${d} />`)}`}`;
  }

  /** @param {{ differences: ShadowDifference[] }} props */
  function Differences({ differences }) {
    return html`
      <table id="rehearsal-differences">
        <caption>Where it would decide otherwise, most first</caption>
        <thead><tr>${['Field', 'Viewer', 'Owner', 'Purpose', 'Released live, it would withhold', 'Withheld live, it would release', 'Of these, records not shown', 'Samples']
          .map((t) => html`<th scope="col">${t}</th>`)}</tr></thead>
        <tbody>${differences.map((d) => html`
          <tr key=${differenceLabel(d)}>
            <th scope="row">${d.coordinate}</th><td>${d.viewer.name}</td><td>${d.owner.name}</td><td>${d.purpose}</td>
            <td>${d.liveAllowShadowDeny}</td><td>${d.liveDenyShadowAllow}</td><td>${d.unshownRecords ?? 'only the owner\'s officer is told'}</td><td>${d.samples.length}</td>
          </tr>`)}
        </tbody>
      </table>`;
  }

  /** @param {{ difference: ShadowDifference }} props */
  function Samples({ difference }) {
    return html`
      <section class="rehearsal-samples" aria-label=${`Samples: ${differenceLabel(difference)}`}>
        <h4>${differenceLabel(difference)}</h4>
        <ul class="samples">
          ${difference.samples.map((s) => html`
            <li key=${s.decisionId}>
              <code>${s.decisionId}</code>: live ${said(s.live)}; the shadow policy: ${said(s.shadow)}
              <button type="button" class="secondary" onClick=${() => explain(s.decisionId)}>Explain</button>
              <button type="button" class="secondary" onClick=${() => replaySample(s.decisionId, s)}>Replay</button>
            </li>`)}
        </ul>
      </section>`;
  }

  function NotConfigured() {
    const next = options.agreements.filter((a) => a.validFrom > today()).sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))[0]?.key ?? 'groningen-ashg-amk@3';
    return html`
      <div class="notice" id="rehearsal-off">
        <p><strong>No shadow policy is configured on this gateway</strong>, so there is nothing to rehearse.</p>
        <p>To see what a coming version would release or withhold otherwise, start the gateway with one of:</p>
        <ul>
          <li><code>KETENPOORT_SHADOW_COVENANTS=${next}</code>: a version not yet in force, put in force in its agreement's place;</li>
          <li><code>KETENPOORT_SHADOW_COVENANTS=drafts/covenants</code>: a draft covenants folder, a whole folder as proposed;</li>
          <li>or in the configuration file (<code>KETENPOORT_CONFIG</code>): <code>"shadow": { "covenantsDir": "drafts/covenants", "agreementVersions": ["${next}"] }</code>.</li>
        </ul>
        <p>It is decided beside live traffic and never enforced; this report counts from then on (docs/replay-and-shadow.md).</p>
      </div>`;
  }

  /** Reloads the report: on opening the view and on the button. */
  async function refresh() {
    try { await load(); } catch (error) { reportError(error); }
  }
  document.querySelector('#views [data-view="rehearsal-view"]')?.addEventListener('click', refresh);
  byId('rehearsal-refresh', HTMLButtonElement).addEventListener('click', () => { clearError(); void refresh(); });
  byId('replay-form', HTMLFormElement).addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError();
    try { await replay(); } catch (error) { reportError(error); }
  });
  return { load, replay };
}
