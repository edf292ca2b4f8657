// @ts-check
// The agreement versions on a timeline (inline SVG, drawn with preact): every agreement a row, each
// version a bar over the days it grants by its own terms, its tacit renewal dashed after them, a
// marker where the next version supersedes it; below, the organisations that took over others' records
// (DOMAIN section 8) and a line for today. The picture is one image to assistive technology, with its
// summary as label and a title per bar; the same facts are in the tables under it, whose buttons (like
// a click on a bar) fill the comparison form with that version and the one before.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { agreementRows, successions, yearsSpanned } from './timeline-model.js';

/** @import { AgreementRow, Succession, VersionSpan } from './timeline-model.js' */
/** @import { TimelineAgreement, TimelineOrganisation } from './timeline-queries.js' */

const WIDTH = 1200;
const LABEL = 270;
const RIGHT = 24;
const TOP = 34;
const ROW = 26;
const BAR = 16;
const LANE_GAP = 30;

/**
 * @typedef {object} TimelineProps
 * @property {TimelineAgreement[]} agreements
 * @property {TimelineOrganisation[]} organisations
 * @property {string} today yyyy-mm-dd
 * @property {(agreement: TimelineAgreement) => void} onPick
 */

/**
 * Draws the timeline into a container (again, with new data, when called again).
 * @param {Element} container
 * @param {TimelineProps} props
 */
export function renderTimeline(container, props) {
  render(html`<${Timeline} ...${props} />`, container);
}

/** @param {string} day */
const time = (day) => Date.parse(`${day}T00:00:00Z`);

/** @param {string} text @param {number} max */
const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}\u2026` : text);

/** @param {TimelineProps} props */
function Timeline({ agreements, organisations, today, onPick }) {
  const [period, setPeriod] = useState('all');
  const rows = agreementRows(agreements);
  const lanes = successions(organisations);
  const all = yearsSpanned(rows, lanes, today);
  const year = Number(today.slice(0, 4));
  const span = period === 'all' ? all : { first: year - 2, last: year + 2 };
  const start = time(`${span.first}-01-01`);
  const end = time(`${span.last}-01-01`);
  /** @param {string} day */
  const x = (day) => LABEL + ((Math.min(Math.max(time(day), start), end) - start) / (end - start)) * (WIDTH - LABEL - RIGHT);
  /** @param {string} from @param {string | null} to null: open-ended */
  const shown = (from, to) => time(from) < end && (to === null || time(to) >= start);
  const lanesTop = TOP + rows.length * ROW + LANE_GAP;
  const height = lanesTop + lanes.length * ROW + 24;
  const versions = agreements.length;
  const inForce = agreements.filter((a) => a.inForce).map((a) => a.key);
  const summary = `Timeline of ${rows.length} agreements in ${versions} versions, ${span.first} to ${span.last}, and of ${lanes.length} organisations`
    + ` that took over others' records; today ${today}, when ${inForce.length ? inForce.join(', ') : 'none'} ${inForce.length === 1 ? 'is' : 'are'} in force.`
    + ' The tables below the picture give the same.';
  const years = [];
  const step = span.last - span.first > 12 ? 2 : 1;
  for (let y = span.first; y <= span.last; y += step) years.push(y);

  return html`
    <div class="timeline">
      <div class="filters">
        <div>
          <label for="timeline-period">Period shown</label>
          <select id="timeline-period" value=${period} onChange=${(/** @type {Event} */ event) => setPeriod(/** @type {HTMLSelectElement} */ (event.currentTarget).value)}>
            <option value="all">${all.first} to ${all.last}: every version</option>
            <option value="recent">${year - 2} to ${year + 2}: around today</option>
          </select>
        </div>
      </div>
      <div class="scroll">
        <svg id="timeline-svg" class="timeline-svg" viewBox=${`0 0 ${WIDTH} ${height}`} role="img" aria-label=${summary}>
          ${years.map((y) => html`
            <g class="year" key=${y}>
              <line x1=${x(`${y}-01-01`)} x2=${x(`${y}-01-01`)} y1=${TOP - 6} y2=${height - 4} />
              <text x=${x(`${y}-01-01`)} y=${TOP - 12} text-anchor="middle">${y}</text>
            </g>`)}
          ${rows.map((row, i) => html`<${Row} key=${row.id} row=${row} top=${TOP + i * ROW} x=${x} shown=${shown} onPick=${onPick} />`)}
          <text class="lane-heading" x="4" y=${lanesTop - 10}>Organisations: who took over whose records</text>
          ${lanes.map((lane, i) => html`<${Lane} key=${lane.successor.id} lane=${lane} top=${lanesTop + i * ROW} x=${x} start=${span.first} />`)}
          <g class="today">
            <title>Today: ${today}</title>
            <line x1=${x(today)} x2=${x(today)} y1=${TOP - 6} y2=${height - 16} />
            <text x=${x(today)} y=${height - 4} text-anchor="middle">today ${today}</text>
          </g>
        </svg>
      </div>
      <p class="hint timeline-legend">Solid: valid by its own terms (green: in force today). Dashed: renewed tacitly. A triangle: the next version supersedes it
        from that day. A diamond: an organisation takes over others' records and tasks. Click a version to compare it with the one before.</p>
      <${Tables} rows=${rows} lanes=${lanes} organisations=${organisations} onPick=${onPick} />
    </div>`;
}

