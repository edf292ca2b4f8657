// @ts-check
// Accesses over time: a search's entries (or requests) per day by viewer organisation, agreement version
// or purpose, drawn with uPlot from the gateway's summary (no page of entries is needed). uPlot draws on
// a canvas, so the chart's container is an image with a label saying what it shows, and the same numbers
// follow as a table; the redactions by reason are a table whose bars only repeat its numbers.
import uPlot from 'uplot';
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from './html.js';
import { plural } from './audit-requests.js';
import { nextDay } from './dates.js';

/** @import { AuditDayCount, AuditSummary } from './audit-queries.js' */

/** @typedef {'viewers' | 'agreements' | 'purposes'} Grouping */
/** @typedef {'entries' | 'requests'} Measure */

/** @type {Record<Grouping, string>} */
const GROUPINGS = { viewers: 'organisation', agreements: 'agreement', purposes: 'purpose' };
/** Distinguishable on white (3:1 at least against it); the legend and the table carry the names. */
const COLOURS = ['#1d4ed8', '#b45309', '#047857', '#9d174d', '#6d28d9', '#0f766e', '#a16207', '#374151'];

/** @type {Record<string, string>} */
const REASONS = {
  NO_GRANT: 'no agreement in force grants it',
  PURPOSE_NOT_COVERED: 'no grant lists the purpose',
  CONDITIONS_NOT_MET: 'a condition of the grant did not hold',
  OWNER_ONLY: 'never leaves the owning agency (DOMAIN rule 7)',
  FACTS_NOT_SHOWN: 'the facts a condition needs were not available',
  NOT_RECORDED: 'the entry records no decision on it',
};

/**
 * A grouping's series as the chart and the table show them.
 * @param {readonly AuditDayCount[]} counts
 * @param {Measure} measure
 * @param {(key: string | null) => string} label
 */
export function seriesOf(counts, measure, label) {
  const days = everyDay([...new Set(counts.map((count) => count.day))].sort());
  /** @type {Map<string | null, number>} */
  const totals = new Map();
  for (const count of counts) totals.set(count.key, (totals.get(count.key) ?? 0) + count[measure]);
  const keys = [...totals.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || label(a).localeCompare(label(b)));
  const series = keys.map((key) => ({
    key, label: label(key), total: totals.get(key) ?? 0,
    values: days.map((day) => counts.find((count) => count.day === day && count.key === key)?.[measure] ?? 0),
  }));
  return { days, series };
}

/** Days in a chart at most with the days between them filled in (with zeros); beyond, the days counted only. */
const MAX_FILLED_DAYS = 366;

/**
 * The days from the first to the last, each once: a day without accesses is a zero, not left out.
 * @param {string[]} days Sorted.
 */
function everyDay(days) {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return days;
  const filled = [first];
  while (filled.length <= MAX_FILLED_DAYS && (filled.at(-1) ?? last) < last) filled.push(nextDay(filled.at(-1) ?? last));
  return filled.length > MAX_FILLED_DAYS ? days : filled;
}

/**
 * @param {object} props
 * @param {AuditSummary} props.summary
 * @param {(agencyId: string) => string} props.nameOf
 */
