// The console's entry: sign in with a token, then four views. Each view gets the request function and
// the options (agencies, agreement versions) loaded once at sign-in; any gateway error is shown in the
// alert region with its code, so a token of another role gets the FORBIDDEN message, not a blank page.
import { createClient } from './graphql.js';
import { h, show } from './dom.js';
import { OPTIONS_QUERY } from './queries.js';
import { createMatrixView } from './matrix-view.js';
import { createDiffView } from './diff-view.js';
import { createAuditView } from './audit-view.js';
import { createExplainView } from './explain-view.js';

const $ = (id) => document.getElementById(id);
const alertBox = $('alert');

function reportError(error) {
  show(alertBox, h('p', {}, error.code ? h('strong', {}, `${error.code}: `) : null, error.message ?? String(error)));
  alertBox.hidden = false;
}

function clearError() {
  alertBox.hidden = true;
  alertBox.replaceChildren();
}

function selectView(id) {
  for (const button of document.querySelectorAll('#views button')) button.setAttribute('aria-pressed', String(button.dataset.view === id));
  for (const view of document.querySelectorAll('.view')) view.hidden = view.id !== id;
}

async function signIn(token) {
  const request = createClient(token);
  // Errors anywhere below leave the page at sign-in, with the gateway's message.
  const options = await request(OPTIONS_QUERY);
  const explain = createExplainView({ request, reportError, clearError });
  const views = {
    matrix: createMatrixView({ request, options, reportError, clearError }),
    diff: createDiffView({ request, options, reportError, clearError }),
    audit: createAuditView({ request, options, reportError, clearError, explain: (id) => { selectView('explain-view'); explain.explain(id); } }),
    explain,
  };
  // The privacy-officer-only queries decide whether this token may use the console at all.
  await views.matrix.load();
  return { options, views };
}

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError();
  const token = $('token').value.trim();
  if (!token) return reportError({ code: 'TOKEN_MISSING', message: 'Paste a privacy-officer token first.' });
  try {
    const { options } = await signIn(token);
    const me = options.me;
    show($('who'), `Signed in: ${me.agency.name} (${me.agency.id}), role ${me.role}, purpose ${me.purpose}.`);
    $('signin').hidden = true;
    $('views').hidden = false;
    $('sign-out').hidden = false;
    selectView('matrix-view');
    $('matrix-title').focus();
  } catch (error) {
    reportError(error);
  } finally {
    $('token').value = '';
  }
});

$('sign-out').addEventListener('click', () => window.location.reload());

for (const button of document.querySelectorAll('#views button')) {
  button.addEventListener('click', () => {
    clearError();
    selectView(button.dataset.view);
    document.querySelector(`#${button.dataset.view} h2`)?.focus();
  });
}