/**
 * One agreement: its versions and supersessions.
 * @param {{ row: AgreementRow, top: number, x: (day: string) => number, shown: (from: string, to: string | null) => boolean, onPick: (a: TimelineAgreement) => void }} props
 */
function Row({ row, top, x, shown, onPick }) {
  const mid = top + ROW / 2;
  return html`
    <g class="agreement-row" data-agreement=${row.id}>
      <title>${row.id}: ${row.title}</title>
      <text class="row-label" x="4" y=${mid + 4}>${clip(row.id, 40)}</text>
      <line class="row-rule" x1=${LABEL} x2=${WIDTH - RIGHT} y1=${top + ROW - 1} y2=${top + ROW - 1} />
      ${row.versions.filter((span) => shown(span.from, span.renewal ? span.renewal.to : span.to)).map((span) => html`
        <${Version} key=${span.agreement.key} span=${span} top=${top} x=${x} onPick=${onPick} />`)}
      ${row.supersessions.map((s) => html`
        <g class="supersession" key=${s.to} data-key=${s.to}>
          <title>${s.to} supersedes ${s.from} from ${s.day}</title>
          <path d=${`M ${x(s.day) - 6} ${top + 2} L ${x(s.day)} ${top + 8} L ${x(s.day) - 6} ${top + 14} Z`} />
          <line x1=${x(s.day)} x2=${x(s.day)} y1=${top + 1} y2=${top + ROW - 3} />
        </g>`)}
    </g>`;
}

/**
 * One version: a solid bar over its own validity, a dashed one over its tacit renewal.
 * @param {{ span: VersionSpan, top: number, x: (day: string) => number, onPick: (a: TimelineAgreement) => void }} props
 */
function Version({ span, top, x, onPick }) {
  const y = top + (ROW - BAR) / 2;
  const from = x(span.from);
  // An open end runs to the edge of the picture.
  const to = span.to ? x(span.to) : WIDTH - RIGHT;
  const renewalEnd = span.renewal ? (span.renewal.to ? x(span.renewal.to) : WIDTH - RIGHT) : 0;
  const width = Math.max(to - from, 2);
  return html`
    <g class=${`version${span.agreement.inForce ? ' in-force' : ''}`} data-key=${span.agreement.key} onClick=${() => onPick(span.agreement)}>
      <title>${span.text}</title>
      <rect class="bar" x=${from} y=${y} width=${width} height=${BAR} rx="2" />
      ${width > 22 ? html`<text class="bar-label" x=${from + 4} y=${y + 12}>v${span.agreement.version}</text>` : null}
      ${span.renewal ? html`
        <rect class="renewal" x=${to} y=${y} width=${Math.max(renewalEnd - to, 2)} height=${BAR} rx="2" />
        ${renewalEnd - to > 28 ? html`<text class="renewal-label" x=${to + 4} y=${y + 12}>tacit</text>` : null}` : null}
      ${!span.to || (span.renewal && !span.renewal.to) ? html`<path class="open-end" d=${`M ${WIDTH - RIGHT} ${y} l 8 ${BAR / 2} l -8 ${BAR / 2} Z`} />` : null}
    </g>`;
}

/**
 * One successor organisation: its predecessors up to the day before, itself from that day.
 * @param {{ lane: Succession, top: number, x: (day: string) => number, start: number }} props
 */
