/**
 * The minimum possible upstream calls per query, measured rather than guessed: an ideal plan runs
 * the query's data needs through the same adapters with ONE loader set (one request scope), every
 * level's keys loaded together, so each legacy operation is asked once per level (or once per
 * maxBatchSize keys). Listing a municipality costs what the legacy APIs' paging costs; nobody can
 * walk it cheaper. The "with facts" variant also loads every record's referrals, which the policy's
 * referral conditions may need (the guarded contender's fair floor).
 */
import type { AgencyLoaders } from '#kit/contract.ts';
import type { HouseholdRecord } from '#domain/records.ts';
import type { AgencyClients } from './contenders/agency-clients.ts';
import { mergeHouseholds } from './contenders/merge-households.ts';

function scopeOf(clients: AgencyClients): (agencyId: string) => AgencyLoaders {
  const scope = { signal: new AbortController().signal };
  const loaders = new Map<string, AgencyLoaders>();
  return (agencyId) => {
    let found = loaders.get(agencyId);
    if (!found) {
      const adapter = clients.adapters.get(agencyId);
      if (!adapter) throw new Error(`no adapter ${agencyId}`);
      found = adapter.createLoaders(scope);
      loaders.set(agencyId, found);
    }
    return found;
  };
}

async function recordLevel(records: readonly HouseholdRecord[], loaders: (agencyId: string) => AgencyLoaders, pick: (l: AgencyLoaders) => { loadMany(keys: string[]): Promise<unknown> }[]): Promise<void> {
  const byAgency = new Map<string, string[]>();
  for (const record of records) byAgency.set(record.owner.agencyId, [...(byAgency.get(record.owner.agencyId) ?? []), record.localId]);
  await Promise.all([...byAgency].flatMap(([agencyId, keys]) => pick(loaders(agencyId)).map((loader) => loader.loadMany(keys))));
}

/** (a): the person's households (the asked BSN, then co-members: the gateway's matching rule), then their involvement. */
export async function planForPerson(clients: AgencyClients, bsn: string, withFacts: boolean): Promise<void> {
  const loaders = scopeOf(clients);
  const agencies = [...clients.adapters.keys()];
  const search = async (bsns: string[]) => (await Promise.all(agencies.map(async (agencyId) =>
    (await loaders(agencyId).householdsByBsn.loadMany(bsns)).flatMap((result) => (result instanceof Error ? [] : result))))).flat();
  const first = await search([bsn]);
  const others = [...new Set(first.flatMap((record) => record.members.map((member) => member.bsn)))].filter((other): other is string => !!other && other !== bsn);
  const records = mergeHouseholds([...first, ...(others.length > 0 ? await search(others) : [])]).flatMap((household) => household.records);
  await recordLevel(records, loaders, (l) => (withFacts ? [l.involvementByHousehold, l.referralsByHousehold] : [l.involvementByHousehold]));
}

/**
 * (b): list the municipality at every agency, take the first `first` households, then their children,
 * reports and referrals. Referrals are part of the answer, so the policy's facts cost nothing extra.
 */
export async function planForPage(clients: AgencyClients, municipality: string, first: number): Promise<void> {
  const scope = { signal: new AbortController().signal };
  const lists = await Promise.all([...clients.adapters.values()].map((adapter) => adapter.listHouseholds([municipality], scope)));
  const records = mergeHouseholds(lists.flat()).slice(0, first).flatMap((household) => household.records);
  await recordLevel(records, scopeOf(clients), (l) => [l.childrenByHousehold, l.reportsByHousehold, l.referralsByHousehold]);
}
