// @ts-check
// The console's entry: sign in with a token, then the views. Each view gets the request function and
// the options (agencies, agreement versions) loaded once at sign-in; any gateway error is shown in the
// alert region with its code, so a token of another role gets the FORBIDDEN message, not a blank page.
// The shell's own parts (who is signed in, the alert, the sign-in form) are preact components, rendered
// from one state here; the navigation stays markup in index.html, since each view adds its own button
// there, and one listener on it switches views.
import { render } from 'preact';
import { createClient, GraphQLFailure } from './graphql.js';
import { byId } from './dom.js';
import { html } from './html.js';
import { OPTIONS_QUERY } from './queries.js';
import { Alert, Session, SignInForm } from './shell.js';
import { createMatrixView } from './matrix-view.js';
import { createDiffView } from './diff-view.js';
import { createAuditView } from './audit-view.js';
import { createExplainView } from './explain-view.js';
import { createAccessRequestView } from './access-request-view.js';
import { createRehearsalView } from './rehearsal-view.js';

/** @import { ConsoleOptions } from './queries.js' */
/** @import { Failure } from './shell.js' */

const OFFICER_ROLE = 'privacy-officer';
const alertBox = byId('alert', HTMLElement);
const nav = byId('views', HTMLElement);

/** @type {{ me: ConsoleOptions['me'] | null, error: Failure | null }} */
let state = { me: null, error: null };

/** @param {Partial<typeof state>} change */
function update(change) {
  state = { ...state, ...change };
  render(html`<${Session} me=${state.me} onSignOut=${() => window.location.reload()} />`, byId('session', HTMLElement));
  render(html`<${Alert} error=${state.error} />`, alertBox);
  alertBox.hidden = state.error === null;
  render(state.me ? null : html`<${SignInForm} onToken=${signInWith} onMissing=${() => reportError({ code: 'TOKEN_MISSING', message: 'Paste a privacy-officer token first.' })} />`,
    byId('signin-form-root', HTMLElement));
  byId('signin', HTMLElement).hidden = state.me !== null;
  nav.hidden = state.me === null;
}

/**
 * Shows an error: a GraphQLFailure with its code, or anything thrown.
 * @param {unknown} error
 */
function reportError(error) {
  const known = typeof error === 'object' && error !== null;
  const code = known && 'code' in error ? String(error.code) : null;
  const message = known && 'message' in error ? error.message : undefined;
  update({ error: { code, message: String(message ?? error) } });
}

function clearError() {
  if (state.error !== null) update({ error: null });
}

/** @param {string | undefined} id The id of a view's section. */
function selectView(id) {
  for (const button of nav.querySelectorAll('button[data-view]')) button.setAttribute('aria-pressed', String(button instanceof HTMLElement && button.dataset.view === id));
  for (const view of document.querySelectorAll('.view')) if (view instanceof HTMLElement) view.hidden = view.id !== id;
}

/** @param {string} token */
async function signIn(token) {
  const request = createClient(token);
  // Errors anywhere below leave the page at sign-in, with the gateway's message.
  const options = await request(OPTIONS_QUERY);
  // Another role's schema has no privacy-officer queries at all (the gateway gives each caller its own), so
  // say why here rather than show the gateway's "Cannot query field". The gateway decides; this only explains.
  if (options.me.role !== OFFICER_ROLE) {
    throw new GraphQLFailure('FORBIDDEN', `Only the privacy-officer role may use this console; this token's role is ${options.me.role}.`);
  }
  const explain = createExplainView({ request, reportError, clearError });
  const views = {
    matrix: createMatrixView({ request, options, reportError, clearError }),
    diff: createDiffView({ request, options, reportError, clearError }),
    audit: createAuditView({ request, options, reportError, clearError, explain: (id) => { selectView('explain-view'); explain.explain(id); } }),
    explain,
    access: createAccessRequestView({ request, options, reportError, clearError }),
    rehearsal: createRehearsalView({ request, options, reportError, clearError, explain: (id) => { selectView('explain-view'); explain.explain(id); } }),
  };
  // The privacy-officer-only queries decide whether this token may use the console at all.
  await views.matrix.load();
  return { options, views };
}

/** @param {string} token */
async function signInWith(token) {
  clearError();
  try {
    const { options } = await signIn(token);
    update({ me: options.me });
    selectView('matrix-view');
    byId('matrix-title', HTMLElement).focus();
  } catch (error) {
    reportError(error);
  }
}

// One listener for every view's button, those other views add to index.html included.
nav.addEventListener('click', (event) => {
  const button = event.target instanceof HTMLElement ? event.target.closest('button[data-view]') : null;
  if (!(button instanceof HTMLElement)) return;
  clearError();
  selectView(button.dataset.view);
  const heading = document.querySelector(`#${button.dataset.view} h2`);
  if (heading instanceof HTMLElement) heading.focus();
});

update({});
