// @ts-check
// A status in words with a symbol, so no information is carried by colour alone. The symbols are text
// every system font has: no emoji (U+2298 circled slash for owner only, not the padlock).
import { html } from './html.js';

/** @typedef {'allowed' | 'denied' | 'owner-only' | 'partly' | 'gained' | 'lost' | 'changed'} MarkKind */

/** @type {Record<MarkKind, string>} */
const SYMBOLS = { allowed: '\u2713', denied: '\u2717', 'owner-only': '\u2298', partly: '\u25D0', gained: '+', lost: '\u2212', changed: '\u21C4' };

/** @param {{ kind: MarkKind, label?: string }} props `label` replaces the kind's word. */
export function Mark({ kind, label }) {
  return html`<span class=${`mark ${kind}`}><span aria-hidden="true">${SYMBOLS[kind]}</span> ${label ?? kind.replace('-', ' ')}</span>`;
}

/**
 * A definition list from [term, description] pairs; empty descriptions are left out.
 * @param {{ pairs: readonly (readonly [string, unknown])[] }} props
 */
export function Facts({ pairs }) {
  return html`<dl class="facts">${pairs.filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}
