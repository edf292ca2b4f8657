// @ts-check
// The explanation of one decision as the path it took (explain-path.js): an ordered list of steps, the
// real structure, with arrows drawn in SVG as decoration; the steps passed and the one that decided
// highlighted, the ones not reached greyed, each also said in words. Only the agreement versions in force
// on the day are walked; the others are folded under a "not in force" disclosure, never set out as a grid.
import { render } from 'preact';
import { html } from './html.js';
import { byId } from './dom.js';
import { formatInstant } from './dates.js';
import { EXPLAIN_QUERY } from './queries.js';
import { CONDITION_WORDS, GRANT_WORDS, decisionPath } from './explain-path.js';

/** @import { Request } from './graphql.js' */
/** @import { DecisionExplanation } from './queries.js' */
/** @import { DecisionPath, PathStep, StepState } from './explain-path.js' */

/** @type {Record<StepState, string>} */
const STATE_WORDS = { passed: 'passed', decided: 'decided here', 'not-reached': 'not reached' };

/**
 * @param {object} context
 * @param {Request} context.request
 * @param {(error: unknown) => void} context.reportError
 * @param {() => void} context.clearError
 */
export function createExplainView({ request, reportError, clearError }) {
  const input = byId('decision-id', HTMLInputElement);
  const output = byId('explain-output', HTMLElement);
  const title = byId('explain-title', HTMLElement);

  /** @param {string} id A decision id. */
  async function explain(id) {
    clearError();
    input.value = id;
    try {
      const { explainDecision } = await request(EXPLAIN_QUERY, { id });
      render(html`<${Explanation} explanation=${explainDecision} id=${id} />`, output);
    } catch (error) {
      reportError(error);
    }
    title.focus();
  }

  byId('explain-form', HTMLFormElement).addEventListener('submit', (event) => {
    event.preventDefault();
    const id = input.value.trim();
    if (id) explain(id).catch(reportError);
  });
  return { explain };
}

/** @param {{ explanation: DecisionExplanation | null, id: string }} props */
function Explanation({ explanation: e, id }) {
  if (!e) return html`<p id="explain-summary">No decision ${id} among the entries of your agency's requests or records.</p>`;
  const path = decisionPath(e);
  const undetermined = e.effect === 'UNDETERMINED';
  const verdict = undetermined ? 'undetermined' : e.effect === 'ALLOW' ? 'released' : 'withheld';
  const basis = e.agreement ? `under ${e.agreement.key} ${e.agreement.article}` : undetermined ? 'depending on facts not shown' : `reason ${e.reason}`;
  return html`
    <p id="explain-summary" class=${`verdict ${verdict}`}><strong>${verdict}</strong>: ${e.viewer.name} ${undetermined ? 'may or may not be allowed' : e.effect === 'ALLOW' ? 'was allowed' : 'was refused'} ${e.coordinate} of a record of ${e.owner.name}, for ${e.purpose}, ${basis}.</p>
    <dl class="facts">
      <dt>Decision</dt><dd>${e.decisionId ?? id}</dd>
      <dt>When</dt><dd>${formatInstant(e.at)} (validity judged on ${e.day})</dd>
      <dt>Viewer</dt><dd>${e.viewer.name} (${e.viewer.id}), purpose ${e.purpose}</dd>
      <dt>Record of</dt><dd>${e.owner.name} (${e.owner.id}), field ${e.coordinate}</dd>
      ${e.ruleId ? html`<dt>Rule</dt><dd>${e.ruleId}</dd>` : null}
    </dl>
    <h3 id="explain-path-title">The path the decision took</h3>
    <ol class="path" id="explain-path" aria-labelledby="explain-path-title">
      ${path.steps.map((step, i) => html`<${Step} step=${step} last=${i === path.steps.length - 1} path=${path} explanation=${e} />`)}
    </ol>`;
}

