// @ts-check
// preact's h bound to htm: components are written as tagged templates (html`<p>${text}</p>`), which need
// no JSX and no build. Values go in as text or attributes, never as HTML, as with dom.js's h.
import { h } from 'preact';
import htm from 'htm';

export const html = htm.bind(h);
