/**
 * Per-request loaders over the police's four lookups (export by number, export by person key, and
 * the key mapping both ways). The public loaders are built on these, so a household, its report and
 * its children asked in one request cost one export call and one key-mapping call, not three each.
 */
import DataLoader from 'dataloader';
import { AdapterError } from '#kit/errors.ts';
import { badRecord, valueOrThrow } from '#kit/mapping-result.ts';
import type { PolitieClient } from './client.ts';
import { mapSleutelpaar, mapZorgmelding, type MappedZorgmelding, type MappingOptions } from './mapping.ts';
import { PERSOONSSLEUTEL } from './wire-dialect.ts';
import type { Sleutelpaar, WireZorgmelding } from './wire-types.ts';

export interface UpstreamLoaderDeps {
  readonly client: PolitieClient;
  readonly mapping: MappingOptions;
  readonly maxBatchSize: number;
}

export interface UpstreamLoaders {
  readonly zorgmelding: DataLoader<string, WireZorgmelding | null>;
  readonly zorgmeldingenBySleutel: DataLoader<string, readonly WireZorgmelding[]>;
  readonly bsnBySleutel: DataLoader<string, string | null>;
  readonly sleutelByBsn: DataLoader<string, string | null>;
  /** Maps a zorgmelding with its betrokkenen's BSNs looked up (one key-mapping call per batch). */
  withBsns(wire: WireZorgmelding): Promise<MappedZorgmelding>;
  /** Maps a zorgmelding for what needs no BSN (involvement, referral): no key-mapping call. */
  withoutBsns(wire: WireZorgmelding): MappedZorgmelding;
}

export function createUpstreamLoaders(deps: UpstreamLoaderDeps, signal: AbortSignal): UpstreamLoaders {
  const { client, mapping, maxBatchSize } = deps;
  const agency = mapping.owner.agencyId;

  const zorgmelding = new DataLoader<string, WireZorgmelding | null>(async (nummers) => {
    const found = new Map((await client.zorgmeldingenByNummer(nummers, signal)).map((z) => [z.registratienummer, z]));
    return nummers.map((nummer) => found.get(nummer) ?? null);
  }, { maxBatchSize });

  const zorgmeldingenBySleutel = new DataLoader<string, readonly WireZorgmelding[]>(async (sleutels) => {
    const all = await client.zorgmeldingenBySleutel(sleutels, signal);
    for (const z of all) zorgmelding.prime(z.registratienummer, z);
    return sleutels.map((sleutel) => all.filter((z) => z.rijen.some((row) => row.persoonssleutel === sleutel)));
  }, { maxBatchSize });

  // Each direction of the key mapping primes the other, so a BSN searched for is never translated back.
  const bsnBySleutel: DataLoader<string, string | null> = new DataLoader(async (sleutels) => {
    const pairs = await client.bsnsVanSleutels(sleutels, signal);
    return sleutels.map((sleutel) => translated(pairs, 'persoonssleutel', sleutel, (pair) => sleutelByBsn.prime(pair.bsn, pair.persoonssleutel), 'bsn'));
  }, { maxBatchSize });
  const sleutelByBsn: DataLoader<string, string | null> = new DataLoader(async (bsns) => {
    const pairs = await client.sleutelsVanBsns(bsns, signal);
    return bsns.map((bsn) => translated(pairs, 'bsn', bsn, (pair) => bsnBySleutel.prime(pair.persoonssleutel, pair.bsn), 'persoonssleutel'));
  }, { maxBatchSize });

  function translated(pairs: readonly Sleutelpaar[], from: keyof Sleutelpaar, value: string,
    prime: (pair: Sleutelpaar) => void, to: keyof Sleutelpaar): string | null | Error {
    const matches = pairs.filter((pair) => pair[from] === value);
    const [first] = matches;
    if (!first) return null;
    if (matches.some((other) => other[to] !== first[to])) {
      return new AdapterError('UPSTREAM_BAD_RESPONSE', 'politie key mapping: conflicting answers for one person', { agency });
    }
    const pair = mapSleutelpaar(first);
    if (!pair.ok) return badRecord(pair.problem, agency);
    prime(pair.value);
    return pair.value[to];
  }

  return {
    zorgmelding, zorgmeldingenBySleutel, bsnBySleutel, sleutelByBsn,
    async withBsns(wire) {
      // Only well-formed keys go upstream; mapping rejects the zorgmelding for a malformed one anyway.
      const sleutels = [...new Set(wire.rijen.map((row) => row.persoonssleutel).filter((key) => PERSOONSSLEUTEL.test(key)))];
      const bsns = await bsnBySleutel.loadMany(sleutels);
      const failure = bsns.find((bsn) => bsn instanceof Error);
      if (failure) throw failure;
      const bsnOf = new Map(sleutels.map((sleutel, index) => [sleutel, bsns[index] as string | null]));
      return valueOrThrow(mapZorgmelding(wire, (sleutel) => bsnOf.get(sleutel) ?? null, mapping), agency);
    },
    withoutBsns: (wire) => valueOrThrow(mapZorgmelding(wire, () => null, mapping), agency),
  };
}
