/**
 * Shadow evaluation: for every decision the live policy makes, the shadow policy (shadow-policy.ts)
 * decides too, and where it would release or withhold otherwise the report counts it. It never
 * touches a response: the comparison reads the request's decisions once its trail is committed, in a
 * task of its own after the response is handed over, with the facts the live request had (the same
 * record, the referrals and child records it loaded). A decision that needs referrals or child records
 * the live request did not load is counted as not compared rather than judged on a guess; so is everything past the bounds, which keep
 * the work per request and the requests waiting bounded.
 */
import type { Caller } from '#src/identity/caller.ts';
import { controllersAt, createRequestPolicy, type ReferralFact } from '#src/policy/index.ts';
import type { AuditBuffer } from './audit-buffer.ts';
import type { Enforcement } from './context.ts';
import { createLoadNeed } from './facts-needed.ts';
import { factsFor, type HouseholdChild } from './facts.ts';
import type { ShadowPolicy } from './shadow-policy.ts';
import { createShadowReport, type ShadowReport, type ShadowReportView } from './shadow-report.ts';

export interface ShadowEvaluationOptions {
  readonly shadow: ShadowPolicy;
  /** When comparing began, for the report. */
  readonly since: Date;
  /** Default: a bounded in-memory report with the default limits. */
  readonly report?: ShadowReport;
  /** Runs a request's comparison later. Default setImmediate: after the response has been handed to the socket. */
  readonly defer?: (work: () => void) => void;
  /** Most requests waiting for comparison; a request beyond is counted as not compared. Default 64. */
  readonly maxPending?: number;
  /** Most decisions compared per request; the rest are counted as not compared. Default 5000. */
  readonly maxDecisionsPerRequest?: number;
  /** A comparison that failed (a bug, never the caller's concern). Default: ignored. */
  readonly onError?: (error: unknown) => void;
}

export interface ShadowEvaluation {
  readonly shadow: ShadowPolicy;
  readonly since: Date;
  /** The enforcement, noting for each request what the comparison needs (caller, time, referrals and child records loaded). */
  wrap(enforcement: Enforcement): Enforcement;
  /** The request's trail is committed: compare its decisions, later and off the response path. */
  settle(audit: AuditBuffer): void;
  /** Resolves once every settled request has been compared (tests, shutdown). */
  idle(): Promise<void>;
  /** The report as the privacy officer of `agencyId` may see it. */
  view(agencyId: string): ShadowReportView;
}

interface NotedRequest {
  readonly caller: Caller;
  readonly now: Date;
  /** By household id: the referrals the live request loaded for it. */
  readonly referrals: Map<string, readonly ReferralFact[]>;
  /** By household id: the child records the live request loaded for it. */
  readonly children: Map<string, readonly HouseholdChild[]>;
}

const NO_REFERRALS: readonly ReferralFact[] = Object.freeze([]);
const NO_CHILDREN: readonly HouseholdChild[] = Object.freeze([]);

export function createShadowEvaluation(options: ShadowEvaluationOptions): ShadowEvaluation {
  const { shadow, since } = options;
  const report = options.report ?? createShadowReport();
  const defer = options.defer ?? ((work: () => void) => void setImmediate(work));
  const maxPending = options.maxPending ?? 64;
  const maxDecisions = options.maxDecisionsPerRequest ?? 5000;
  const needs = createLoadNeed(shadow.policy);
  // Keyed by the request's audit buffer, which every enforcement wrapper passes through unchanged.
  const noted = new WeakMap<AuditBuffer, NotedRequest>();
  let pending = 0;
  let idleWaiters: (() => void)[] = [];

  const compare = (audit: AuditBuffer, { caller, now, referrals, children }: NotedRequest): void => {
    const viewer = { agencyId: caller.agencyId, kind: caller.kind, region: caller.region };
    const decisions = createRequestPolicy(shadow.policy, viewer, caller.purpose, now, shadow.versionsAt(now));
    const controllerOf = controllersAt(shadow.policy.organisations, now);
    let budget = maxDecisions;
    for (const { source, decisions: live, entered } of audit.recorded()) {
      const { owner } = source;
      const loadedReferrals = referrals.get(source.household.id);
      const loadedChildren = children.get(source.household.id);
      // The shadow decides with the record's controller on the day, as the live policy does.
      const controllerId = controllerOf(owner.agencyId);
      const controllerKind = shadow.policy.organisations.get(controllerId)?.kind ?? owner.kind;
      const recordKey = source.subjectBsn === null ? source.recordKey : `${source.recordKey}\u0000${source.subjectBsn}`;
      for (const decided of live) {
        const needed = controllerId === viewer.agencyId ? null : needs(decided.coordinate, viewer.kind, controllerKind, caller.purpose);
        const unknowable = needed !== null
          && ((loadedReferrals === undefined && needed.referrals) || (loadedChildren === undefined && needed.children));
        if (budget <= 0 || unknowable) {
          report.notCompared(viewer.agencyId, owner.agencyId, entered, 1);
          continue;
        }
        budget--;
        const loaded = { referrals: loadedReferrals ?? NO_REFERRALS, children: loadedChildren ?? NO_CHILDREN };
        const decision = decisions.decide(owner, () => factsFor(source, loaded, viewer.agencyId, now, controllerOf), decided.coordinate, recordKey);
        report.compared({
          coordinate: decided.coordinate, viewerAgencyId: viewer.agencyId, ownerAgencyId: owner.agencyId, purpose: caller.purpose,
          live: decided, shadow: decision, entered,
        });
      }
    }
  };

  const done = (): void => {
    pending--;
    if (pending > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const wake of waiters) wake();
  };

  return {
    shadow, since,
    wrap: (enforcement) => ({
      isPublic: (coordinate) => enforcement.isPublic(coordinate),
      forRequest(request) {
        const referrals = new Map<string, readonly ReferralFact[]>();
        const children = new Map<string, readonly HouseholdChild[]>();
        const inner = enforcement.forRequest({
          ...request,
          referralsOf: (household) => request.referralsOf(household).then((loaded) => {
            referrals.set(household.id, loaded);
            return loaded;
          }),
          // Without a loader the live request knows no child record; neither does the shadow then.
          childrenOf: (household) => (request.childrenOf?.(household) ?? Promise.resolve(NO_CHILDREN)).then((loaded) => {
            children.set(household.id, loaded);
            return loaded;
          }),
        });
        noted.set(inner.audit, { caller: request.caller, now: request.now, referrals, children });
        return inner;
      },
    }),
    settle(audit) {
      const request = noted.get(audit);
      if (!request) return;
      noted.delete(audit);
      if (pending >= maxPending) {
        for (const { source, decisions, entered } of audit.recorded()) {
          let count = 0;
          for (const _ of decisions) count++;
          report.notCompared(request.caller.agencyId, source.owner.agencyId, entered, count);
        }
        return;
      }
      pending++;
      defer(() => {
        try {
          compare(audit, request);
        } catch (error) {
          options.onError?.(error);
        } finally {
          done();
        }
      });
    },
    idle: () => (pending === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
    view: (agencyId) => report.view(agencyId),
  };
}
