// @ts-check
// What one version of an agreement changes against another: gains and losses per viewer kind, owner
// kind and purpose, with the fields, the article before and after, the regions and the conditions;
// then the acts gained, lost or changed, with the fields that travel added and removed. Above the form,
// every version on a timeline (agreements-timeline.js), loaded when the view is first opened; a click on
// a version fills the form with it and the version before, and compares them.
import { render } from 'preact';
import { byId, fillSelect } from './dom.js';
import { today } from './dates.js';
import { html } from './html.js';
import { Facts, Mark } from './marks.js';
import { DIFF_QUERY, TIMELINE_QUERY } from './queries.js';
import { renderTimeline } from './agreements-timeline.js';

/** @import { MarkKind } from './marks.js' */
/** @import { Request } from './graphql.js' */
/** @import { AccessChange, AccessChangeKind, ActGrantChange, AgreementSide, Article, ConsoleOptions, CovenantDiff, DecisionReason, OptionsAgreement } from './queries.js' */
/** @import { TimelineAgreement } from './timeline-queries.js' */

/** @type {Record<AccessChangeKind, string>} */
const TITLES = { GAINED: 'Gained', LOST: 'Lost', BASIS_CHANGED: 'New legal basis' };
/** @type {Record<AccessChangeKind, MarkKind>} */
const MARKS = { GAINED: 'gained', LOST: 'lost', BASIS_CHANGED: 'changed' };
/** @type {Record<ActGrantChange['change'], string>} */
const ACT_TITLES = { GAINED: 'Act gained', LOST: 'Act lost', CHANGED: 'Act changed' };
/** @type {Record<ActGrantChange['change'], MarkKind>} */
const ACT_MARKS = { GAINED: 'gained', LOST: 'lost', CHANGED: 'changed' };

/**
 * @param {object} context
 * @param {Request} context.request
 * @param {ConsoleOptions} context.options
 * @param {(error: unknown) => void} context.reportError
 * @param {() => void} context.clearError
 */
export function createDiffView({ request, options, reportError, clearError }) {
  const agreement = byId('diff-agreement', HTMLSelectElement);
  const from = byId('diff-from', HTMLSelectElement);
  const to = byId('diff-to', HTMLSelectElement);
  const output = byId('diff-output', HTMLElement);
  /**
   * Every version of each agreement, oldest first.
   * @type {Map<string, OptionsAgreement[]>}
   */
  const versions = new Map();
  for (const a of options.agreements) versions.set(a.id, [...(versions.get(a.id) ?? []), a].sort((x, y) => x.version - y.version));
  const titled = [...versions].map(([id, list]) => ({ value: id, label: `${list.at(-1)?.title ?? id} (${id}, ${list.length} version${list.length === 1 ? '' : 's'})` }));
  fillSelect(agreement, titled.sort((a, b) => (a.value < b.value ? -1 : 1)));
  // Start with an agreement that has a history to compare.
  agreement.value = [...versions].find(([, list]) => list.length > 1)?.[0] ?? agreement.value;

  function fillVersions() {
    const list = versions.get(agreement.value) ?? [];
    const items = list.map((a) => ({ value: String(a.version), label: `version ${a.version} (from ${a.validFrom})` }));
    fillSelect(from, items);
    fillSelect(to, items);
    from.value = String(list.at(-2)?.version ?? list.at(-1)?.version ?? '');
    to.value = String(list.at(-1)?.version ?? '');
  }
  fillVersions();
  agreement.addEventListener('change', fillVersions);

  async function compare() {
    const { covenantDiff } = await request(DIFF_QUERY, { from: `${agreement.value}@${from.value}`, to: `${agreement.value}@${to.value}` });
    render(html`<${DiffResult} diff=${covenantDiff} />`, output);
  }

  byId('diff-form', HTMLFormElement).addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError();
    try { await compare(); } catch (error) { reportError(error); }
  });

  /**
   * A version picked on the timeline: it against the one before (the first: against the one after).
   * @param {TimelineAgreement} picked
   */
  async function pick(picked) {
    clearError();
    agreement.value = picked.id;
    fillVersions();
    const list = versions.get(picked.id) ?? [];
    const at = list.findIndex((a) => a.version === picked.version);
    const [older, newer] = at > 0 ? [list[at - 1], list[at]] : [list[at], list[at + 1] ?? list[at]];
    from.value = String(older?.version ?? picked.version);
    to.value = String(newer?.version ?? picked.version);
    try {
      await compare();
      byId('diff-heading', HTMLElement).focus();
    } catch (error) { reportError(error); }
  }

  const timeline = byId('diff-timeline', HTMLElement);
  let timelineLoaded = false;
  async function loadTimeline() {
    if (timelineLoaded) return;
    timelineLoaded = true;
    try {
      const { agreements, agencies } = await request(TIMELINE_QUERY);
      renderTimeline(timeline, { agreements, organisations: agencies, today: today(), onPick: pick });
    } catch (error) {
      timelineLoaded = false;
      reportError(error);
    }
  }
  document.querySelector('#views [data-view="diff-view"]')?.addEventListener('click', loadTimeline);
  return { compare, loadTimeline };
}

