/** The mock's indexes over the projected fixtures: the lookups BJZ's API offers, nothing more. */
import type { BjzFixtures } from './fixtures.ts';
import type { WireAanmelding, WireClient } from './wire-types.ts';

export interface ClientPageResult {
  readonly data: readonly WireClient[];
  /** Id of the last client on the page when more follow; null on the last page. */
  readonly lastId: string | null;
}

export interface BjzMockStore {
  client(id: string): WireClient | undefined;
  clientsBy(field: 'ids' | 'bsns' | 'gezinIds', values: readonly string[]): WireClient[];
  /** Clients of a municipality with an id after `afterId`, in id order. */
  page(gemeente: string, afterId: string | null, limit: number): ClientPageResult;
  aanmeldingenBy(field: 'ids' | 'clientIds', values: readonly string[]): WireAanmelding[];
}

export function createBjzMockStore(fixtures: BjzFixtures): BjzMockStore {
  const byClientKey = {
    ids: index(fixtures.clienten, (client) => [client.id]),
    // BJZ finds a client by the BSN of anyone in its gezin, the client included.
    bsns: index(fixtures.clienten, (client) => [client.bsn, ...client.gezin.gezinsleden.map((lid) => lid.bsn)]),
    gezinIds: index(fixtures.clienten, (client) => [client.gezin.id]),
  };
  const byGemeente = index(fixtures.clienten, (client) => [client.gemeente]);
  const byAanmeldingKey = {
    ids: index(fixtures.aanmeldingen, (aanmelding) => [aanmelding.id]),
    clientIds: index(fixtures.aanmeldingen, (aanmelding) => aanmelding.clientIds),
  };

  return {
    client: (id) => byClientKey.ids.get(id)?.[0],
    clientsBy: (field, values) => union(byClientKey[field], values),
    aanmeldingenBy: (field, values) => union(byAanmeldingKey[field], values),
    page(gemeente, afterId, limit) {
      const all = byGemeente.get(gemeente) ?? [];
      const start = afterId === null ? 0 : all.findIndex((client) => client.id > afterId);
      const data = start < 0 ? [] : all.slice(start, start + limit);
      const more = start >= 0 && start + limit < all.length;
      return { data, lastId: more ? data.at(-1)?.id ?? null : null };
    },
  };
}

/** Key -> records in fixture order (clients are sorted by id, so every list is too). */
function index<T>(records: readonly T[], keysOf: (record: T) => readonly (string | null)[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const record of records) {
    for (const key of new Set(keysOf(record))) {
      if (key === null) continue;
      const list = map.get(key);
      if (list) list.push(record);
      else map.set(key, [record]);
    }
  }
  return map;
}

/** Records matching any value, each once, in the order of the values asked for. */
function union<T>(map: Map<string, T[]>, values: readonly string[]): T[] {
  const found = new Set<T>();
  for (const value of values) for (const record of map.get(value) ?? []) found.add(record);
  return [...found];
}