function Lane({ lane, top, x, start }) {
  const y = top + (ROW - BAR) / 2;
  const day = x(lane.day);
  const left = lane.predecessors.map((p) => p.validFrom ?? `${start}-01-01`).sort()[0] ?? `${start}-01-01`;
  const names = lane.predecessors.map((p) => p.name.replace(/ \(.*\)$/, '')).join(' + ');
  return html`
    <g class="succession" data-successor=${lane.successor.id}>
      <title>${lane.text}</title>
      <text class="row-label" x="4" y=${top + ROW / 2 + 4}>${clip(lane.successor.name, 40)}</text>
      <rect class="predecessor" x=${x(left)} y=${y} width=${Math.max(day - x(left), 2)} height=${BAR} />
      ${day - x(left) > 60 ? html`<text class="predecessor-label" x=${day - 4} y=${y + 12} text-anchor="end">${clip(names, Math.floor((day - x(left)) / 6.5))}</text>` : null}
      <rect class="successor" x=${day} y=${y} width=${Math.max(WIDTH - RIGHT - day, 2)} height=${BAR} />
      ${WIDTH - RIGHT - day > 60 ? html`<text class="successor-label" x=${day + 10} y=${y + 12}>${clip(lane.successor.name, Math.floor((WIDTH - RIGHT - day) / 6.5))}</text>` : null}
      <path class="handover" d=${`M ${day} ${y - 3} l 6 ${BAR / 2 + 3} l -6 ${BAR / 2 + 3} l -6 ${-(BAR / 2 + 3)} Z`} />
    </g>`;
}

/**
 * The text alternative: every version and every organisation with an end or a beginning, in tables.
 * @param {{ rows: AgreementRow[], lanes: Succession[], organisations: TimelineOrganisation[], onPick: (a: TimelineAgreement) => void }} props
 */
function Tables({ rows, lanes, organisations, onPick }) {
  const dated = organisations.filter((o) => o.validFrom || o.validTo || o.successor);
  return html`
    <details class="timeline-tables">
      <summary>The timeline as tables</summary>
      <table id="timeline-table">
        <caption>Agreement versions and the days they grant</caption>
        <thead><tr>${['Version', 'Title', 'Valid from', 'Valid to', 'Tacit renewal', 'Superseded', 'Today', 'Changes'].map((t) => html`<th scope="col">${t}</th>`)}</tr></thead>
        <tbody>
          ${rows.flatMap((row) => row.versions.map((span) => html`
            <tr key=${span.agreement.key}>
              <th scope="row">${span.agreement.key}</th>
              <td>${span.agreement.title}</td>
              <td>${span.agreement.validFrom}</td>
              <td>${span.agreement.validTo ?? 'open-ended'}</td>
              <td>${span.renewal ? `${span.renewal.from} to ${span.renewal.to ?? 'until superseded'}${span.agreement.renewalPeriodMonths ? `, by ${span.agreement.renewalPeriodMonths} months` : ''}`
                : span.agreement.tacitRenewal ? `by ${span.agreement.renewalPeriodMonths ?? '?'} months` : 'no'}</td>
              <td>${span.agreement.supersededBy ? `by ${span.agreement.supersededBy} from ${span.agreement.supersededFrom}` : '-'}</td>
              <td>${span.agreement.inForce ? 'in force' : '-'}</td>
              <td>${span !== row.versions[0] ? html`<button type="button" class="secondary" onClick=${() => onPick(span.agreement)}>Show what ${span.agreement.key} changed</button>` : '-'}</td>
            </tr>`))}
        </tbody>
      </table>
      <table id="timeline-organisations">
        <caption>Organisations that ended or began, and who took over their records</caption>
        <thead><tr>${['Organisation', 'Kind', 'From', 'To', 'Records and tasks to'].map((t) => html`<th scope="col">${t}</th>`)}</tr></thead>
        <tbody>
          ${dated.map((o) => html`
            <tr key=${o.id}>
              <th scope="row">${o.name} (${o.id})</th>
              <td>${o.kind}</td>
              <td>${o.validFrom ?? 'before any record'}</td>
              <td>${o.validTo ?? '-'}</td>
              <td>${o.successor ? `${o.successor.name}, from ${lanes.find((lane) => lane.successor.id === o.successor?.id)?.day ?? '?'}` : '-'}</td>
            </tr>`)}
        </tbody>
      </table>
    </details>`;
}
