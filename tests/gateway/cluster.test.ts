import { describe, expect, it } from 'vitest';
import type { HouseholdRecord } from '#domain/records.ts';
import { clusterHouseholds, createClusterListing } from '#src/households/cluster.ts';
import { createIdSealer } from '#src/households/ids.ts';

const ids = createIdSealer('cluster-test-secret-of-enough-length');

function household(agencyId: string, localId: string, bsns: readonly (string | null)[]): HouseholdRecord {
  return {
    type: 'Household', owner: { agencyId, kind: 'ASHG', region: 'groningen' }, localId, householdLocalId: localId,
    municipality: 'Groningen', address: null,
    members: bsns.map((bsn) => ({ bsn, name: null, birthDate: null, role: null })),
  };
}

const anchorsOf = (nodes: ReturnType<typeof clusterHouseholds>) => nodes.map((node) => node.anchor).sort();

describe('clusterHouseholds', () => {
  it('joins records of different agencies that share a member, anchored on the lowest BSN', () => {
    const nodes = clusterHouseholds([
      household('ashg-groningen', 'A1', ['111222333', '999888777']),
      household('amk-groningen', 'K1', ['999888777', '123456782']),
      household('amk-groningen', 'K2', ['555666777']),
    ], ids);
    expect(anchorsOf(nodes)).toEqual(['b:111222333', 'b:555666777']);
    const joined = nodes.find((node) => node.anchor === 'b:111222333');
    expect(joined?.records.map((record) => record.localId).sort()).toEqual(['A1', 'K1']);
  });

  it('keeps a record without any BSN a household of its own', () => {
    const nodes = clusterHouseholds([household('politie-noord-nederland', 'P1', [null]), household('ashg-groningen', 'A1', ['111222333'])], ids);
    expect(anchorsOf(nodes)).toEqual(['b:111222333', 'r:politie-noord-nederland:P1']);
  });

  it('gives the same household the same sealed id whatever order the records come in', () => {
    const records = [household('ashg-groningen', 'A1', ['111222333']), household('amk-groningen', 'K1', ['111222333'])];
    expect(clusterHouseholds(records, ids).map((node) => node.id)).toEqual(clusterHouseholds([...records].reverse(), ids).map((node) => node.id));
  });
});

describe('createClusterListing', () => {
  it('hands out the nodes it made for the same listings, and clusters new listings anew', () => {
    const cluster = createClusterListing(ids);
    const ashg = [household('ashg-groningen', 'A1', ['111222333'])];
    const amk = [household('amk-groningen', 'K1', ['111222333'])];
    const first = cluster([ashg, amk]);
    expect(cluster([ashg, amk])).toBe(first);
    // A fresh walk is a new array, even with equal content: clustered again.
    const refreshed = cluster([[...ashg], amk]);
    expect(refreshed).not.toBe(first);
    expect(refreshed).toEqual(first);
    // The order of the agencies is part of the key, and so is their number.
    expect(cluster([amk, ashg])).not.toBe(first);
    expect(cluster([ashg])).not.toBe(first);
    expect(cluster([ashg, amk])).toBe(first);
    expect(cluster([])).toEqual([]);
  });
});
