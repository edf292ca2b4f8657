// @ts-check
// Who shares with whom on the matrix's day: the organisations around a circle, an arrow from each owner
// to each organisation that may read some of its records, numbered; hovering an arrow shows (SVG
// <title>) its data categories, purposes and articles. The picture is one image to assistive
// technology, with a summary for its name; the numbered list after it says every arrow in words, so
// nothing is in the picture only. The purpose filter is the matrix form's.
import { html } from './html.js';
import { articleOf } from './matrix-model.js';

/** @import { AccessMatrix, MatrixSharing } from './matrix-queries.js' */
/** @import { AgencyKind } from './queries.js' */

/**
 * @typedef {object} Node
 * @property {string} id
 * @property {string} name
 * @property {AgencyKind} kind
 * @property {boolean} inRegion
 * @property {string[]} controls Names of the organisations whose records it controls on the day (successions).
 * @property {boolean} shares
 * @property {string[]} lines The short name, wrapped.
 * @property {number} x
 * @property {number} y
 * @property {number} halfHeight
 */

const KIND_ORDER = ['ASHG', 'AMK', 'VEILIG_THUIS', 'POLITIE', 'BJZ', 'CERTIFIED_INSTITUTION', 'WIJKTEAM', 'RAAD'];
const WIDTH = 1000;
const HEIGHT = 720;
const BOX_HALF_WIDTH = 92;
const LINE = 16;

/** @param {string[]} items */
const words = (items) => items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** What an arrow releases, in words: its whole categories, then the fields outside them. @param {MatrixSharing} pair */
export function releasedWords(pair) {
  const parts = [];
  if (pair.categories.length) parts.push(`${pair.categories.length === 1 ? 'category' : 'categories'} ${pair.categories.join(', ')}`);
  if (pair.otherCoordinates.length) parts.push(`${pair.otherCoordinates.length === 1 ? 'field' : 'fields'} ${pair.otherCoordinates.join(', ')}`);
  return words(parts);
}

/**
 * A name without its parenthesis, wrapped at about 22 characters.
 * @param {string} name
 */
