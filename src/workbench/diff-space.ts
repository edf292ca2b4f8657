/**
 * Internal to the covenant diff. The finite space a decision can depend on, cut into representatives:
 * one municipality per distinct set of regions it lies in (plus an unknown one), the agencies a grant
 * can name (plus an unnamed one of each kind, tried in every region), every combination of the facts
 * the grants' conditions look at, and the days on which some version starts, ends or is superseded.
 * Two situations with the same representative get the same decision from any of the policies given,
 * so deciding on every representative is deciding on everything.
 */
import type { AgencyKind, ChildRole, ReferralKind, ReferralStatus } from '#domain/records.ts';
import type { CompiledGrant, CompiledPolicy } from '#src/policy/index.ts';
import type { Condition, Party } from '#src/policy/index.ts';
import type { Viewer } from '#src/policy/index.ts';
import { CHILD_ROLES, type RecordFacts, type ReferralFact } from '#src/policy/index.ts';

/** A municipality standing for all those in exactly the same regions; `region` names the smallest. */
export interface Place {
  readonly municipality: string | null;
  /** Region label for reports: the smallest region it lies in, `outside every region`, or `*` (region irrelevant). */
  readonly region: string;
}

export const ANY_PLACE: Place = Object.freeze({ municipality: null, region: '*' });
export const OUTSIDE = 'outside every region';

/** One representative per distinct region membership across the policies, then the unknown municipality. */
export function representativePlaces(policies: readonly CompiledPolicy[]): Place[] {
  const regions = new Map<string, ReadonlySet<string>>();
  for (const policy of policies) for (const [id, municipalities] of policy.regionMunicipalities) regions.set(`${regions.size}:${id}`, municipalities);
  const all = [...new Set([...regions.values()].flatMap((municipalities) => [...municipalities]))].sort();
  const bySignature = new Map<string, Place>();
  for (const municipality of all) {
    const signature = [...regions].map(([, members]) => (members.has(municipality) ? '1' : '0')).join('');
    if (bySignature.has(signature)) continue;
    const containing = policies.flatMap((policy) => [...policy.regionMunicipalities].filter(([, members]) => members.has(municipality)));
    // Smallest first; on a tie the one regions.yaml lists first (it lists the specific before the including).
    containing.sort(([, x], [, y]) => x.size - y.size);
    bySignature.set(signature, { municipality, region: containing[0]?.[0] ?? OUTSIDE });
  }
  return [...bySignature.values(), { municipality: null, region: OUTSIDE }];
}

/** Every day on which some version starts, stops (no tacit renewal) or is superseded, sorted. */
export function changeDays(policies: readonly CompiledPolicy[]): string[] {
  const days = new Set<string>();
  for (const policy of policies) {
    for (const covenant of policy.covenants) {
      days.add(covenant.validFrom);
      if (covenant.validTo !== null && !covenant.tacitRenewal) days.add(addDays(covenant.validTo, 1));
      if (covenant.supersededFrom !== null) days.add(covenant.supersededFrom);
    }
  }
  return [...days].sort();
}

export interface Representatives {
  readonly viewers: readonly Viewer[];
  readonly owners: readonly Viewer[];
}

/**
 * Viewers and owners of a kind pair: every agency the grants name or the caller knows, and one
 * unnamed agency per kind (national covenants bind every agency of a kind). A viewer the caller does
 * not know is tried in every region, since `inViewerRegion` depends on it.
 */
export function representativeAgencies(viewerKind: AgencyKind, ownerKind: AgencyKind, grants: readonly CompiledGrant[],
  known: readonly Viewer[], regionIds: readonly string[]): Representatives {
  const of = (kind: AgencyKind, withRegions: boolean): Viewer[] => {
    const named = new Set<string>();
    for (const grant of grants) for (const id of grant.parties.get(kind) ?? []) named.add(id);
    const out: Viewer[] = known.filter((agency) => agency.kind === kind);
    const unknown = [...named].filter((id) => !out.some((agency) => agency.agencyId === id)).sort();
    // Distinct for viewer and owner, so two unnamed agencies of one kind are tried against each other.
    for (const agencyId of [...unknown, withRegions ? `(unnamed ${kind})` : `(unnamed ${kind} owner)`]) {
      for (const region of withRegions ? [...regionIds, ''] : ['']) out.push({ agencyId, kind, region });
    }
    return out;
  };
  return { viewers: of(viewerKind, true), owners: of(ownerKind, false) };
}

