import { describe, expect, it } from 'vitest';
import type { HouseholdRecord } from '#domain/records.ts';
import { mergeHouseholds } from '../contenders/merge-households.ts';

function household(agencyId: string, localId: string, bsns: (string | null)[]): HouseholdRecord {
  return {
    type: 'Household', owner: { agencyId, kind: 'ASHG', region: 'groningen' }, localId, householdLocalId: localId, municipality: 'Groningen',
    members: bsns.map((bsn) => ({ bsn, name: null, birthDate: null, role: null })), address: null,
  };
}

describe('mergeHouseholds', () => {
  it('joins records that share a member BSN, transitively, and keys them by the lowest BSN', () => {
    const merged = mergeHouseholds([
      household('ashg', 'D1', ['300', '200']),
      household('amk', 'Z1', ['200', '100']),
      household('bjz', 'G1', ['900']),
    ]);
    expect(merged.map((group) => [group.key, group.records.map((record) => record.localId).sort()])).toEqual([
      ['b:100', ['D1', 'Z1']],
      ['b:900', ['G1']],
    ]);
  });

  it('keeps a record without any BSN as a household of its own', () => {
    const merged = mergeHouseholds([household('politie', 'ZM1', [null]), household('ashg', 'D1', ['100'])]);
    expect(merged.map((group) => group.key)).toEqual(['b:100', 'r:politie:ZM1']);
  });
});
