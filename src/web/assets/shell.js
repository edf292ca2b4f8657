// @ts-check
// The console shell's components: who is signed in (with sign out), the alert, and the sign-in form.
// The token is read from the field on submit, handed on and cleared: it is never kept in a component's
// state, in storage or in a URL (graphql.js keeps it in its closure only).
import { useRef, useState } from 'preact/hooks';
import { html } from './html.js';

/** @import { ConsoleOptions } from './queries.js' */

/** @typedef {{ code: string | null, message: string }} Failure An error as the alert shows it. */

/** @param {{ me: ConsoleOptions['me'] | null, onSignOut: () => void }} props */
export function Session({ me, onSignOut }) {
  return html`
    <p id="who" aria-live="polite">${me ? `Signed in: ${me.agency.name} (${me.agency.id}), role ${me.role}, purpose ${me.purpose}.` : 'Not signed in.'}</p>
    ${me ? html`<button type="button" id="sign-out" onClick=${onSignOut}>Sign out</button>` : null}`;
}

/** @param {{ error: Failure | null }} props */
export function Alert({ error }) {
  if (!error) return null;
  return html`<p>${error.code ? html`<strong>${error.code}: </strong>` : null}${error.message}</p>`;
}

/** @param {{ onToken: (token: string) => Promise<void>, onMissing: () => void }} props */
export function SignInForm({ onToken, onMissing }) {
  const field = useRef(/** @type {HTMLInputElement | null} */ (null));
  const [busy, setBusy] = useState(false);

  /** @param {SubmitEvent} event */
  async function submit(event) {
    event.preventDefault();
    const input = field.current;
    if (!input) return;
    const token = input.value.trim();
    input.value = '';
    if (!token) {
      onMissing();
      input.focus();
      return;
    }
    setBusy(true);
    try {
      await onToken(token);
    } finally {
      setBusy(false);
    }
  }

  return html`<form id="signin-form" novalidate onSubmit=${submit} aria-busy=${busy ? 'true' : 'false'}>
    <label for="token">Privacy-officer token</label>
    <input ref=${field} type="password" id="token" name="token" autocomplete="off" spellcheck="false" required aria-describedby="token-hint" />
    <p id="token-hint" class="hint">Kept in this page only while it is open; never stored. Development:${' '}
      <code>npm run token -- --agency amk-groningen --role privacy-officer --purpose privacy-audit</code></p>
    <button type="submit" disabled=${busy}>${busy ? 'Signing in...' : 'Sign in'}</button>
  </form>`;
}
