/**
 * The policy as one request sees it: viewer, purpose and instant fixed, decisions memoised for this
 * request only (never across requests: facts and validity may differ the next time). Fields whose
 * decision does not depend on the record are decided once per owner agency; facts are computed only
 * when a grant that fits has conditions to check.
 */
import type { OwnerTag } from '#domain/records.ts';
import type { CompiledPolicy } from './compile.ts';
import { ENGINE_RULES, type Decision, type Viewer } from './decision.ts';
import { decideAmong, decideOn, isDataIndependent } from './evaluate.ts';
import type { RecordFacts } from './facts.ts';
import { amsterdamDay } from './validity.ts';

export interface RequestPolicy {
  readonly viewer: Viewer;
  readonly purpose: string;
  readonly at: Date;
  /**
   * The decision on one field of one record. `facts` may be a function, called only when the
   * coordinate's decision depends on them; `recordKey` (e.g. `agency:localId`) keys the memo.
   */
  decide(owner: OwnerTag, facts: RecordFacts | (() => RecordFacts), coordinate: string, recordKey: string): Decision;
  /** How many decisions were computed rather than served from the memo (for tests and metrics). */
  readonly computed: number;
}

/**
 * `versions`: decide under exactly these covenant versions (`id@version`, see versions.ts) instead of
 * those in force at `at`; the shadow evaluation rehearses a policy this way. Default: validity decides.
 */
export function createRequestPolicy(policy: CompiledPolicy, viewer: Viewer, purpose: string, at: Date, versions?: ReadonlySet<string>): RequestPolicy {
  const day = amsterdamDay(at);
  const memo = new Map<string, Decision>();
  let computed = 0;
  return {
    viewer, purpose, at,
    get computed() { return computed; },
    decide(owner, facts, coordinate, recordKey) {
      if (policy.publicCoordinates.has(coordinate)) return { effect: 'allow', reason: 'PUBLIC', coordinate, ruleId: ENGINE_RULES.public };
      const independent = isDataIndependent(policy, coordinate);
      // NUL cannot occur in agency ids, record keys or coordinates, so the two parts never run together.
      const key = independent ? `owner\u0000${owner.agencyId}\u0000${coordinate}` : `record\u0000${owner.agencyId}\u0000${recordKey}\u0000${coordinate}`;
      const known = memo.get(key);
      if (known) return known;
      const factsOf = typeof facts === 'function' ? facts : () => facts;
      const decision = versions
        ? decideAmong(policy, { viewer, purpose, owner, coordinate, day }, factsOf, versions)
        : decideOn(policy, { viewer, purpose, owner, coordinate, at }, factsOf, day);
      computed++;
      memo.set(key, decision);
      return decision;
    },
  };
}
