/**
 * The trace behind a decision, for privacy officers (Query.explainAccess / explainDecision): every
 * agreement version loaded, whether it was in force, per grant whether viewer, owner, purpose and
 * coordinate matched, and what became of each condition. The decision comes from the same walk the
 * enforcement runs (walk-grants.ts), observed, so the trace can never tell a different story.
 *
 * Facts are shown only as evaluated: a fact no condition the decision checked reads is `not-evaluated`,
 * never a default; a fact the explanation may not show (another organisation's record) is `withheld`,
 * and a decision that turns on one is `undetermined`.
 */
import type { CompiledGrant, CompiledPolicy } from './compile.ts';
import { traceAgreements, type AccessExplanation, type ExplainRequest, type FactTrace, type TraceOutcome } from './explain-trace.ts';
import { WITHHELD, type FactName, type PartialFacts } from './facts.ts';
import { amsterdamDay } from './validity.ts';
import { walkGrants } from './walk-grants.ts';

export function explainAccess(policy: CompiledPolicy, request: ExplainRequest): AccessExplanation {
  const day = amsterdamDay(request.at);
  const { facts, read } = reading(request.facts);
  const steps = new Map<CompiledGrant, readonly (boolean | null)[]>();
  const decision = walkGrants(policy, request, () => facts, day, (step) => steps.set(step.grant, step.outcomes));
  const agreements = traceAgreements(policy, request, day, decision, (compiled) => {
    const outcomes = steps.get(compiled);
    // Fits, in force and for the purpose, but never checked: the decision was made before it.
    if (!outcomes) return { conditions: compiled.grant.conditions.map(() => 'not-evaluated'), outcome: 'not-evaluated' };
    const conditions = compiled.grant.conditions.map((_condition, i): TraceOutcome => (i >= outcomes.length ? 'not-evaluated' : asOutcome(outcomes[i] ?? null)));
    return { conditions, outcome: outcomes.includes(false) ? 'fails' : outcomes.includes(null) ? 'withheld' : 'holds' };
  });
  return {
    at: request.at, day, viewer: request.viewer, purpose: request.purpose, owner: request.owner, coordinate: request.coordinate,
    facts: {
      householdHasMinors: factTrace(read.has('householdHasMinors'), request.facts.householdHasMinors),
      subjectIsMinor: factTrace(read.has('subjectIsMinor'), request.facts.subjectIsMinor),
      viewerInvolved: factTrace(read.has('viewerInvolved'), request.facts.viewerInvolved),
      referrals: factTrace(read.has('referrals'), { known: request.facts.referrals, complete: request.facts.referralsComplete !== false }),
      childRoles: factTrace(read.has('childRoles'), { known: request.facts.childRoles, complete: request.facts.childRolesComplete !== false }),
    },
    decision, agreements,
  };
}

function asOutcome(outcome: boolean | null): TraceOutcome {
  return outcome === null ? 'withheld' : outcome ? 'holds' : 'fails';
}

function factTrace<T>(read: boolean, value: T | typeof WITHHELD): FactTrace<T> {
  if (!read) return { state: 'not-evaluated' };
  return value === WITHHELD ? { state: 'withheld' } : { state: 'evaluated', value };
}

/** The facts as the walk sees them, noting each one it reads: what the decision evaluated, exactly. */
function reading(facts: PartialFacts): { facts: PartialFacts; read: ReadonlySet<FactName> } {
  const read = new Set<FactName>();
  const note = <T>(name: FactName, value: T): T => {
    read.add(name);
    return value;
  };
  return {
    read,
    facts: {
      get municipality() { return note('municipality', facts.municipality); },
      get householdHasMinors() { return note('householdHasMinors', facts.householdHasMinors); },
      get subjectIsMinor() { return note('subjectIsMinor', facts.subjectIsMinor); },
      get referrals() { return note('referrals', facts.referrals); },
      get referralsComplete() { return note('referrals', facts.referralsComplete); },
      get viewerInvolved() { return note('viewerInvolved', facts.viewerInvolved); },
      get childRoles() { return note('childRoles', facts.childRoles); },
      get childRolesComplete() { return note('childRoles', facts.childRolesComplete); },
    },
  };
}