/** @param {{ diff: CovenantDiff }} props */
function DiffResult({ diff }) {
  /** @param {AgreementSide} a */
  const side = (a) => `${a.validFrom} to ${a.validTo ?? 'open'}${a.tacitRenewal ? ', renewed tacitly' : ''}`;
  /** @param {AgreementSide} a */
  const parties = (a) => a.parties.map((p) => p.agency?.id ?? `every ${p.agencyKind}`).join(', ');
  /** @param {number} n */
  const changes = (n) => `${n} change${n === 1 ? '' : 's'}`;
  return html`
    <h3 id="diff-heading" tabindex="-1">What ${diff.to.key} changes against ${diff.from.key}</h3>
    <table>
      <caption>The two versions</caption>
      <thead><tr><th scope="col"></th><th scope="col">${diff.from.key}</th><th scope="col">${diff.to.key}</th></tr></thead>
      <tbody>
        <tr><th scope="row">Valid</th><td>${side(diff.from)}</td><td>${side(diff.to)}</td></tr>
        <tr><th scope="row">Purposes</th><td>${diff.from.purposes.map((p) => p.code).join(', ')}</td><td>${diff.to.purposes.map((p) => p.code).join(', ')}</td></tr>
        <tr><th scope="row">Regions</th><td>${diff.from.regions.map((r) => r.id).join(', ')}</td><td>${diff.to.regions.map((r) => r.id).join(', ')}</td></tr>
        <tr><th scope="row">Parties</th><td>${parties(diff.from)}</td><td>${parties(diff.to)}</td></tr>
      </tbody>
    </table>
    <p>Decided ${diff.situationsChecked} situations on both versions. ${diff.changes.length === 0 ? 'No change in who may see what.' : `${changes(diff.changes.length)} in who may see what:`}</p>
    ${diff.changes.map((change) => html`<${ChangeEntry} change=${change} />`)}
    <p>${diff.actChanges.length === 0 ? 'No change in which acts may be made or what travels with them.' : `${changes(diff.actChanges.length)} in the acts:`}</p>
    ${diff.actChanges.map((change) => html`<${ActChangeEntry} change=${change} />`)}`;
}

/**
 * @param {DecisionReason | null} reason
 * @param {Article | null} agreement
 */
function basis(reason, agreement) {
  if (!reason) return 'denied';
  return agreement ? `${agreement.key} ${agreement.article}` : reason.toLowerCase();
}

/** @param {ActGrantChange['before']} grants */
function actBasis(grants) {
  if (grants.length === 0) return 'refused';
  return html`<ul>${grants.map((grant) => html`<li>${grant.agreement.key}#${grant.agreement.article} (${grant.grantId}), ${
    grant.conditions.length ? `only when ${grant.conditions.join('; and ')}` : 'always'}</li>`)}</ul>`;
}

/** @param {{ change: ActGrantChange }} props */
function ActChangeEntry({ change }) {
  const act = change.referralKind ? `${change.act} (${change.referralKind})` : change.act;
  /** @param {string[]} fields */
  const list = (fields) => (fields.length ? fields.join(', ') : 'none');
  return html`<article class=${`change act-change ${ACT_MARKS[change.change]}`}>
    <h4><${Mark} kind=${ACT_MARKS[change.change]} label=${ACT_TITLES[change.change]} />: ${change.senderKind} to ${change.receiverKind}, ${act} for ${change.purpose}</h4>
    <${Facts} pairs=${[
      ['Before', actBasis(change.before)],
      ['After', actBasis(change.after)],
      ['Fields that travel, added', list(change.coordinatesAdded)],
      ['Fields that travel, removed', list(change.coordinatesRemoved)],
    ]} />
  </article>`;
}

/** @param {{ change: AccessChange }} props */
function ChangeEntry({ change }) {
  return html`<article class=${`change ${MARKS[change.change]}`}>
    <h4><${Mark} kind=${MARKS[change.change]} label=${TITLES[change.change]} />: ${change.viewerKind} reads ${change.ownerKind}${change.purpose ? ` for ${change.purpose}` : ''}</h4>
    <${Facts} pairs=${[
      ['Fields', change.coordinates.join(', ')],
      ['Before', basis(change.beforeReason, change.before)],
      ['After', basis(change.afterReason, change.after)],
      ['Household regions', change.regions.map((r) => (r === '*' ? 'any' : r)).join(', ')],
      ['Agencies', `${change.viewerAgencies.join(', ')} reading ${change.ownerAgencies.join(', ')}`],
      [change.change === 'LOST' ? 'Was allowed when' : 'Allowed when', change.conditions.length ? html`<ul>${change.conditions.map((c) => html`<li>${c}</li>`)}</ul>` : 'always'],
      ['For example', `${change.example} (${change.situations} situation${change.situations === 1 ? '' : 's'})`],
    ]} />
  </article>`;
}
