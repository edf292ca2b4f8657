// @ts-check
// A logged decision replayed under another agreement version (Query.replayDecision), beside the decision
// as the trail recorded it: released or withheld, the reason, the grant cited, the rule and the first
// condition that failed; and whether the two differ. The replay takes the facts the trail recorded.
import { html } from './html.js';
import { formatInstant } from './dates.js';

/** @import { DecisionBasis, DecisionReplay, ReplayedFacts } from './rehearsal-queries.js' */

/** @param {DecisionBasis} basis */
const outcome = (basis) => (basis.effect === 'ALLOW' ? 'released' : 'withheld');

/** @param {DecisionBasis} basis */
const grant = (basis) => (basis.agreement ? `${basis.agreement.key} ${basis.agreement.article}` : 'none');

/** The rows of the side-by-side table: what each says of a basis. */
const ROWS = /** @type {const} */ ([
  ['Outcome', outcome],
  ['Reason', (/** @type {DecisionBasis} */ b) => b.reason],
  ['Grant cited', grant],
  ['Rule', (/** @type {DecisionBasis} */ b) => b.ruleId ?? 'none'],
  ['First condition that failed', (/** @type {DecisionBasis} */ b) => b.failedCondition ?? (b.reason === 'CONDITIONS_NOT_MET' ? 'not shown: another organisation\'s record' : 'none')],
]);

/** @param {ReplayedFacts} facts */
function recordedFacts(facts) {
  const yes = (/** @type {boolean | null} */ value) => (value === null ? 'not recorded' : value ? 'yes' : 'no');
  const referrals = facts.referrals.map((r) => `${r.kind ?? '?'} ${r.fromAgencyId ?? '?'} to ${r.toAgencyId ?? '?'} (${r.status ?? '?'})`);
  return `minors in the household: ${yes(facts.householdHasMinors)}; subject a minor: ${yes(facts.subjectIsMinor)}; viewer involved: ${yes(facts.viewerInvolved)}; `
    + `referrals: ${referrals.length ? referrals.join(', ') : 'none'}; children's roles: ${facts.childRoles.length ? facts.childRoles.join(', ') : 'none'}`;
}

/** @param {{ replay: DecisionReplay | null, id: string, version: string }} props */
export function ReplayResult({ replay, id, version }) {
  if (!replay) {
    return html`<p id="replay-summary" class="notice">The trail holds no decision ${id} in your agency's scope (it must be the viewer or the owner), so it cannot be replayed under ${version}.</p>`;
  }
  const { original, replayed } = replay;
  const change = !replay.differs ? `The same: ${outcome(original)} as logged, and ${outcome(replayed)} under ${replay.agreementVersion}.`
    : original.effect === 'ALLOW' ? `Differs: released as logged, ${replay.agreementVersion} would withhold it.`
      : `Differs: withheld as logged, ${replay.agreementVersion} would release it.`;
  const facts = replay.facts.status === 'NOT_EVALUATED'
    ? 'none recorded: no decision about the record looked at facts, so every condition on it fails in the replay (deny on doubt)'
    : replay.facts.recorded ? `as the trail recorded them: ${recordedFacts(replay.facts.recorded)}` : 'as the trail recorded them (not shown: another organisation\'s record)';
  return html`
    <article id="replay-result" aria-labelledby="replay-heading">
      <h4 id="replay-heading" tabindex="-1">Decision ${replay.decisionId} replayed under ${replay.agreementVersion}</h4>
      <p id="replay-summary" class=${replay.differs ? 'notice' : ''}><strong>${change}</strong></p>
      <dl class="facts">
        <dt>Made</dt><dd>${formatInstant(replay.at)} (judged on ${replay.day})</dd>
        <dt>Question</dt><dd>${replay.viewer.name} (${replay.viewer.id}) reads ${replay.coordinate} of ${replay.owner.name} (${replay.owner.id}) for ${replay.purpose}</dd>
        <dt>Version replaced</dt><dd>${replay.replacedVersion ?? 'none of this agreement was in force then; it was added'}</dd>
        <dt>Decided under</dt><dd>${replay.versions.join(', ')}</dd>
        <dt>Facts</dt><dd>${facts}</dd>
      </dl>
      <table id="replay-table" class="side-by-side">
        <caption>The decision as logged and as replayed</caption>
        <thead><tr>
          <th scope="col">Decision</th>
          <th scope="col">As logged${replay.replacedVersion ? ` (${replay.replacedVersion} in force)` : ''}</th>
          <th scope="col">Replayed under ${replay.agreementVersion}</th>
        </tr></thead>
        <tbody>
          ${ROWS.map(([name, say]) => {
            const [before, after] = [say(original), say(replayed)];
            return html`<tr key=${name}>
              <th scope="row">${name}</th>
              <td>${before}</td>
              <td class=${before === after ? '' : 'differs'}>${after}${before === after ? '' : ' (differs)'}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </article>`;
}
