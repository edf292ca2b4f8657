/**
 * The baseline's household matching, written the way a first version would: records of different
 * agencies are one household when they share a member BSN. Same rule as the gateway's cluster.ts,
 * so both serve the same households; ordered by lowest BSN instead of by sealed id.
 */
import type { HouseholdRecord } from '#domain/records.ts';

export interface MergedHousehold {
  /** Lowest member BSN, or the first record's owner and id when no record has one. */
  readonly key: string;
  readonly records: readonly HouseholdRecord[];
}

export function mergeHouseholds(records: readonly HouseholdRecord[]): MergedHousehold[] {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(key, root);
    return root;
  };
  const recordKeys = records.map((record) => `r:${record.owner.agencyId}:${record.localId}`);
  records.forEach((record, index) => {
    const key = recordKeys[index] as string;
    if (!parent.has(key)) parent.set(key, key);
    for (const member of record.members) {
      if (!member.bsn) continue;
      const bsnKey = `b:${member.bsn}`;
      if (!parent.has(bsnKey)) parent.set(bsnKey, bsnKey);
      const [a, b] = [find(key), find(bsnKey)];
      if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
    }
  });
  const groups = new Map<string, Map<string, HouseholdRecord>>();
  records.forEach((record, index) => {
    const root = find(recordKeys[index] as string);
    const group = groups.get(root) ?? new Map<string, HouseholdRecord>();
    group.set(recordKeys[index] as string, record);
    groups.set(root, group);
  });
  // 'b:' sorts before 'r:', and the union keeps the smaller key as root: the root is the lowest BSN.
  return [...groups].map(([key, group]) => ({ key, records: [...group.values()] })).sort((a, b) => (a.key < b.key ? -1 : 1));
}
