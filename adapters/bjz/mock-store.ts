/**
 * The mock's indexes over the projected fixtures: the lookups BJZ's API offers, nothing more. What the
 * inbound operations receive (issue 13) and the gezinnen testers add or remove (issue 12) change this
 * store only.
 */
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
  /** Registers a new client (a new id), in id order wherever it is indexed. */
  addClient(client: WireClient): void;
  /** Adds an aanmelding (a new id), after those there are. */
  addAanmelding(aanmelding: WireAanmelding): void;
  /** Takes a gezin's clients and the aanmeldingen filed on it out of every index; false when it has no clients. */
  removeGezin(gezinId: string): boolean;
}

// BJZ finds a client by the BSN of anyone in its gezin, the client included.
const clientBsns = (client: WireClient) => [client.bsn, ...client.gezin.gezinsleden.map((lid) => lid.bsn)];

export function createBjzMockStore(fixtures: BjzFixtures): BjzMockStore {
  const byClientKey = {
    ids: index(fixtures.clienten, (client) => [client.id]),
    bsns: index(fixtures.clienten, clientBsns),
    gezinIds: index(fixtures.clienten, (client) => [client.gezin.id]),
  };
  const byGemeente = index(fixtures.clienten, (client) => [client.gemeente]);
  const byAanmeldingKey = {
    ids: index(fixtures.aanmeldingen, (aanmelding) => [aanmelding.id]),
    clientIds: index(fixtures.aanmeldingen, (aanmelding) => aanmelding.clientIds),
  };
  const inIdOrder = (client: WireClient) => (other: WireClient) => other.id > client.id;

  return {
    client: (id) => byClientKey.ids.get(id)?.[0],
    clientsBy: (field, values) => union(byClientKey[field], values),
    aanmeldingenBy: (field, values) => union(byAanmeldingKey[field], values),
    addClient(client) {
      insert(byClientKey.ids, [client.id], client, inIdOrder(client));
      insert(byClientKey.bsns, clientBsns(client), client, inIdOrder(client));
      insert(byClientKey.gezinIds, [client.gezin.id], client, inIdOrder(client));
      insert(byGemeente, [client.gemeente], client, inIdOrder(client));
    },
    addAanmelding(aanmelding) {
      insert(byAanmeldingKey.ids, [aanmelding.id], aanmelding, () => false);
      insert(byAanmeldingKey.clientIds, aanmelding.clientIds, aanmelding, () => false);
    },
    removeGezin(gezinId) {
      const clients = byClientKey.gezinIds.get(gezinId) ?? [];
      if (clients.length === 0) return false;
      const clientIds = new Set(clients.map((client) => client.id));
      // An aanmelding hangs off the gezin it names, or off one of the gezin's clients.
      const aanmeldingen = union(byAanmeldingKey.clientIds, [...clientIds]);
      for (const aanmelding of byAanmeldingKey.ids.values()) if (aanmelding[0]?.gezinId === gezinId) aanmeldingen.push(aanmelding[0]);
      for (const map of [...Object.values(byClientKey), byGemeente]) drop(map, (client) => clientIds.has(client.id));
      const gone = new Set(aanmeldingen);
      for (const map of Object.values(byAanmeldingKey)) drop(map, (aanmelding) => gone.has(aanmelding));
      return true;
    },
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

/** Files `record` under each key, before the first record `before` picks (at the end when none). */
function insert<T>(map: Map<string, T[]>, keys: readonly (string | null)[], record: T, before: (other: T) => boolean): void {
  for (const key of new Set(keys)) {
    if (key === null) continue;
    const list = map.get(key) ?? [];
    const at = list.findIndex(before);
    list.splice(at < 0 ? list.length : at, 0, record);
    map.set(key, list);
  }
}

/** Takes the records `gone` picks out of every list, and a list left empty out of the map. */
function drop<T>(map: Map<string, T[]>, gone: (record: T) => boolean): void {
  for (const [key, list] of map) {
    const kept = list.filter((record) => !gone(record));
    if (kept.length === 0) map.delete(key);
    else if (kept.length < list.length) map.set(key, kept);
  }
}

/** Records matching any value, each once, in the order of the values asked for. */
function union<T>(map: Map<string, T[]>, values: readonly string[]): T[] {
  const found = new Set<T>();
  for (const value of values) for (const record of map.get(value) ?? []) found.add(record);
  return [...found];
}
