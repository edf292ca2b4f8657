/**
 * Cross-agency identity: agencies' household records are the same household when they share a member
 * BSN (union-find over BSNs). The cluster's anchor is its lowest BSN; a record without any BSN (the
 * police's, when the key mapping knows nobody) stays a household of its own, anchored on the record.
 * Limits (README, "Matching"): no fuzzy matching on names or addresses; a person in two households
 * (a child of separated parents) joins them into one cluster.
 */
import type { HouseholdRecord } from '#domain/records.ts';
import type { IdSealer } from './ids.ts';
import type { HouseholdNode } from './nodes.ts';

export function recordKey(record: { readonly owner: { readonly agencyId: string }; readonly localId: string }, type: string): string {
  return `${record.owner.agencyId}:${type}:${record.localId}`;
}

export function clusterHouseholds(records: readonly HouseholdRecord[], ids: IdSealer): HouseholdNode[] {
  const unique = new Map<string, HouseholdRecord>();
  for (const record of records) unique.set(recordKey(record, 'Household'), record);
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(key, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const rootA = find(a);
    const rootB = find(b);
    if (rootA !== rootB) parent.set(rootA < rootB ? rootB : rootA, rootA < rootB ? rootA : rootB);
  };
  for (const [key, record] of unique) {
    parent.set(key, key);
    for (const member of record.members) {
      if (!member.bsn) continue;
      const bsnKey = `bsn:${member.bsn}`;
      if (!parent.has(bsnKey)) parent.set(bsnKey, bsnKey);
      union(key, bsnKey);
    }
  }
  const groups = new Map<string, HouseholdRecord[]>();
  for (const [key, record] of unique) {
    const root = find(key);
    groups.set(root, [...(groups.get(root) ?? []), record]);
  }
  return [...groups.values()].map((group) => householdNode(group, ids)).sort((a, b) => (a.id < b.id ? -1 : 1));
}

export function anchorOf(records: readonly HouseholdRecord[]): string {
  const bsns = records.flatMap((record) => record.members.map((member) => member.bsn)).filter((bsn): bsn is string => !!bsn).sort();
  if (bsns[0]) return `b:${bsns[0]}`;
  const first = [...records].sort((a, b) => recordKey(a, 'Household').localeCompare(recordKey(b, 'Household')))[0];
  return first ? recordAnchor(first.owner.agencyId, first.localId) : 'r:none';
}

/** The anchor of one agency's household record (`r:<agency>:<local id>`). */
export function recordAnchor(agencyId: string, localId: string): string {
  return `r:${agencyId}:${localId}`;
}

/** The agency's household record a record anchor names (recordAnchor's inverse), or null for any other anchor. */
export function recordOfAnchor(anchor: string): { agencyId: string; localId: string } | null {
  const [kind, agencyId, ...localId] = anchor.split(':');
  return kind === 'r' && agencyId ? { agencyId, localId: localId.join(':') } : null;
}

function householdNode(records: readonly HouseholdRecord[], ids: IdSealer): HouseholdNode {
  const anchor = anchorOf(records);
  return { id: ids.seal('household', [anchor]), anchor, records };
}

export type ClusterListing = (perAgency: readonly (readonly HouseholdRecord[])[]) => HouseholdNode[];

type Level = WeakMap<readonly HouseholdRecord[], Level | HouseholdNode[]>;

/**
 * Clustering a municipality's listing (thousands of records, each household id sealed) is the same work
 * for every request that gets the same listings from the listing cache. This memo is keyed on the
 * identity of the per-agency arrays, in nested WeakMaps: a fresh walk (cache off, expired or failed) is
 * a new array and is clustered anew, and a result lives exactly as long as the listings it was made
 * from (once the listing cache lets go of them, the garbage collector may take both). Nodes are
 * immutable and hold no decision, so sharing them across requests shares nothing a caller may not see;
 * every request still decides visibility itself.
 */
export function createClusterListing(ids: IdSealer): ClusterListing {
  // One tree per number of agencies, so a prefix of a longer key is never mistaken for a whole key.
  const roots = new Map<number, Level>();
  return (perAgency) => {
    if (perAgency.length === 0) return [];
    let level: Level = roots.get(perAgency.length) ?? new WeakMap();
    roots.set(perAgency.length, level);
    for (const list of perAgency.slice(0, -1)) {
      let next = level.get(list);
      if (!(next instanceof WeakMap)) {
        next = new WeakMap();
        level.set(list, next);
      }
      level = next;
    }
    const leaf = perAgency[perAgency.length - 1] as readonly HouseholdRecord[];
    const known = level.get(leaf);
    if (Array.isArray(known)) return known;
    const nodes = clusterHouseholds(perAgency.flat(), ids);
    level.set(leaf, nodes);
    return nodes;
  };
}
