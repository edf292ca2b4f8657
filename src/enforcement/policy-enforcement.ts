/**
 * Enforcement by the compiled policy: the one per-request memo of decisions is the policy's own
 * RequestPolicy (a data-independent coordinate decided once per owner agency, a data-dependent one
 * once per record and subject); this module adds what the gateway needs around it: facts from the
 * assembled household, referrals loaded only where a condition can look at them, decision ids, and
 * the request's audit trail and redactions.
 */
import { randomBytes } from 'node:crypto';
import {
  controllersAt, createRequestPolicy, isDataIndependent, mayEverAllow, type CompiledPolicy, type Decided, type Decision, type ReferralFact,
} from '#src/policy/index.ts';
import type { HouseholdNode, Source } from '#src/households/nodes.ts';
import { createAuditBuffer, type AuditPseudonyms } from './audit-buffer.ts';
import type { Enforcement, EnforcementRequest, RequestEnforcement } from './context.ts';
import { createReferralNeed } from './facts-needed.ts';
import { factsFor } from './facts.ts';
import { redactionOf, type RedactionEntry } from './redaction.ts';

export interface PolicyEnforcementOptions {
  readonly policy: CompiledPolicy;
  /** Keys the pseudonyms of data subjects (`subject`) and records (`entity`) in the audit trail. */
  readonly pseudonyms: AuditPseudonyms;
}

const NO_REFERRALS: readonly ReferralFact[] = Object.freeze([]);

export function createPolicyEnforcement({ policy, pseudonyms }: PolicyEnforcementOptions): Enforcement {
  const needsReferrals = createReferralNeed(policy);
  return {
    isPublic: (coordinate) => policy.publicCoordinates.has(coordinate),
    forRequest: (request) => forRequest(policy, needsReferrals, pseudonyms, request),
  };
}

function forRequest(policy: CompiledPolicy, needsReferrals: ReturnType<typeof createReferralNeed>,
  pseudonyms: AuditPseudonyms, request: EnforcementRequest): RequestEnforcement {
  const { caller, now } = request;
  const viewer = { agencyId: caller.agencyId, kind: caller.kind, region: caller.region };
  const decisions = createRequestPolicy(policy, viewer, caller.purpose, now);
  const audit = createAuditBuffer(caller, {
    traceId: request.traceId, spanId: request.spanId ?? null, parentSpanId: request.parentSpanId ?? null, requestId: request.requestId, now,
  }, pseudonyms);
  const redactions: RedactionEntry[] = [];
  // Decision ids: one random prefix per request and a counter. As unguessable as a random id per decision
  // (the prefix carries 96 bits), at a fraction of the cost: a request of 50 households makes ~1,000.
  const decisionPrefix = `dc_${randomBytes(12).toString('base64url')}.`;
  let decisionCount = 0;
  // The memo hands out one Decision object per decision made; this names each once.
  const named = new WeakMap<Decision, Decided>();
  // By household id: one household may be assembled into more than one node in a request.
  const loadedReferrals = new Map<string, readonly ReferralFact[]>();
  const controllerOf = controllersAt(policy.organisations, now);
  const loadingReferrals = new Map<string, Promise<readonly ReferralFact[]>>();

  const decideWith = (source: Source, coordinate: string, referrals: readonly ReferralFact[]): Decided => {
    // Facts depend on the record and on the person it is about (a member's age): both key the memo.
    const recordKey = source.subjectBsn === null ? source.recordKey : `${source.recordKey}\u0000${source.subjectBsn}`;
    // The facts as evaluated are kept with the record's entry (replay); computed only when a decision looks.
    const decision = decisions.decide(source.owner, () => {
      const facts = factsFor(source, referrals, caller.agencyId, now, controllerOf);
      audit.evaluated(source, facts);
      return facts;
    }, coordinate, recordKey);
    let decided = named.get(decision);
    if (!decided) {
      decided = { ...decision, id: `${decisionPrefix}${(decisionCount++).toString(36)}` };
      named.set(decision, decided);
    }
    audit.decided(source, decided);
    return decided;
  };
  const referralsOf = (household: HouseholdNode): Promise<readonly ReferralFact[]> => {
    let loading = loadingReferrals.get(household.id);
    if (!loading) {
      loading = request.referralsOf(household).then((referrals) => {
        loadedReferrals.set(household.id, referrals);
        return referrals;
      });
      loadingReferrals.set(household.id, loading);
    }
    return loading;
  };

  return {
    decide(source, coordinate) {
      // Referrals cost a call per agency: loaded only when the decision looks at facts (another agency's
      // record, a data-dependent coordinate) and a grant that could apply has a referral condition.
      // The record is decided on as its controller's today (a predecessor's is the successor's).
      const controller = controllerOf(source.owner.agencyId);
      const needed = controller !== caller.agencyId && !isDataIndependent(policy, coordinate)
        && needsReferrals(coordinate, caller.kind, policy.organisations.get(controller)?.kind ?? source.owner.kind);
      if (!needed) return decideWith(source, coordinate, NO_REFERRALS);
      const known = loadedReferrals.get(source.household.id);
      if (known) return decideWith(source, coordinate, known);
      return referralsOf(source.household).then((referrals) => decideWith(source, coordinate, referrals));
    },
    // Filtering on a field is allowed where the viewer could ever read it: its own records, or a grant.
    mayEverRead: (coordinate) => request.callerHasRecords || mayEverAllow(policy, viewer, caller.purpose, coordinate, now),
    controls: (ownerAgencyId) => controllerOf(ownerAgencyId) === caller.agencyId,
    audit,
    redact: (path, decision) => void redactions.push(redactionOf(path, decision)),
    redactions,
  };
}
