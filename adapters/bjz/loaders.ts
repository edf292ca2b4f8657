/**
 * The per-request loaders over BJZ's API. Household, children and involvement of a gezin all come
 * from the same clients, so they share one internal loader: a request that asks for all three costs
 * one search. Aanmeldingen are indexed by client only, so a gezin's referrals go through its clients.
 */
import DataLoader from 'dataloader';
import type { AgencyLoaders, RequestScope } from '#kit/contract.ts';
import { badRecord, type WireProblem } from '#kit/mapping-result.ts';
import type { HouseholdRecord, ReferralRecord } from '#domain/records.ts';
import type { BjzApiClient } from './client.ts';
import { mapAanmelding, mapClient, type BjzMappingOptions, type MappedClient } from './mapping.ts';
import { aanmeldingKeys, clientKeys } from './record-keys.ts';

export interface BjzLoaderDeps {
  readonly api: BjzApiClient;
  readonly mapping: BjzMappingOptions;
  /** Largest number of ids in one search (BJZ's limit). */
  readonly maxBatchSize: number;
}

export function createBjzLoaders(deps: BjzLoaderDeps, scope: RequestScope): AgencyLoaders {
  const { api, mapping, maxBatchSize } = deps;
  const { signal } = scope;
  const options = { maxBatchSize };
  const agency = mapping.owner.agencyId;

  const clientsByGezin = new DataLoader<string, readonly MappedClient[]>(async (gezinIds) => {
    const found = collect<MappedClient>(gezinIds, agency);
    for (const raw of await api.searchClients({ gezinIds }, signal)) {
      const result = mapClient(raw, mapping);
      if (result.ok) found.add(result.value.gezinId, result.value);
      else found.fail(keyList(clientKeys(raw).gezinId), result.problem);
    }
    return found.answers();
  }, options);

  const aanmeldingenByClient = new DataLoader<string, readonly ReferralRecord[]>(async (clientIds) => {
    const found = collect<ReferralRecord>(clientIds, agency);
    for (const raw of await api.searchAanmeldingen({ clientIds }, signal)) {
      const result = mapAanmelding(raw, mapping);
      if (result.ok) for (const id of result.value.clientIds) found.add(id, result.value.referral);
      else found.fail(aanmeldingKeys(raw).clientIds, result.problem);
    }
    return found.answers();
  }, options);

  const fromClients = <T>(pick: (clients: readonly MappedClient[]) => T) =>
    new DataLoader<string, T>((gezinIds) => settle(gezinIds, async (id) => pick(await clientsByGezin.load(id))), options);

  return {
    householdsByBsn: new DataLoader(async (bsns) => {
      const found = collect<MappedClient>(bsns, agency);
      for (const raw of await api.searchClients({ bsns }, signal)) {
        const result = mapClient(raw, mapping);
        if (result.ok) for (const bsn of result.value.bsns) found.add(bsn, result.value);
        else found.fail(clientKeys(raw).bsns, result.problem);
      }
      return found.answers().map((clients) => (clients instanceof Error ? clients : householdsOf(clients)));
    }, options),
    // The gezin is the same on each of its clients; BJZ keeps one trajectory per gezin.
    household: fromClients((clients) => clients[0]?.household ?? null),
    childrenByHousehold: fromClients((clients) => clients.map((client) => client.child)),
    involvementByHousehold: fromClients((clients) => clients[0]?.involvement ?? null),
    referralsByHousehold: new DataLoader((gezinIds) => settle(gezinIds, async (gezinId) => {
      const clients = await clientsByGezin.load(gezinId);
      const lists = await aanmeldingenByClient.loadMany(clients.map((client) => client.clientId));
      const byId = new Map<string, ReferralRecord>();
      for (const list of lists) {
        if (list instanceof Error) throw list;
        for (const referral of list) if (!byId.has(referral.localId)) byId.set(referral.localId, referral);
      }
      return [...byId.values()];
    }), options),
    referral: new DataLoader(async (ids) => {
      const found = collect<ReferralRecord>(ids, agency);
      for (const raw of await api.searchAanmeldingen({ ids }, signal)) {
        const result = mapAanmelding(raw, mapping);
        if (result.ok) found.add(result.value.referral.localId, result.value.referral);
        else found.fail(keyList(aanmeldingKeys(raw).id), result.problem);
      }
      return found.answers().map((list) => (list instanceof Error ? list : list[0] ?? null));
    }, options),
    // BJZ keeps no reports: it reads the police's zorgmeldingen through the gateway (0-18 covenant).
    reportsByHousehold: new DataLoader(async (keys) => keys.map(() => []), options),
    report: new DataLoader(async (keys) => keys.map(() => null), options),
  };
}

/**
 * Files search results under the keys asked for. A failed record fails the keys it names; one whose
 * keys cannot be read fails every key, since answering without it could silently drop a record.
 */
function collect<T>(keys: readonly string[], agency: string) {
  const lists = new Map<string, T[]>(keys.map((key) => [key, []]));
  const errors = new Map<string, Error>();
  return {
    add(key: string, value: T) {
      lists.get(key)?.push(value);
    },
    fail(failedKeys: readonly string[] | null, problem: WireProblem) {
      const error = badRecord(problem, agency);
      for (const key of failedKeys ?? keys) if (lists.has(key) && !errors.has(key)) errors.set(key, error);
    },
    answers(): (readonly T[] | Error)[] {
      return keys.map((key) => errors.get(key) ?? lists.get(key) ?? []);
    },
  };
}

function keyList(key: string | null): string[] | null {
  return key === null ? null : [key];
}

/** Runs one lookup per key, turning a failed key into an Error value so the other keys still answer. */
function settle<T>(keys: readonly string[], lookup: (key: string) => Promise<T>): Promise<(T | Error)[]> {
  return Promise.all(keys.map((key) => lookup(key).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
}

/** One household per gezin, in the order the gezinnen first appear. */
function householdsOf(clients: readonly MappedClient[]): HouseholdRecord[] {
  const byGezin = new Map<string, HouseholdRecord>();
  for (const client of clients) if (!byGezin.has(client.gezinId)) byGezin.set(client.gezinId, client.household);
  return [...byGezin.values()];
}