/** Every condition, anyOf's included. */
export function flatConditions(conditions: readonly Condition[]): Condition[] {
  return conditions.flatMap((condition) => (condition.kind === 'anyOf' ? [condition, ...flatConditions(condition.conditions)] : [condition]));
}

/**
 * Every combination of the facts the grants look at, for one viewer and owner: a fact no condition
 * reads is held at one value. Referrals: one candidate per direction, kind and status the conditions
 * name (and one matching none), kept when it satisfies a different set of referral conditions; then
 * every union of those sets, once.
 */
export function representativeFacts(grants: readonly CompiledGrant[], viewer: Viewer, owner: Viewer, places: readonly Place[]): { facts: RecordFacts; place: Place }[] {
  const conditions = grants.flatMap((grant) => flatConditions(grant.grant.conditions));
  const uses = (kind: Condition['kind']): boolean => conditions.some((condition) => condition.kind === kind);
  const where = uses('inCovenantRegion') || uses('inViewerRegion') || uses('inOwnerRegion') ? places : [ANY_PLACE];
  const minors = uses('householdHasMinors') ? [true, false] : [false];
  const subject = uses('subjectIsMinor') ? [true, false, null] : [null];
  const involved = uses('viewerInvolved') ? [true, false] : [false];
  // Every set of roles (two roles: four sets); a condition holds on a set when it names one of its roles.
  const roleSets = uses('childInvolvement') ? subsets(CHILD_ROLES) : [[]];
  const referralSets = representativeReferrals(conditions.filter((c) => c.kind === 'referral'), viewer, owner);
  const out: { facts: RecordFacts; place: Place }[] = [];
  for (const place of where) for (const householdHasMinors of minors) for (const subjectIsMinor of subject) {
    for (const viewerInvolved of involved) for (const childRoles of roleSets) for (const referrals of referralSets) {
      out.push({ facts: { municipality: place.municipality, householdHasMinors, subjectIsMinor, viewerInvolved, referrals, childRoles }, place });
    }
  }
  return out;
}

/** Every subset, each in the order of `values`, the empty one first. */
function subsets(values: readonly ChildRole[]): ChildRole[][] {
  return values.reduce<ChildRole[][]>((sets, value) => [...sets, ...sets.map((set) => [...set, value])], [[]]);
}

type ReferralCondition = Extract<Condition, { kind: 'referral' }>;

function representativeReferrals(conditions: readonly Condition[], viewer: Viewer, owner: Viewer): ReferralFact[][] {
  const referralConditions = conditions as readonly ReferralCondition[];
  const agency = (party: Party): string => (party === 'owner' ? owner.agencyId : viewer.agencyId);
  const kinds: (ReferralKind | null)[] = [null, ...new Set(referralConditions.flatMap((c) => c.kinds ?? []))];
  const statuses: (ReferralStatus | null)[] = [null, ...new Set(referralConditions.flatMap((c) => c.statuses ?? []))];
  const candidates = new Map<string, ReferralFact>();
  for (const from of ['owner', 'viewer'] as const) for (const to of ['owner', 'viewer'] as const) {
    for (const kind of kinds) for (const status of statuses) {
      const fact: ReferralFact = { fromAgencyId: agency(from), toAgencyId: agency(to), kind, status };
      const signature = referralConditions.map((condition) => (satisfies(fact, condition, agency) ? '1' : '0')).join('');
      if (signature.includes('1') && !candidates.has(signature)) candidates.set(signature, fact);
    }
  }
  // Every union of candidate signatures, each reached once, by its smallest set of referrals.
  const reached = new Map<string, ReferralFact[]>([['0'.repeat(referralConditions.length), []]]);
  for (const [signature, fact] of candidates) {
    for (const [union, facts] of [...reached]) {
      const next = [...union].map((bit, i) => (bit === '1' || signature[i] === '1' ? '1' : '0')).join('');
      if (!reached.has(next)) reached.set(next, [...facts, fact]);
    }
  }
  return [...reached.values()];
}

function satisfies(fact: ReferralFact, condition: ReferralCondition, agency: (party: Party) => string): boolean {
  return fact.fromAgencyId === agency(condition.from) && fact.toAgencyId === agency(condition.to)
    && (condition.kinds === null || (fact.kind !== null && condition.kinds.includes(fact.kind)))
    && (condition.statuses === null || (fact.status !== null && condition.statuses.includes(fact.status)));
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
