/**
 * What changes in the acts (issue 13) between two compiled policies: on every point of act kind x
 * sender kind x receiver kind x referral kind x purpose that some act grant of either side names, and
 * on every day on which anything changes, the act grants in force that fit it on each side. A point
 * no grant names is refused on both sides, so this is exhaustive. Compared by meaning: what travels
 * (the union decideAct makes), each grant's agreement, article, id, conditions and named parties; a
 * new version of the same agreement granting the same is no change.
 */
import { ACT_KINDS, type ActKind } from '#domain/acts.ts';
import type { AgencyKind, ReferralKind } from '#domain/records.ts';
import type { AgreementRef, CompiledActGrant, CompiledPolicy } from '#src/policy/index.ts';
import { describeActCondition, validityOn } from '#src/policy/index.ts';
import { periodsOf, type AccessPeriod } from './diff-collect.ts';
import { AGENCY_KINDS } from './matrix-kinds.ts';

export type ActChangeKind = 'GAINED' | 'LOST' | 'CHANGED';

/** One act grant as a change cites it. */
export interface ActGrantBasis {
  readonly agreement: AgreementRef;
  readonly grantId: string;
  /** The grant's conditions in words, the sender and receiver named as such. */
  readonly conditions: readonly string[];
  /** The sending and receiving agencies it binds by name; null: every agency of the kind. */
  readonly senders: readonly string[] | null;
  readonly receivers: readonly string[] | null;
}

export interface ActGrantChange {
  readonly change: ActChangeKind;
  readonly act: ActKind;
  readonly senderKind: AgencyKind;
  readonly receiverKind: AgencyKind;
  /** The referral kind a handover or referral carries out; null for answers and feedback. */
  readonly referralKind: ReferralKind | null;
  readonly purpose: string;
  /** The grants that allowed it before (empty: refused), in the order decideAct tries them. */
  readonly before: readonly ActGrantBasis[];
  /** The grants that allow it after (empty: refused). */
  readonly after: readonly ActGrantBasis[];
  /** What travels after and did not before: everything that travels, for a gain. */
  readonly coordinatesAdded: readonly string[];
  /** What travelled before and does not after: everything, for a loss. */
  readonly coordinatesRemoved: readonly string[];
  /** Days, inclusive; empty when both sides are taken as in force on every day (diffVersions). */
  readonly periods: readonly AccessPeriod[];
}

interface Side {
  readonly grants: readonly ActGrantBasis[];
  readonly coordinates: ReadonlySet<string>;
}

interface Point {
  readonly act: ActKind;
  readonly senderKind: AgencyKind;
  readonly receiverKind: AgencyKind;
  readonly referralKind: ReferralKind | null;
  readonly purpose: string;
}

export function diffActGrants(before: CompiledPolicy, after: CompiledPolicy, days: readonly string[], kinds: readonly AgencyKind[] = AGENCY_KINDS): ActGrantChange[] {
  const changes: ActGrantChange[] = [];
  for (const point of pointsOf([...before.actGrants, ...after.actGrants], kinds)) {
    const byKey = new Map<string, { change: Omit<ActGrantChange, 'periods'>; dayIndexes: number[] }>();
    days.forEach((day, dayIndex) => {
      const change = compare(point, sideOn(before, point, day), sideOn(after, point, day));
      if (change === null) return;
      const key = JSON.stringify(change);
      const found = byKey.get(key) ?? { change, dayIndexes: [] };
      found.dayIndexes.push(dayIndex);
      byKey.set(key, found);
    });
    for (const { change, dayIndexes } of byKey.values()) changes.push({ ...change, periods: periodsOf(dayIndexes, days) });
  }
  return changes.sort((a, b) => ORDER[a.change] - ORDER[b.change] || ACT_KINDS.indexOf(a.act) - ACT_KINDS.indexOf(b.act)
    || AGENCY_KINDS.indexOf(a.senderKind) - AGENCY_KINDS.indexOf(b.senderKind) || AGENCY_KINDS.indexOf(a.receiverKind) - AGENCY_KINDS.indexOf(b.receiverKind)
    || cmp(a.referralKind ?? '', b.referralKind ?? '') || cmp(a.purpose, b.purpose) || cmp(a.periods[0]?.from ?? '', b.periods[0]?.from ?? ''));
}

const ORDER: Record<ActChangeKind, number> = { GAINED: 0, LOST: 1, CHANGED: 2 };

/** Every point some grant names, once, in a stable order. */
function pointsOf(grants: readonly CompiledActGrant[], kinds: readonly AgencyKind[]): Point[] {
  const points = new Map<string, Point>();
  for (const grant of grants) {
    for (const act of grant.acts) for (const senderKind of grant.senderKinds) for (const receiverKind of grant.receiverKinds) {
      if (!kinds.includes(senderKind) || !kinds.includes(receiverKind)) continue;
      for (const referralKind of grant.referralKinds === null ? [null] : grant.referralKinds) for (const purpose of grant.purposes) {
        points.set([act, senderKind, receiverKind, referralKind ?? '', purpose].join('|'), { act, senderKind, receiverKind, referralKind, purpose });
      }
    }
  }
  return [...points.values()];
}

/** The act grants in force on the day that fit the point, as decideAct filters them before conditions. */
function sideOn(policy: CompiledPolicy, point: Point, day: string): Side {
  const fitting = policy.actGrants.filter((grant) => {
    const validity = validityOn(grant.covenant, day);
    return (validity === 'IN_FORCE' || validity === 'TACITLY_RENEWED') && grant.acts.has(point.act)
      && grant.senderKinds.has(point.senderKind) && grant.receiverKinds.has(point.receiverKind) && grant.purposes.has(point.purpose)
      && (grant.referralKinds === null ? point.referralKind === null : point.referralKind !== null && grant.referralKinds.has(point.referralKind));
  });
  const named = (grant: CompiledActGrant, kind: AgencyKind) => {
    const agencies = grant.parties.get(kind);
    return agencies === null || agencies === undefined ? null : [...agencies].sort();
  };
  return {
    grants: fitting.map((grant) => ({
      agreement: grant.agreement, grantId: grant.grant.id, conditions: grant.grant.conditions.map(describeActCondition),
      senders: named(grant, point.senderKind), receivers: named(grant, point.receiverKind),
    })),
    coordinates: new Set(fitting.flatMap((grant) => [...grant.coordinates])),
  };
}

function compare(point: Point, was: Side, now: Side): Omit<ActGrantChange, 'periods'> | null {
  if (was.grants.length === 0 && now.grants.length === 0) return null;
  const coordinatesAdded = [...now.coordinates].filter((coordinate) => !was.coordinates.has(coordinate)).sort();
  const coordinatesRemoved = [...was.coordinates].filter((coordinate) => !now.coordinates.has(coordinate)).sort();
  // The version is left out: a new version granting the same under the same article changes nothing.
  const meaning = (side: Side) => JSON.stringify(side.grants.map(({ agreement, ...rest }) => ({ id: agreement.id, article: agreement.article, ...rest })));
  const change: ActChangeKind | null = was.grants.length === 0 ? 'GAINED' : now.grants.length === 0 ? 'LOST'
    : coordinatesAdded.length > 0 || coordinatesRemoved.length > 0 || meaning(was) !== meaning(now) ? 'CHANGED' : null;
  return change === null ? null : { change, ...point, before: was.grants, after: now.grants, coordinatesAdded, coordinatesRemoved };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
