/**
 * Everything one request owns: its loaders (created here, never shared), the household assembler,
 * the memoised policy decisions, the audit buffer, the redactions and the upstream failures to report.
 */
import { randomBytes } from 'node:crypto';
import type { AgencyLoaders } from '#kit/contract.ts';
import { decideOn, isDataIndependent, mayEverAllow } from '#src/policy/index.ts';
import { NO_FACTS, type ReferralFact } from '#src/policy/index.ts';
import { amsterdamDay } from '#src/policy/index.ts';
import { createAuditBuffer, type AuditBuffer, type GatewayDecision } from './audit-buffer.ts';
import type { Caller } from '#src/identity/caller.ts';
import { factsFor, loadReferralFacts } from './facts.ts';
import { createHouseholdAssembler, type HouseholdAssembler } from '../households/assembler.ts';
import type { HouseholdNode, Source } from '../households/nodes.ts';
import { redactionReasonOf, type RedactionEntry } from './redaction.ts';
import type { GatewayServices } from '../gateway/services.ts';

export interface UpstreamFailure {
  readonly agencyId: string;
  readonly error: unknown;
}

export interface RequestState {
  /** Aborted when the caller goes away: upstream calls still waiting are cancelled, none are started. */
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
  loaders(agencyId: string): AgencyLoaders | null;
  readonly households: HouseholdAssembler;
  /** The policy's decision on one field of one record, memoised for this request only. */
  decide(source: Source, coordinate: string): Promise<GatewayDecision>;
  /** Whether any grant could let this viewer read the coordinate for the declared purpose (no record needed). */
  mayEverRead(coordinate: string): boolean;
  readonly audit: AuditBuffer;
  redact(path: readonly (string | number)[], decision: GatewayDecision): void;
  readonly redactions: RedactionEntry[];
  upstreamFailed(agencyId: string, error: unknown): void;
  readonly upstreamFailures: UpstreamFailure[];
}

export function createRequestState(services: GatewayServices, caller: Caller, now: Date, requestId: string, traceId: string): RequestState {
  const controller = new AbortController();
  const scope = { signal: controller.signal };
  const loaderCache = new Map<string, AgencyLoaders>();
  const decisions = new Map<string, Promise<GatewayDecision>>();
  const referralFacts = new Map<string, Promise<ReferralFact[]>>();
  const upstreamFailures: UpstreamFailure[] = [];
  const redactions: RedactionEntry[] = [];
  const viewer = { agencyId: caller.agencyId, kind: caller.kind, region: caller.region };
  // Covenant validity is by Amsterdam calendar day: computed once for the request, not per decision.
  const day = amsterdamDay(now);
  // Decision ids: one random prefix per request and a counter. As unguessable as a random id per decision
  // (the prefix carries 96 bits), at a fraction of the cost: a request of 50 households makes ~1,000.
  const decisionPrefix = `dc_${randomBytes(12).toString('base64url')}.`;
  let decisionCount = 0;

  const loaders = (agencyId: string): AgencyLoaders | null => {
    const cached = loaderCache.get(agencyId);
    if (cached) return cached;
    const adapter = services.adapters.get(agencyId);
    if (!adapter) return null;
    const created = adapter.createLoaders(scope);
    loaderCache.set(agencyId, created);
    return created;
  };
  const upstreamFailed = (agencyId: string, error: unknown) => {
    if (!upstreamFailures.some((failure) => failure.agencyId === agencyId)) upstreamFailures.push({ agencyId, error });
  };
  const referralsOf = (household: HouseholdNode): Promise<ReferralFact[]> => {
    let found = referralFacts.get(household.id);
    if (!found) {
      found = loadReferralFacts(household, loaders, upstreamFailed);
      referralFacts.set(household.id, found);
    }
    return found;
  };
  const audit = createAuditBuffer(caller, traceId, requestId, now, services.pseudonymize);

  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    loaders,
    households: createHouseholdAssembler({
      agencyIds: [...services.adapters.keys()],
      loaders: (agencyId) => {
        const found = loaders(agencyId);
        if (!found) throw new Error(`no adapter for ${agencyId}`);
        return found;
      },
      listHouseholds: (agencyId, municipalities) => {
        const adapter = services.adapters.get(agencyId);
        return adapter ? services.listHouseholds(agencyId, municipalities, scope, (walkScope) => adapter.listHouseholds(municipalities, walkScope)) : Promise.resolve([]);
      },
      clusterListing: services.clusterListing,
      ids: services.ids,
      onUpstreamError: upstreamFailed,
    }),
    decide(source, coordinate) {
      if (!services.guards) return Promise.resolve({ id: 'unguarded', effect: 'allow', reason: 'PUBLIC', coordinate });
      const key = `${source.recordKey}|${coordinate}`;
      let found = decisions.get(key);
      if (!found) {
        found = (async () => {
          // The owner sees its own records in full (DOMAIN rule 10), and a coordinate no condition governs
          // is decided without looking at the record: in both cases no facts are needed, none are loaded.
          const factsNeeded = source.owner.agencyId !== caller.agencyId && !isDataIndependent(services.policy, coordinate);
          const referrals = factsNeeded && services.needsReferrals(coordinate, caller.kind, source.owner.kind) ? await referralsOf(source.household) : [];
          const factsOf = () => (factsNeeded ? factsFor(source, referrals, caller.agencyId, now) : NO_FACTS);
          const decision = decideOn(services.policy, { viewer, purpose: caller.purpose, owner: source.owner, coordinate, at: now }, factsOf, day);
          const withId: GatewayDecision = {
            id: `${decisionPrefix}${(decisionCount++).toString(36)}`,
            effect: decision.effect, reason: decision.reason, coordinate,
            agreement: decision.agreement ? { key: decision.agreement.key, article: decision.agreement.article } : undefined,
            ruleId: decision.ruleId, failedCondition: decision.failedCondition,
          };
          audit.decided(source, withId);
          return withId;
        })();
        decisions.set(key, found);
      }
      return found;
    },
    // Filtering on a field is allowed where the viewer could ever read it: its own records, or a grant.
    mayEverRead: (coordinate) => services.adapters.has(caller.agencyId) || mayEverAllow(services.policy, viewer, caller.purpose, coordinate, now),
    audit,
    redact(path, decision) {
      redactions.push({ path: path.map(String), coordinate: decision.coordinate, reason: redactionReasonOf(decision.reason), decisionId: decision.id });
    },
    redactions,
    upstreamFailed,
    upstreamFailures,
  };
}
