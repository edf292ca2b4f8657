/**
 * Enforcement by the compiled policy: the one per-request memo of decisions is the policy's own
 * RequestPolicy (a data-independent coordinate decided once per owner agency, a data-dependent one
 * once per record and subject); this module adds what the gateway needs around it: facts from the
 * assembled household, referrals and child records loaded only where a condition can look at them,
 * decision ids, and the request's audit trail and redactions.
 */
import { randomBytes } from 'node:crypto';
import {
  controllersAt, createRequestPolicy, isDataIndependent, mayEverAllow, type CompiledPolicy, type Decided, type Decision, type ReferralFact,
} from '#src/policy/index.ts';
import type { AgencyKind } from '#domain/records.ts';
import type { HouseholdNode, Source } from '#src/households/nodes.ts';
import { createAuditBuffer, type AuditPseudonyms } from './audit-buffer.ts';
import type { Enforcement, EnforcementRequest, RequestEnforcement } from './context.ts';
import { createLoadNeed, NOTHING_NEEDED } from './facts-needed.ts';
import { factsFor, type HouseholdChild, type LoadedFacts } from './facts.ts';
import { redactionOf, type RedactionEntry } from './redaction.ts';

export interface PolicyEnforcementOptions {
  readonly policy: CompiledPolicy;
  /** Keys the pseudonyms of data subjects (`subject`) and records (`entity`) in the audit trail. */
  readonly pseudonyms: AuditPseudonyms;
}

const NO_REFERRALS: readonly ReferralFact[] = Object.freeze([]);
const NO_CHILDREN: readonly HouseholdChild[] = Object.freeze([]);

export function createPolicyEnforcement({ policy, pseudonyms }: PolicyEnforcementOptions): Enforcement {
  const needs = createLoadNeed(policy);
  return {
    isPublic: (coordinate) => policy.publicCoordinates.has(coordinate),
    forRequest: (request) => forRequest(policy, needs, pseudonyms, request),
  };
}

/** One load per household and request, shared by every decision that needs it. */
function perHousehold<T>(load: (household: HouseholdNode) => Promise<T>): (household: HouseholdNode) => T | Promise<T> {
  const loaded = new Map<string, T>();
  const loading = new Map<string, Promise<T>>();
  // By household id: one household may be assembled into more than one node in a request.
  return (household) => {
    if (loaded.has(household.id)) return loaded.get(household.id)!;
    let pending = loading.get(household.id);
    if (!pending) {
      pending = load(household).then((value) => {
        loaded.set(household.id, value);
        return value;
      });
      loading.set(household.id, pending);
    }
    return pending;
  };
}

function forRequest(policy: CompiledPolicy, needs: ReturnType<typeof createLoadNeed>,
  pseudonyms: AuditPseudonyms, request: EnforcementRequest): RequestEnforcement {
  const { caller, now } = request;
  const viewer = { agencyId: caller.agencyId, kind: caller.kind, region: caller.region };
  // What a request needs only once it decides is made when it first does: a request that reads no
  // guarded field (`{ me { role } }`) pays for none of it.
  let requestPolicy: ReturnType<typeof createRequestPolicy> | null = null;
  const decisions = () => (requestPolicy ??= createRequestPolicy(policy, viewer, caller.purpose, now));
  const audit = createAuditBuffer(caller, {
    traceId: request.traceId, spanId: request.spanId ?? null, parentSpanId: request.parentSpanId ?? null, requestId: request.requestId, now,
  }, pseudonyms);
  const redactions: RedactionEntry[] = [];
  // Decision ids: one random prefix per request and a counter. As unguessable as a random id per decision
  // (the prefix carries 96 bits), at a fraction of the cost: a request of 50 households makes ~1,000.
  let decisionPrefix: string | null = null;
  let decisionCount = 0;
  // The memo hands out one Decision object per decision made; this names each once.
  const named = new WeakMap<Decision, Decided>();
  let controllerAt: ((creatorId: string) => string) | null = null;
  const controllerOf = (creatorId: string): string => (controllerAt ??= controllersAt(policy.organisations, now))(creatorId);
  const referralsOf = perHousehold((household) => request.referralsOf(household));
  const childrenOf = perHousehold((household) => request.childrenOf(household));
  // The policy decides with a record's controller on the day (its creator's successor after a merger):
  // its kind says which grants could apply, so which facts must be loaded.
  const controllerKind = (creator: Source['owner']): AgencyKind => policy.organisations.get(controllerOf(creator.agencyId))?.kind ?? creator.kind;

  const decideWith = (source: Source, coordinate: string, loaded: LoadedFacts): Decided => {
    // Facts depend on the record and on the person it is about (a member's age): both key the memo.
    const recordKey = source.subjectBsn === null ? source.recordKey : `${source.recordKey}\u0000${source.subjectBsn}`;
    // The facts as evaluated are kept with the record's entry (replay); computed only when a decision looks.
    const decision = decisions().decide(source.owner, () => {
      const facts = factsFor(source, loaded, caller.agencyId, now, controllerOf);
      audit.evaluated(source, facts);
      return facts;
    }, coordinate, recordKey);
    let decided = named.get(decision);
    if (!decided) {
      decisionPrefix ??= `dc_${randomBytes(12).toString('base64url')}.`;
      decided = { ...decision, id: `${decisionPrefix}${(decisionCount++).toString(36)}` };
      named.set(decision, decided);
    }
    audit.decided(source, decided);
    return decided;
  };

  return {
    decide(source, coordinate) {
      // Referrals and child records cost a call per agency: loaded only when the decision looks at facts
      // (another agency's record, a data-dependent coordinate) and a grant that could apply has a
      // condition on them.
      const needed = controllerOf(source.owner.agencyId) !== caller.agencyId && !isDataIndependent(policy, coordinate)
        ? needs(coordinate, caller.kind, controllerKind(source.owner), caller.purpose) : NOTHING_NEEDED;
      const referrals = needed.referrals ? referralsOf(source.household) : NO_REFERRALS;
      const children = needed.children ? childrenOf(source.household) : NO_CHILDREN;
      if (referrals instanceof Promise || children instanceof Promise) {
        return Promise.all([referrals, children]).then(([loadedReferrals, loadedChildren]) =>
          decideWith(source, coordinate, { referrals: loadedReferrals, children: loadedChildren }));
      }
      return decideWith(source, coordinate, { referrals, children });
    },
    // Filtering on a field is allowed where the viewer could ever read it: its own records, or a grant.
    mayEverRead: (coordinate) => request.callerHasRecords || mayEverAllow(policy, viewer, caller.purpose, coordinate, now),
    controls: (ownerAgencyId) => controllerOf(ownerAgencyId) === caller.agencyId,
    audit,
    redact: (path, decision) => void redactions.push(redactionOf(path, decision)),
    redactions,
  };
}
