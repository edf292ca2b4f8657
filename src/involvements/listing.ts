/**
 * Listing a municipality through the index: which household records it holds there, clustered the way
 * the gateway clusters agencies' records into households (records sharing a person are one household;
 * households.ts clusterHouseholds does the same over BSNs), and ordered for one caller.
 *
 * The order is the caller's own: an HMAC of the cluster under a key for that organisation, so two
 * organisations' pages cannot be aligned by position (docs/identifiers.md), and the cursor a caller is
 * given is its own position, meaningless to any other. Only the page's records are then fetched, in
 * one batch per organisation (src/graph/resolvers/query.ts).
 */
import { createHmac } from 'node:crypto';
import type { IndexedHousehold } from './index-store.ts';
import { indexKey, NO_PERSON } from './rows.ts';

/** Rows ordered by organisation and household, grouped into one entry per household record. */
export function groupHouseholds(rows: readonly { organisation: string; household: string; person: string }[]): IndexedHousehold[] {
  const out: { organisation: string; household: string; persons: string[] }[] = [];
  for (const row of rows) {
    const last = out.at(-1);
    const current = last && last.organisation === row.organisation && last.household === row.household
      ? last : (out.push({ organisation: row.organisation, household: row.household, persons: [] }), out.at(-1)!);
    if (row.person !== NO_PERSON) current.persons.push(row.person);
  }
  return out;
}

export interface IndexedCluster {
  /** The caller's own position of the cluster (its cursor): an HMAC, unrelated across organisations. */
  readonly position: string;
  readonly households: readonly { readonly organisation: string; readonly household: string }[];
}

export type ListingOrder = (caller: string, clusterKey: string) => string;

/** The callers' orders: a key of its own, derived from the id secret (HKDF-SHA-256) under its own label. */
export function createListingOrder(idSecret: string): ListingOrder {
  const key = indexKey(idSecret, 'ketenpoort index listing order v1');
  return (caller, clusterKey) => `ix_${createHmac('sha256', key).update(caller).update('\u0000').update(clusterKey).digest('base64url')}`;
}

/** Union-find over shared persons; each cluster ordered by the caller's position. */
export function clusterForCaller(households: readonly IndexedHousehold[], caller: string, order: ListingOrder): IndexedCluster[] {
  const parent = households.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[index] !== root) {
      const next = parent[index]!;
      parent[index] = root;
      index = next;
    }
    return root;
  };
  const byPerson = new Map<string, number>();
  households.forEach((household, index) => {
    for (const person of household.persons) {
      const seen = byPerson.get(person);
      if (seen === undefined) byPerson.set(person, index);
      else parent[find(index)] = find(seen);
    }
  });
  const groups = new Map<number, IndexedHousehold[]>();
  households.forEach((household, index) => {
    const root = find(index);
    const group = groups.get(root);
    if (group) group.push(household);
    else groups.set(root, [household]);
  });
  return [...groups.values()].map((group) => {
    // The cluster's key: its least person, or (no person at all) its one household record.
    const persons = group.flatMap((household) => household.persons).sort();
    const key = persons[0] ?? `h:${group[0]!.organisation}:${group[0]!.household}`;
    return { position: order(caller, key), households: group.map(({ organisation, household }) => ({ organisation, household })) };
  }).sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
}
