/**
 * The trace of a decision the audit trail recorded (Query.explainDecision), and the trace as an
 * officer of another organisation than the record's owner may see it. The trail keeps the decision
 * (agreement, article, grant, the condition that failed first), not the facts it looked at, and the
 * records may have changed since: a replay says only what the decision itself proves and marks the
 * rest not-recorded. It never recomputes facts on today's records (a household's children grow up,
 * referrals close), which is how an explanation once showed "no minors" for a family with three.
 */
import type { CompiledGrant, CompiledPolicy } from './compile.ts';
import { describeCondition, factsReadBy } from './conditions.ts';
import { agreementOf, ruleIdOf, type AccessRequest, type Decision } from './decision.ts';
import { traceAgreements, type AccessExplanation, type FactsTrace, type FactTrace, type TraceOutcome } from './explain-trace.ts';
import type { FactName } from './facts.ts';
import { grantFits } from './grant-match.ts';
import { amsterdamDay, inForceOn } from './validity.ts';
import { ownerOnDay } from './walk-grants.ts';

type Walked = { readonly conditions: readonly TraceOutcome[]; readonly outcome: TraceOutcome };

export function explainRecorded(policy: CompiledPolicy, request: Omit<AccessRequest, 'facts'>, decision: Decision): AccessExplanation {
  const day = amsterdamDay(request.at);
  const walkable = grantsWalkable(policy, request, day);
  const decisive = walkable.findIndex((grant) => grant.agreement.key === agreementOf(decision)?.key && grant.grant.id === ruleIdOf(decision));
  const all = (grant: CompiledGrant, outcome: TraceOutcome) => grant.grant.conditions.map(() => outcome);
  const known = new Map<CompiledGrant, Walked>(walkable.map((grant, i): [CompiledGrant, Walked] => {
    // A GRANT names the first grant walked that applied: those before it failed (on a condition the
    // trail does not name), it held on every condition, and none after it was looked at.
    if (decision.reason === 'GRANT' && decisive >= 0) {
      if (i < decisive) return [grant, { conditions: all(grant, 'not-recorded'), outcome: 'fails' }];
      return [grant, i === decisive ? { conditions: all(grant, 'holds'), outcome: 'holds' } : { conditions: all(grant, 'not-evaluated'), outcome: 'not-evaluated' }];
    }
    // CONDITIONS_NOT_MET names the first grant walked and its first failing condition; every grant failed.
    if (decision.reason === 'CONDITIONS_NOT_MET' && decisive === 0) {
      if (i > 0) return [grant, { conditions: all(grant, 'not-recorded'), outcome: 'fails' }];
      const failed = grant.grant.conditions.findIndex((condition) => describeCondition(condition) === decision.failedCondition);
      const conditions = failed < 0 ? all(grant, 'not-recorded') : grant.grant.conditions.map((_c, j): TraceOutcome => (j < failed ? 'holds' : j === failed ? 'fails' : 'not-evaluated'));
      return [grant, { conditions, outcome: 'fails' }];
    }
    // The recorded decision does not fit the covenants loaded now: say nothing of this grant.
    return [grant, { conditions: all(grant, 'not-recorded'), outcome: 'not-recorded' }];
  }));
  const checked = new Set<FactName>();
  for (const grant of walkable) {
    grant.grant.conditions.forEach((condition, i) => {
      if (known.get(grant)?.conditions[i] !== 'not-evaluated') for (const fact of factsReadBy(condition)) checked.add(fact);
    });
  }
  const fact = <T>(name: FactName): FactTrace<T> => ({ state: checked.has(name) ? 'not-recorded' : 'not-evaluated' });
  return {
    at: request.at, day, viewer: request.viewer, purpose: request.purpose, owner: request.owner, coordinate: request.coordinate,
    facts: {
      householdHasMinors: fact('householdHasMinors'), subjectIsMinor: fact('subjectIsMinor'), viewerInvolved: fact('viewerInvolved'),
      referrals: fact('referrals'), childRoles: fact('childRoles'),
    },
    decision,
    agreements: traceAgreements(policy, request, day, decision, (grant) => known.get(grant) ?? { conditions: all(grant, 'not-recorded'), outcome: 'not-recorded' }),
  };
}

/**
 * The trace for an officer of another organisation than the record's owner (DOMAIN rule 1: the
 * record's facts are the owner's). What the request alone decides stays (agreements, validity, which
 * grants fit, the decisive grant, which the officer's own audit entries name); whatever turns on the
 * record is withheld: facts, condition outcomes, whether a grant that fits applied. Which conditions
 * were checked is withheld too, since where the walk stopped tells which condition failed.
 */
export function withholdRecordFacts(policy: CompiledPolicy, explanation: AccessExplanation): AccessExplanation {
  const { decision } = explanation;
  const walked = decision.reason === 'PUBLIC' || decision.reason === 'OWNER' || decision.reason === 'OWNER_ONLY'
    ? [] : grantsWalkable(policy, explanation, explanation.day);
  const keys = new Set(walked.map((grant) => `${grant.agreement.key}\u0000${grant.grant.id}`));
  const readable = new Set(walked.flatMap((grant) => grant.grant.conditions.flatMap(factsReadBy)));
  const hide = <T>(name: FactName, trace: FactTrace<T>): FactTrace<T> => (readable.has(name) ? { state: 'withheld' } : trace);
  const { householdHasMinors, subjectIsMinor, viewerInvolved, referrals, childRoles } = explanation.facts;
  const facts: FactsTrace = {
    householdHasMinors: hide('householdHasMinors', householdHasMinors), subjectIsMinor: hide('subjectIsMinor', subjectIsMinor),
    viewerInvolved: hide('viewerInvolved', viewerInvolved), referrals: hide('referrals', referrals), childRoles: hide('childRoles', childRoles),
  };
  return {
    ...explanation,
    facts,
    agreements: explanation.agreements.map((agreement) => ({
      ...agreement,
      grants: agreement.grants.map((grant) => (keys.has(`${agreement.key}\u0000${grant.grantId}`)
        ? { ...grant, outcome: 'withheld', conditions: grant.conditions.map((condition) => ({ ...condition, outcome: 'withheld' })) }
        : grant)),
    })),
  };
}

/** The grants a decision on this request could walk, in the walk's order: fitting, in force, for the purpose. */
function grantsWalkable(policy: CompiledPolicy, request: Omit<AccessRequest, 'facts' | 'at'>, day: string): CompiledGrant[] {
  // Judged with the record's controller on the day, as the decision's walk judged it: a record of a
  // dissolved creator (the AMK of 2014, say) is walked as its successor's.
  const judged = { ...request, owner: ownerOnDay(policy, request.owner, day) };
  return (policy.grantsByCoordinate.get(request.coordinate) ?? [])
    .filter((grant) => grantFits(grant, judged) && inForceOn(grant.covenant, day) && grant.purposes.has(request.purpose));
}
