// Small DOM helpers for the console. Every value goes in as text (textContent / attributes), never as
// HTML, so nothing the gateway returns can inject markup.

/** Creates an element: h('td', { class: 'allowed' }, 'text', childNode, [more]) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces what a container shows. */
export function show(container, ...children) {
  container.replaceChildren();
  append(container, children);
}

/** An `<option>` list: [{ value, label }] after a first "any" option when given. */
export function fillSelect(select, items, anyLabel) {
  const options = items.map((item) => h('option', { value: item.value }, item.label));
  select.replaceChildren(...(anyLabel ? [h('option', { value: '' }, anyLabel)] : []), ...options);
}

/** A status word with a symbol, so no information is carried by colour alone; `label` replaces the word. */
export function mark(kind, label) {
  const symbols = { allowed: '\u2713', denied: '\u2717', 'owner-only': '\u{1F512}', gained: '+', lost: '\u2212', changed: '\u21C4' };
  return h('span', { class: `mark ${kind}` }, h('span', { 'aria-hidden': 'true' }, symbols[kind] ?? ''), ` ${label ?? kind.replace('-', ' ')}`);
}

/** A definition list from [term, description] pairs; empty descriptions are left out. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}