/** @param {{ step: PathStep, last: boolean, path: DecisionPath, explanation: DecisionExplanation }} props */
function Step({ step, last, path, explanation }) {
  const outcome = step.id === 'outcome' ? ` outcome ${explanation.effect === 'ALLOW' ? 'released' : explanation.effect === 'DENY' ? 'withheld' : 'undetermined'}` : '';
  return html`<li class=${`step ${step.state}${outcome}`} id=${`explain-step-${step.id}`}>
    <div class="box">
      <p class="question"><strong>${step.question}</strong>${step.basis ? html` <span class="basis">(${step.basis})</span>` : null}
        ${step.id === 'outcome' ? null : html` <span class="state">${STATE_WORDS[step.state]}</span>`}</p>
      <p class="answer">${step.state === 'not-reached' ? 'not reached: the decision was made before this step' : step.answer}</p>
      ${step.id === 'agreements' ? html`<${Agreements} path=${path} explanation=${explanation} reached=${step.state !== 'not-reached'} />` : null}
      ${step.id === 'grants' && step.state !== 'not-reached' ? html`<${Grants} path=${path} explanation=${explanation} />` : null}
    </div>
    ${last ? null : html`<svg class="arrow" aria-hidden="true" focusable="false" viewBox="0 0 24 28" width="24" height="28"><path d="M12 1 V24 M5 17 L12 25 L19 17" /></svg>`}
  </li>`;
}

/** @param {{ path: DecisionPath, explanation: DecisionExplanation, reached: boolean }} props */
function Agreements({ path, explanation, reached }) {
  return html`
    ${reached && path.inForceElse.length > 0 ? html`<p class="hint">${path.inForceElse.length} other agreement version(s) in force on ${explanation.day} grant nothing on ${explanation.coordinate}.</p>` : null}
    ${path.notInForce.length === 0 ? null : html`<details class="not-in-force" id="explain-not-in-force">
      <summary>${path.notInForce.length} agreement version(s) not in force on ${explanation.day}: not looked at</summary>
      <ul>${path.notInForce.map((agreement) => html`<li><strong>${agreement.key}</strong>: ${agreement.validityText}</li>`)}</ul>
    </details>`}`;
}

/** @param {{ path: DecisionPath, explanation: DecisionExplanation }} props */
function Grants({ path, explanation }) {
  const { facts } = explanation;
  const tried = path.grants.filter((entry) => entry.misses.length === 0);
  const others = path.grants.filter((entry) => entry.misses.length > 0);
  return html`
    ${tried.length === 0 ? html`<p>No grant of an agreement in force on ${explanation.day} fits this viewer, owner, field and purpose.</p>` : html`<ul class="grants-tried" id="explain-grants">
      ${tried.map(({ agreement, grant }) => html`<li class=${grant.decisive ? 'grant decisive' : 'grant'}>
        <p><strong>${agreement} ${grant.article}</strong> (${grant.grantId})${grant.decisive ? ' - decisive' : ''}: ${GRANT_WORDS[grant.outcome]}</p>
        ${grant.conditions.length === 0 ? html`<p>No conditions.</p>` : html`<ul class="conditions">
          ${grant.conditions.map((condition) => html`<li class=${`condition ${condition.outcome.toLowerCase().replace('_', '-')}`}>${CONDITION_WORDS[condition.outcome]}: ${condition.condition}</li>`)}
        </ul>`}
      </li>`)}
    </ul>`}
    ${others.length === 0 ? null : html`<details class="not-fitting" id="explain-not-fitting">
      <summary>${others.length} other grant(s) in force name ${explanation.coordinate} but do not fit</summary>
      <ul>${others.map(({ agreement, grant, misses }) => html`<li><strong>${agreement} ${grant.article}</strong> (${grant.grantId}): ${misses.join('; ')}</li>`)}</ul>
    </details>`}
    <p class="facts-title"><strong>The facts, as the decision evaluated them</strong></p>
    <ul class="decision-facts" id="explain-facts">
      ${[facts.householdHasMinors, facts.subjectIsMinor, facts.viewerInvolved, facts.referrals, facts.childRoles].map((fact) => html`<li>${fact.text}</li>`)}
    </ul>`;
}
