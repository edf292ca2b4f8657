// @ts-check
// Small DOM helpers for the console. Every value goes in as text (textContent / attributes), never as
// HTML, so nothing the gateway returns can inject markup.

/**
 * What an element gets as content: nodes, and anything else as its text; arrays are flattened (the type
 * allows three levels of nesting, the views use two), and null, undefined and false are left out.
 * @typedef {Node | string | number | boolean | null | undefined} Leaf
 * @typedef {Leaf | readonly (Leaf | readonly (Leaf | readonly Leaf[])[])[]} Child
 */

/**
 * Attributes by name: `true` for an empty attribute; false, null and undefined leave it out; a function
 * under an `on…` name (onclick) is an event listener.
 * @typedef {Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>} Attributes
 */

/** @typedef {'allowed' | 'denied' | 'owner-only' | 'gained' | 'lost' | 'changed'} MarkKind */

/**
 * Creates an element: h('td', { class: 'allowed' }, 'text', childNode, [more])
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attributes} [attributes]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/**
 * @param {Element} element
 * @param {readonly Child[]} children
 */
function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/**
 * The page's element with this id, checked to be of the kind the code uses it as (index.html has each).
 * @template {Element} E
 * @param {string} id
 * @param {{ new (): E, prototype: E }} kind e.g. HTMLInputElement
 * @returns {E}
 */
export function byId(id, kind) {
  const element = document.getElementById(id);
  if (element instanceof kind) return element;
  throw new Error(`The page has no ${kind.name} with id ${id}.`);
}

/**
 * Replaces what a container shows.
 * @param {Element} container
 * @param {...Child} children
 */
export function show(container, ...children) {
  container.replaceChildren();
  append(container, children);
}

/**
 * An `<option>` list: [{ value, label }] after a first "any" option when given.
 * @param {HTMLSelectElement} select
 * @param {readonly { value: string, label: string }[]} items
 * @param {string} [anyLabel]
 */
export function fillSelect(select, items, anyLabel) {
  const options = items.map((item) => h('option', { value: item.value }, item.label));
  select.replaceChildren(...(anyLabel ? [h('option', { value: '' }, anyLabel)] : []), ...options);
}

/**
 * A status word with a symbol, so no information is carried by colour alone; `label` replaces the word.
 * The symbols are text every system font has: owner only is U+2298 (circled slash), not the padlock
 * emoji, which shows as an empty box without an emoji font.
 * @param {MarkKind} kind
 * @param {string} [label]
 */
export function mark(kind, label) {
  /** @type {Record<MarkKind, string>} */
  const symbols = { allowed: '\u2713', denied: '\u2717', 'owner-only': '\u2298', gained: '+', lost: '\u2212', changed: '\u21C4' };
  return h('span', { class: `mark ${kind}` }, h('span', { 'aria-hidden': 'true' }, symbols[kind] ?? ''), ` ${label ?? kind.replace('-', ' ')}`);
}

/**
 * A definition list from [term, description] pairs; empty descriptions are left out.
 * @param {readonly (readonly [string, Child])[]} pairs
 */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}