export function AccessesOverTime({ summary, nameOf }) {
  const [grouping, setGrouping] = useState(/** @type {Grouping} */ ('viewers'));
  const [measure, setMeasure] = useState(/** @type {Measure} */ ('entries'));
  /** @param {string | null} key */
  const label = (key) => (grouping === 'viewers' && key ? nameOf(key) : key ?? 'no agreement (own records, public fields, searches)');
  const { days, series } = seriesOf(summary[grouping], measure, label);
  const described = series.map((s) => `${s.label} ${plural(s.total, measure === 'entries' ? 'entry' : 'request', measure === 'entries' ? 'entries' : 'requests')}`).join('; ');
  const ariaLabel = `Accesses per day by ${GROUPINGS[grouping]}, ${days.length ? `${days[0]} to ${days.at(-1)}` : 'no days'}: ${described || 'none'}. The table below holds the numbers.`;
  return html`
    <section class="chart-block" aria-labelledby="accesses-title">
      <h3 id="accesses-title">Accesses over time</h3>
      <div class="chart-controls">
        <fieldset>
          <legend>Group by</legend>
          ${Object.entries(GROUPINGS).map(([value, text]) => html`
            <label class="inline"><input type="radio" name="accesses-group" value=${value} checked=${grouping === value}
              onChange=${() => setGrouping(/** @type {Grouping} */ (value))} /> ${text}</label>`)}
        </fieldset>
        <fieldset>
          <legend>Count</legend>
          ${['entries', 'requests'].map((value) => html`
            <label class="inline"><input type="radio" name="accesses-measure" value=${value} checked=${measure === value}
              onChange=${() => setMeasure(/** @type {Measure} */ (value))} /> ${value}</label>`)}
        </fieldset>
      </div>
      ${days.length === 0 ? html`<p>No accesses to chart.</p>` : html`
        <div id="audit-chart" class="chart" role="img" aria-label=${ariaLabel}>
          <${Plot} days=${days} series=${series} measure=${measure} />
        </div>
        <ul class="chart-legend" aria-hidden="true">
          ${series.map((s, i) => html`<li><span class="swatch" style=${{ backgroundColor: COLOURS[i % COLOURS.length] }}></span>${s.label}</li>`)}
        </ul>`}
      <details id="accesses-details">
        <summary>The chart's numbers as a table</summary>
        <div class="scroll" role="region" aria-label="Accesses per day" tabindex="0">
          <table id="accesses-table">
            <caption>${measure === 'entries' ? 'Entries' : 'Requests'} per day by ${GROUPINGS[grouping]}</caption>
            <thead><tr><th scope="col">Day</th>${series.map((s) => html`<th scope="col">${s.label}</th>`)}</tr></thead>
            <tbody>${days.map((day, d) => html`<tr><th scope="row">${day}</th>${series.map((s) => html`<td>${s.values[d]}</td>`)}</tr>`)}</tbody>
            <tfoot><tr><th scope="row">Total</th>${series.map((s) => html`<td>${s.total}</td>`)}</tr></tfoot>
          </table>
        </div>
      </details>
    </section>`;
}

/**
 * The uPlot canvas: made when the data change, destroyed with the component.
 * @param {object} props
 * @param {string[]} props.days
 * @param {{ label: string, values: number[] }[]} props.series
 * @param {Measure} props.measure
 */
function Plot({ days, series, measure }) {
  const ref = useRef(/** @type {HTMLDivElement | null} */ (null));
  useEffect(() => {
    const target = ref.current;
    if (!target) return undefined;
    const indices = days.map((_, i) => i);
    // A label every few days, so a month's labels do not run into each other.
    const step = Math.max(1, Math.ceil(days.length / 8));
    const plot = new uPlot({
      width: Math.max(320, Math.min(900, target.parentElement?.clientWidth ?? 900)),
      height: 260,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, days.length - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.15))] } },
      axes: [
        { splits: () => indices.filter((i) => i % step === 0), values: (_u, splits) => splits.map((i) => days[i] ?? '') },
        { label: measure, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) },
      ],
      series: [{}, ...series.map((s, i) => ({
        label: s.label, stroke: COLOURS[i % COLOURS.length], width: 2,
        points: { show: true, size: 9, fill: COLOURS[i % COLOURS.length] },
      }))],
    }, [indices, ...series.map((s) => s.values)], target);
    return () => plot.destroy();
  }, [days.join(), series.map((s) => `${s.label}:${s.values.join()}`).join('|'), measure]);
  return html`<div ref=${ref}></div>`;
}

/**
 * @param {object} props
 * @param {AuditSummary['redactionsByReason']} props.reasons
 */
export function RedactionsByReason({ reasons }) {
  const most = Math.max(1, ...reasons.map((r) => r.fields));
  return html`
    <section aria-labelledby="redactions-title">
      <h3 id="redactions-title">Withheld fields by reason</h3>
      ${reasons.length === 0 ? html`<p>No field was withheld.</p>` : html`
        <table id="audit-redactions" class="bars">
          <caption>Fields withheld, by the reason of their decision</caption>
          <thead><tr><th scope="col">Reason</th><th scope="col">Fields</th><th scope="col"><span class="visually-hidden">Share</span></th></tr></thead>
          <tbody>${reasons.map((r) => html`
            <tr>
              <th scope="row">${r.reason}<br /><span class="hint">${REASONS[r.reason] ?? ''}</span></th>
              <td class="number">${r.fields}</td>
              <td class="bar-cell"><span class="bar" aria-hidden="true" style=${{ width: `${Math.round((r.fields / most) * 100)}%` }}></span></td>
            </tr>`)}
          </tbody>
        </table>`}
    </section>`;
}
