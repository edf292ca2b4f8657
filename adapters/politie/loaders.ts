/**
 * The police's AgencyLoaders, created per request. Every key of the contract is a registratienummer
 * (the zorgmelding is the police's household, report and involvement), except `referral` (a
 * doorverwijsnummer) and `householdsByBsn` (a BSN). A key whose zorgmelding is malformed gets its
 * own error; the other keys of the batch still answer.
 */
import DataLoader from 'dataloader';
import type { AgencyLoaders, RequestScope } from '#kit/contract.ts';
import { isValidBsn } from '#domain/bsn.ts';
import type { HouseholdRecord } from '#domain/records.ts';
import { registratienummerOfDoorverwijzing, type MappedZorgmelding } from './mapping.ts';
import { createUpstreamLoaders, type UpstreamLoaderDeps, type UpstreamLoaders } from './upstream-loaders.ts';

export function createPolitieLoaders(deps: UpstreamLoaderDeps, scope: RequestScope): AgencyLoaders {
  const upstream = createUpstreamLoaders(deps, scope.signal);
  const perKey = <V>(one: (key: string) => Promise<V>) => new DataLoader<string, V>(
    (keys) => Promise.all(keys.map((key) => one(key).catch((error: unknown) => asError(error)))),
    { maxBatchSize: deps.maxBatchSize },
  );
  const mapped = async (nummer: string, bsns: boolean): Promise<MappedZorgmelding | null> => {
    const wire = await upstream.zorgmelding.load(nummer);
    if (!wire) return null;
    return bsns ? upstream.withBsns(wire) : upstream.withoutBsns(wire);
  };

  return {
    householdsByBsn: perKey((bsn) => householdsOfPerson(upstream, bsn)),
    household: perKey(async (nummer) => (await mapped(nummer, true))?.household ?? null),
    childrenByHousehold: perKey(async (nummer) => (await mapped(nummer, true))?.children ?? []),
    reportsByHousehold: perKey(async (nummer) => {
      const zorgmelding = await mapped(nummer, true);
      return zorgmelding ? [zorgmelding.report] : [];
    }),
    referralsByHousehold: perKey(async (nummer) => {
      const referral = (await mapped(nummer, false))?.referral;
      return referral ? [referral] : [];
    }),
    involvementByHousehold: perKey(async (nummer) => (await mapped(nummer, false))?.involvement ?? null),
    report: perKey(async (nummer) => (await mapped(nummer, true))?.report ?? null),
    referral: perKey(async (doorverwijsnummer) => {
      const nummer = registratienummerOfDoorverwijzing(doorverwijsnummer);
      if (nummer === null) return null;
      const referral = (await mapped(nummer, false))?.referral;
      return referral?.localId === doorverwijsnummer ? referral : null;
    }),
  };
}

/**
 * BSN -> households takes three upstream calls per batch, because the police export carries no
 * BSN: the key mapping turns the BSNs into persoonssleutels, the export is asked by those keys, and
 * the key mapping turns the co-members' keys back into BSNs (the searched persons' own keys are
 * already known and are not asked again). DataLoader batches each step across the whole batch.
 */
async function householdsOfPerson(upstream: UpstreamLoaders, bsn: string): Promise<readonly HouseholdRecord[]> {
  // Not a BSN at all: the police cannot know it, and it need not leave the gateway.
  if (!isValidBsn(bsn)) return [];
  const sleutel = await upstream.sleutelByBsn.load(bsn);
  if (sleutel === null) return [];
  const zorgmeldingen = await upstream.zorgmeldingenBySleutel.load(sleutel);
  const mapped = await Promise.all(zorgmeldingen.map((wire) => upstream.withBsns(wire)));
  return mapped.map((zorgmelding) => zorgmelding.household);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error('politie loader failed');
}
