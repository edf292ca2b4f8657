// @ts-check
// The console's entry: sign in with a token, then four views. Each view gets the request function and
// the options (agencies, agreement versions) loaded once at sign-in; any gateway error is shown in the
// alert region with its code, so a token of another role gets the FORBIDDEN message, not a blank page.
import { createClient, GraphQLFailure } from './graphql.js';
import { byId, h, show } from './dom.js';
import { OPTIONS_QUERY } from './queries.js';
import { createMatrixView } from './matrix-view.js';
import { createDiffView } from './diff-view.js';
import { createAuditView } from './audit-view.js';
import { createExplainView } from './explain-view.js';
import { createAccessRequestView } from './access-request-view.js';
import { createRehearsalView } from './rehearsal-view.js';

const OFFICER_ROLE = 'privacy-officer';
const alertBox = byId('alert', HTMLElement);
const tokenInput = byId('token', HTMLInputElement);
const viewButtons = byId('views', HTMLElement).querySelectorAll('button');

/**
 * Shows an error: a GraphQLFailure with its code, or anything thrown.
 * @param {unknown} error
 */
function reportError(error) {
  const known = typeof error === 'object' && error !== null;
  const code = known && 'code' in error ? error.code : undefined;
  const message = known && 'message' in error ? error.message : undefined;
  show(alertBox, h('p', {}, code ? h('strong', {}, `${code}: `) : null, String(message ?? error)));
  alertBox.hidden = false;
}

function clearError() {
  alertBox.hidden = true;
  alertBox.replaceChildren();
}

/** @param {string | undefined} id The id of a view's section. */
function selectView(id) {
  for (const button of viewButtons) button.setAttribute('aria-pressed', String(button.dataset.view === id));
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
    access: createAccessRequestView({ request, reportError, clearError }),
    rehearsal: createRehearsalView({ request, options, reportError, clearError, explain: (id) => { selectView('explain-view'); explain.explain(id); } }),
  };
  // The privacy-officer-only queries decide whether this token may use the console at all.
  await views.matrix.load();
  return { options, views };
}

byId('signin-form', HTMLFormElement).addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError();
  const token = tokenInput.value.trim();
  if (!token) return reportError({ code: 'TOKEN_MISSING', message: 'Paste a privacy-officer token first.' });
  try {
    const { options } = await signIn(token);
    const me = options.me;
    show(byId('who', HTMLElement), `Signed in: ${me.agency.name} (${me.agency.id}), role ${me.role}, purpose ${me.purpose}.`);
    byId('signin', HTMLElement).hidden = true;
    byId('views', HTMLElement).hidden = false;
    byId('sign-out', HTMLButtonElement).hidden = false;
    selectView('matrix-view');
    byId('matrix-title', HTMLElement).focus();
  } catch (error) {
    reportError(error);
  } finally {
    tokenInput.value = '';
  }
});

byId('sign-out', HTMLButtonElement).addEventListener('click', () => window.location.reload());

for (const button of viewButtons) {
  button.addEventListener('click', () => {
    clearError();
    selectView(button.dataset.view);
    const heading = document.querySelector(`#${button.dataset.view} h2`);
    if (heading instanceof HTMLElement) heading.focus();
  });
}
