/**
 * What the property's queries are fed: the world's BSNs and municipalities, ids as the owners see
 * their own records, and per viewer a focus on the households that concern it (its own, and those a
 * grant may open to it), so that a fair share of queries does bring data back.
 */
import { isValidBsn, type World, type WorldHousehold } from '#mock-world/index.ts';
import type { Oracle } from './oracle.ts';
import type { QueryFocus, QueryInputs } from './query-builder.ts';
import { PURPOSES, type SecurityGateway } from './security-gateway.ts';
import type { Holder } from './world-values.ts';
import type { IdKind } from '#src/households/ids.ts';

type Ids = QueryInputs['ids'];
const EMPTY_IDS: Ids = { household: [], child: [], report: [], referral: [] };

export function mergeIds(all: readonly Ids[]): Ids {
  const union = (pick: (ids: Ids) => readonly string[]) => [...new Set(all.flatMap(pick))];
  return { household: union((ids) => ids.household), child: union((ids) => ids.child), report: union((ids) => ids.report), referral: union((ids) => ids.referral) };
}

/**
 * The ids as one viewer holds them: its own pseudonyms of the records (ids are pairwise,
 * docs/identifiers.md; an owner's id opens to nothing for anyone else). `ids` are record ids.
 */
export function idsAs(gateway: SecurityGateway, agencyId: string, ids: Ids): Ids {
  const viewer = gateway.test.gateway.services.ids.of(agencyId);
  const show = (list: readonly string[]) => list.map((recordId) => {
    const shown = viewer.show(recordId);
    if (!shown) throw new Error(`${recordId} is not a record id`);
    return shown;
  });
  return { household: show(ids.household), child: show(ids.child), report: show(ids.report), referral: show(ids.referral) };
}

/**
 * The records the owners see, per world household, by the gateway's record ids (harvested as each
 * owner's ids, then opened to the record ids: `idsAs` turns them into any viewer's own). Each owner
 * is asked at a gateway whose day it exists on (an organisation gone is refused outright); its
 * successor's harvest brings the records it created once it is gone, which are the successor's then.
 */
export async function harvestIds(owners: readonly { agencyId: string; gateway: SecurityGateway }[], world: World): Promise<Map<WorldHousehold, Ids>> {
  const found = new Map<WorldHousehold, Ids>();
  for (const { agencyId, gateway } of owners) {
    const response = await gateway.ask({ agencyId, purpose: 'own-records' },
      '{ households(region: "nederland", first: 100) { edges { node { id members { bsn } children { id } reports { id } referrals { id } } } } }');
    type Node = { id: string; members: { bsn: string }[]; children: { id: string }[]; reports: { id: string }[]; referrals: { id: string }[] };
    const owner = gateway.test.gateway.services.ids.of(agencyId);
    const records = (kind: IdKind, list: readonly string[]) => list.map((id) => {
      const recordId = owner.take(kind, id);
      if (!recordId) throw new Error(`${agencyId} was given an id that is not its own`);
      return recordId;
    });
    const connection = response.body.data?.households as { edges: { node: Node }[] } | undefined;
    if (!connection) throw new Error(`${agencyId} cannot list its own households: ${JSON.stringify(response.body.errors)}`);
    for (const { node } of connection.edges) {
      const household = world.households.find((candidate) => candidate.members.some((member) => node.members.some((seen) => seen.bsn === member.bsn)));
      if (!household) throw new Error(`${agencyId} sees a household the world does not have`);
      found.set(household, mergeIds([found.get(household) ?? EMPTY_IDS, {
        household: records('household', [node.id]), child: records('child', node.children.map((child) => child.id)),
        report: records('report', node.reports.map((report) => report.id)), referral: records('referral', node.referrals.map((referral) => referral.id)),
      }]));
    }
  }
  return found;
}

/** The households that concern a viewer: its own, and those where `allows` releases some holder. */
export function focusOf(world: World, ids: ReadonlyMap<WorldHousehold, Ids>, oracle: Oracle, agencyId: string, allows: (holder: Holder) => boolean): QueryFocus | null {
  const households = new Set(world.households.filter((household) => agencyId in household.cases));
  for (const value of oracle.values.values()) {
    for (const holder of value.holders) if (!households.has(holder.household) && allows(holder)) households.add(holder.household);
  }
  if (households.size === 0) return null;
  return {
    bsns: [...households].flatMap((household) => household.members.map((member) => member.bsn)),
    municipalities: [...new Set([...households].map((household) => household.municipality))],
    ids: mergeIds([...households].map((household) => ids.get(household) ?? EMPTY_IDS)),
  };
}

/** `agencyIds`: the organisations a query may name (explainAccess's viewer); `regions`: those a list is asked for. */
export function worldInputs(world: World, named: Pick<QueryInputs, 'agencyIds' | 'regions'>): Omit<QueryInputs, 'ids'> {
  const known = new Set(world.households.flatMap((household) => household.members.map((member) => member.bsn)));
  // Two valid BSNs of nobody: a search that finds nothing must look like one that may see nothing.
  const nobody: string[] = [];
  for (let candidate = 999_999_999; nobody.length < 2; candidate--) if (isValidBsn(String(candidate)) && !known.has(String(candidate))) nobody.push(String(candidate));
  return {
    bsns: [...known, ...nobody],
    municipalities: [...new Set(world.households.map((household) => household.municipality)), 'Utrecht'],
    agencyIds: named.agencyIds,
    purposes: PURPOSES,
    regions: named.regions,
  };
}
