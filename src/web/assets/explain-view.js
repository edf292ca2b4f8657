// @ts-check
// The explanation of one decision: the recorded decision, the facts it looked at (each as evaluated, or why
// none is shown: the gateway's words), and every agreement version with how each grant matched, the grant
// the decision names outlined.
import { byId, facts, h, mark, show } from './dom.js';
import { formatInstant } from './dates.js';
import { EXPLAIN_QUERY } from './queries.js';

/** @import { Request } from './graphql.js' */
/** @import { DecisionExplanation, TraceOutcome } from './queries.js' */

/** @param {boolean | null} value */
const yes = (value) => (value ? 'yes' : 'no');

/**
 * A condition's or grant's outcome: a mark where it held or failed, words where it was not evaluated,
 * is not shown or was not recorded.
 * @param {TraceOutcome} outcome
 * @param {string} holds
 * @param {string} fails
 */
function outcomeOf(outcome, holds, fails) {
  switch (outcome) {
    case 'HOLDS': return mark('allowed', holds);
    case 'FAILS': return mark('denied', fails);
    case 'NOT_EVALUATED': return 'not evaluated';
    case 'NOT_SHOWN': return 'not shown';
    case 'NOT_RECORDED': return 'not recorded';
  }
}

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
      render(explainDecision, id);
    } catch (error) {
      reportError(error);
    }
    title.focus();
  }

  /**
   * @param {DecisionExplanation | null} explanation
   * @param {string} id
   */
  function render(explanation, id) {
    if (!explanation) {
      show(output, h('p', { id: 'explain-summary' }, `No decision ${id} among the entries of your agency's requests or records.`));
      return;
    }
    const allowed = explanation.effect === 'ALLOW';
    const undetermined = explanation.effect === 'UNDETERMINED';
    const { facts: known } = explanation;
    show(output,
      h('p', { id: 'explain-summary' }, undetermined ? 'undetermined' : mark(allowed ? 'allowed' : 'denied', allowed ? 'released' : 'withheld'),
        `: ${explanation.viewer.name} ${undetermined ? 'may or may not be allowed' : allowed ? 'was allowed' : 'was refused'} ${explanation.coordinate} of a record of ${explanation.owner.name}, for ${explanation.purpose}, `,
        explanation.agreement ? `under ${explanation.agreement.key} ${explanation.agreement.article}` : undetermined ? 'depending on facts not shown' : `reason ${explanation.reason}`, '.'),
      facts([
        ['Decision', explanation.decisionId],
        ['When', `${formatInstant(explanation.at)} (validity judged on ${explanation.day})`],
        ['Reason', explanation.reason],
        ['Agreement and article', explanation.agreement ? `${explanation.agreement.key} ${explanation.agreement.article}` : 'none'],
        ['Rule', explanation.ruleId],
        ['Condition that did not hold', explanation.failedCondition],
        ['What the caller saw', undetermined ? null : explanation.redactionReason ? `withheld (${explanation.redactionReason})` : 'released'],
        ['Facts', h('ul', { class: 'decisions', id: 'explain-facts' }, [known.householdHasMinors, known.subjectIsMinor, known.viewerInvolved, known.referrals, known.childRoles].map((fact) => h('li', {}, fact.text)))],
      ]),
      h('h3', {}, 'Every agreement version considered'),
      explanation.agreements.map((agreement) => h('section', { 'aria-label': agreement.key },
        h('h4', {}, `${agreement.key}: ${agreement.validityText}`),
        agreement.grants.length === 0 ? null : h('table', {},
          h('caption', {}, `Grants of ${agreement.key}`),
          h('thead', {}, h('tr', {}, ['Grant', 'Viewer kind / party', 'Owner kind / party', 'Purpose', 'Field', 'Conditions', 'Applies'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, agreement.grants.map((grant) => h('tr', { class: grant.decisive ? 'decisive' : null },
            h('th', { scope: 'row' }, `${grant.article} (${grant.grantId})${grant.decisive ? ' - decisive' : ''}`),
            h('td', {}, `${yes(grant.viewerKindMatched)} / ${yes(grant.viewerIsParty)}`),
            h('td', {}, `${yes(grant.ownerKindMatched)} / ${yes(grant.ownerIsParty)}`),
            h('td', {}, yes(grant.purposeMatched)), h('td', {}, yes(grant.coordinateMatched)),
            h('td', {}, grant.conditions.length ? h('ul', { class: 'decisions' }, grant.conditions.map((c) => h('li', {}, outcomeOf(c.outcome, 'holds', 'fails'), `: ${c.condition}`))) : 'none'),
            h('td', { class: grant.outcome === 'HOLDS' ? 'allowed' : grant.outcome === 'FAILS' ? 'denied' : null }, outcomeOf(grant.outcome, 'applies', 'does not apply')))))))));
  }

  byId('explain-form', HTMLFormElement).addEventListener('submit', (event) => {
    event.preventDefault();
    const id = input.value.trim();
    if (id) explain(id).catch(reportError);
  });
  return { explain };
}
