// @ts-check
// The few DOM helpers the views use around their preact components: the page's own elements by id, and
// the options of a form's select. Values go in as text (textContent, value), never as HTML.

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
 * An `<option>` list: [{ value, label }] after a first "any" option when given.
 * @param {HTMLSelectElement} select
 * @param {readonly { value: string, label: string }[]} items
 * @param {string} [anyLabel]
 */
export function fillSelect(select, items, anyLabel) {
  /** @param {string} value @param {string} label */
  const option = (value, label) => Object.assign(document.createElement('option'), { value, textContent: label });
  select.replaceChildren(...(anyLabel ? [option('', anyLabel)] : []), ...items.map((item) => option(item.value, item.label)));
}
