// @ts-check
// The shadow report's counts as a bar chart (inline SVG, drawn with preact): per field, viewer, owner and
// purpose, what the shadow policy would withhold of what was released, and release of what was withheld.
// One image to assistive technology; the table beside it holds the same numbers.
import { html } from './html.js';

/** @import { ShadowDifference } from './rehearsal-queries.js' */

const WIDTH = 900;
const LABEL = 380;
const ROW = 40;
const BAR = 14;
/** Rows drawn at most; the table lists them all. */
const MAX_ROWS = 12;

/** @param {ShadowDifference} d */
export const differenceLabel = (d) => `${d.coordinate}: ${d.viewer.id} reads ${d.owner.id} (${d.purpose})`;

/** @param {{ differences: ShadowDifference[] }} props */
export function RehearsalChart({ differences }) {
  const rows = differences.slice(0, MAX_ROWS);
  const most = Math.max(1, ...rows.flatMap((d) => [d.liveAllowShadowDeny, d.liveDenyShadowAllow]));
  /** @param {number} count */
  const length = (count) => (count / most) * (WIDTH - LABEL - 170);
  const height = rows.length * ROW + 8;
  const label = `Bar chart of ${rows.length} of ${differences.length} differences: `
    + rows.map((d) => `${differenceLabel(d)}, ${d.liveAllowShadowDeny} released live would be withheld, ${d.liveDenyShadowAllow} withheld live would be released`).join('; ')
    + '. The table below gives the same numbers.';
  return html`
    <figure class="rehearsal-figure">
      <svg id="rehearsal-chart" class="rehearsal-chart" viewBox=${`0 0 ${WIDTH} ${height}`} role="img" aria-label=${label}>
        <line class="axis" x1=${LABEL} x2=${LABEL} y1="0" y2=${height} />
        ${rows.map((d, i) => {
          const top = i * ROW + 4;
          return html`
            <g class="difference" key=${differenceLabel(d)}>
              <title>${differenceLabel(d)}: ${d.liveAllowShadowDeny} released live, withheld by the shadow policy; ${d.liveDenyShadowAllow} withheld live, released by it</title>
              <text x=${LABEL - 8} y=${top + 20} text-anchor="end">${d.coordinate}</text>
              <text x=${LABEL - 8} y=${top + 34} text-anchor="end" class="sub">${d.viewer.id} reads ${d.owner.id}, ${d.purpose}</text>
              <rect class="withheld" x=${LABEL} y=${top + 3} width=${Math.max(length(d.liveAllowShadowDeny), 1)} height=${BAR} />
              <text x=${LABEL + length(d.liveAllowShadowDeny) + 6} y=${top + 14}>${d.liveAllowShadowDeny} would be withheld</text>
              <rect class="released" x=${LABEL} y=${top + 3 + BAR + 2} width=${Math.max(length(d.liveDenyShadowAllow), 1)} height=${BAR} />
              <text x=${LABEL + length(d.liveDenyShadowAllow) + 6} y=${top + 14 + BAR + 2}>${d.liveDenyShadowAllow} would be released</text>
            </g>`;
        })}
      </svg>
      <figcaption>
        <ul class="chart-legend">
          <li><span class="swatch withheld" aria-hidden="true"></span>released live, the shadow policy would withhold it (upper bar)</li>
          <li><span class="swatch released" aria-hidden="true"></span>withheld live, the shadow policy would release it (lower bar)</li>
        </ul>
      </figcaption>
    </figure>`;
}