function wrap(name) {
  const short = name.replace(/\s*\(.*\)\s*$/, '');
  /** @type {string[]} */
  const lines = [];
  for (const word of short.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= 22) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** @param {AccessMatrix} matrix @returns {Node[]} */
function placeNodes(matrix) {
  const sharing = new Set(matrix.sharing.flatMap((pair) => [pair.viewer.id, pair.owner.id]));
  const shown = matrix.organisations.filter((organisation) => (organisation.exists && organisation.inRegion) || sharing.has(organisation.agency.id));
  shown.sort((a, b) => KIND_ORDER.indexOf(a.agency.kind) - KIND_ORDER.indexOf(b.agency.kind) || a.agency.name.localeCompare(b.agency.name));
  const radius = shown.length <= 4 ? 200 : 275;
  return shown.map((organisation, i) => {
    const angle = (2 * Math.PI * i) / shown.length - Math.PI / 2;
    const lines = wrap(organisation.agency.name);
    return {
      id: organisation.agency.id, name: organisation.agency.name, kind: organisation.agency.kind, inRegion: organisation.inRegion,
      controls: matrix.organisations.filter((other) => other.controller.id === organisation.agency.id && other.agency.id !== organisation.agency.id).map((other) => other.agency.name),
      shares: sharing.has(organisation.agency.id), lines,
      x: WIDTH / 2 + radius * Math.cos(angle), y: HEIGHT / 2 + radius * Math.sin(angle), halfHeight: (lines.length * LINE + 14) / 2,
    };
  });
}

/**
 * From a box's centre towards (ux, uy) (a unit vector) to just outside its edge.
 * @param {Node} node
 * @param {number} ux
 * @param {number} uy
 */
function exit(node, ux, uy) {
  const t = Math.min(ux === 0 ? Infinity : BOX_HALF_WIDTH / Math.abs(ux), uy === 0 ? Infinity : node.halfHeight / Math.abs(uy)) + 4;
  return { x: node.x + ux * t, y: node.y + uy * t };
}

/**
 * A curved arrow from owner to viewer (curved so the two directions between a pair do not overlap).
 * @param {Node} from
 * @param {Node} to
 */
function arrow(from, to) {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  const control = { x: (from.x + to.x) / 2 - (dy / length) * 40, y: (from.y + to.y) / 2 + (dx / length) * 40 };
  const unit = (/** @type {{ x: number, y: number }} */ a, /** @type {{ x: number, y: number }} */ b) => {
    const l = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    return [(b.x - a.x) / l, (b.y - a.y) / l];
  };
  const [sx = 0, sy = 0] = unit(from, control);
  const [ex = 0, ey = 0] = unit(to, control);
  const start = exit(from, sx, sy);
  const end = exit(to, ex, ey);
  const badge = { x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x, y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y };
  const r = (/** @type {number} */ n) => Math.round(n * 10) / 10;
  return { d: `M ${r(start.x)} ${r(start.y)} Q ${r(control.x)} ${r(control.y)} ${r(end.x)} ${r(end.y)}`, badge };
}

/** @param {{ matrix: AccessMatrix, filter: string }} props */
export function SharingPicture({ matrix, filter }) {
  const nodes = placeNodes(matrix);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const grants = new Map(matrix.grants.map((grant) => [grant.id, grant]));
  const articles = (/** @type {MatrixSharing} */ pair) => pair.grantIds.flatMap((id) => { const grant = grants.get(id); return grant ? [articleOf(grant)] : []; });
  const sentence = (/** @type {MatrixSharing} */ pair) => `${pair.viewer.name} may see ${releasedWords(pair)} of ${pair.owner.name}'s records, for ${words(pair.purposes)}, under ${articles(pair).join('; ')}.`;
  const alone = nodes.filter((node) => !node.shares);
  const successions = nodes.filter((node) => node.controls.length > 0);
  const summary = `${nodes.length} organisations and ${matrix.sharing.length} ${matrix.sharing.length === 1 ? 'arrow' : 'arrows'}, each from an organisation to one that may read some of its records, ${filter}. The numbered list after the picture says each arrow in words.`;
  return html`<figure class="sharing">
    <svg id="sharing-svg" class="sharing-svg" role="img" viewBox=${`0 0 ${WIDTH} ${HEIGHT}`} aria-labelledby="sharing-svg-title" aria-describedby="sharing-svg-desc">
      <title id="sharing-svg-title">Who shares with whom, ${filter}</title>
      <desc id="sharing-svg-desc">${summary}</desc>
      <defs>
        <marker id="sharing-arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#1d4ed8" />
        </marker>
      </defs>
      ${matrix.sharing.map((pair, i) => {
        const from = byId.get(pair.owner.id);
        const to = byId.get(pair.viewer.id);
        if (!from || !to) return null;
        const { d, badge } = arrow(from, to);
        return html`<g class="edge" data-owner=${pair.owner.id} data-viewer=${pair.viewer.id}>
          <title>${`${i + 1}. ${sentence(pair)}`}</title>
          <path d=${d} fill="none" stroke="#1d4ed8" stroke-width="1.6" marker-end="url(#sharing-arrowhead)" />
          <circle cx=${badge.x} cy=${badge.y} r="11" fill="#ffffff" stroke="#1d4ed8" />
          <text x=${badge.x} y=${badge.y + 4} text-anchor="middle" class="badge">${i + 1}</text>
        </g>`;
      })}
      ${nodes.map((node) => html`<g class=${`node${node.inRegion ? '' : ' outside'}${node.shares ? '' : ' alone'}`} data-id=${node.id}>
        <title>${`${node.name} (${node.kind})${node.inRegion ? '' : ', outside the region'}${node.controls.length ? `; controls the records created by ${words(node.controls)}` : ''}${node.shares ? '' : '; shares nothing under these filters'}`}</title>
        <rect x=${node.x - BOX_HALF_WIDTH} y=${node.y - node.halfHeight} width=${2 * BOX_HALF_WIDTH} height=${2 * node.halfHeight} rx="6"
          fill=${node.shares ? '#f3f4f6' : '#ffffff'} stroke="#374151" stroke-dasharray=${node.inRegion ? null : '5 4'} />
        <text x=${node.x} y=${node.y - node.halfHeight + 7 + LINE - 3} text-anchor="middle">
          ${node.lines.map((line, l) => html`<tspan x=${node.x} dy=${l === 0 ? 0 : LINE}>${line}</tspan>`)}
        </text>
      </g>`)}
    </svg>
    <figcaption>
      Arrows run from the organisation whose records are read to the one that may read them, only when the grant's
      conditions hold; hover an arrow for its categories. A dashed box serves no municipality of the region filter.
    </figcaption>
  </figure>
  <h4 id="sharing-list-title">Who may see what of whom, in words</h4>
  ${matrix.sharing.length === 0
    ? html`<p id="sharing-none">No organisation may read any field of another's records ${filter}.</p>`
    : html`<ol id="sharing-list" aria-labelledby="sharing-list-title">${matrix.sharing.map((pair) => html`<li>${sentence(pair)}</li>`)}</ol>`}
  ${successions.length ? html`<p id="sharing-successions">${successions.map((node) => `${node.name} controls the records created by ${words(node.controls)}.`).join(' ')}</p>` : null}
  ${alone.length ? html`<p id="sharing-alone">Nothing shared with or by: ${words(alone.map((node) => node.name))}.</p>` : null}`;
}
