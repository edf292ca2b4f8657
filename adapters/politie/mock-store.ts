/**
 * The police mock's data: the projected zorgmeldingen indexed the ways the export is asked
 * (by number, by person key, by registration date) and the key register both ways. What the inbound
 * operations receive (issue 13) replaces a zorgmelding's rows in place; its number, date and persons stay.
 * Testers register and remove zorgmeldingen while it runs (issue 12). Every change is a mutatie, numbered
 * from 1 in the order made, which the delta export lists; the fixtures are the state before mutatie 1.
 */
import type { World } from '#mock-world/index.ts';
import { projectPolitie } from './fixtures.ts';
import { parseLegacyDateTime } from './legacy-time.ts';
import type { Mutatie, Mutatiesoort, Sleutelpaar, WireZorgmelding } from './wire-types.ts';

export interface PolitieMockStore {
  byNummer(nummer: string): WireZorgmelding | undefined;
  bySleutel(sleutel: string): readonly WireZorgmelding[];
  /** Zorgmeldingen registered from `van` to `tot` (ISO dates, both inclusive), oldest first. */
  inPeriode(van: string, tot: string): readonly WireZorgmelding[];
  pairByBsn(bsn: string): Sleutelpaar | undefined;
  pairBySleutel(sleutel: string): Sleutelpaar | undefined;
  /** Replaces the zorgmelding with its registratienummer (a known one only) by this version of its rows: a mutatie. */
  put(zorgmelding: WireZorgmelding): void;
  /** Registers a zorgmelding and its persons' keys (replacing one held under the same number): a mutatie. */
  register(zorgmelding: WireZorgmelding, sleutels: readonly Sleutelpaar[]): void;
  /** Removes a zorgmelding, and the keys of persons in no other one: a mutatie; false when not held. */
  remove(nummer: string): boolean;
  /** The mutaties numbered `vanaf` and on, oldest first, at most `maximum`. */
  mutaties(vanaf: number, maximum: number): readonly Mutatie[];
  /** The number the next mutatie will get: where the delta export stands. */
  volgendMutatienummer(): number;
}

/** The store of the police unit `agencyId`: its zorgmeldingen and the persons it registered, nobody else's. */
export function createPolitieMockStore(world: World, agencyId: string): PolitieMockStore {
  const { zorgmeldingen, sleutels } = projectPolitie(world, agencyId);
  // The indexes hold numbers; the current version of each zorgmelding is looked up by its number.
  const byNummer = new Map<string, WireZorgmelding>();
  const dated: { nummer: string; date: string }[] = [];
  const bySleutel = new Map<string, Set<string>>();
  const pairByBsn = new Map<string, Sleutelpaar>();
  const pairBySleutel = new Map<string, Sleutelpaar>();
  const log: Mutatie[] = [];
  const current = (nummers: Iterable<string>): WireZorgmelding[] => [...nummers].flatMap((nummer) => byNummer.get(nummer) ?? []);
  const sleutelsOf = (z: WireZorgmelding) => z.rijen.map((row) => row.persoonssleutel).filter((sleutel) => sleutel !== '');
  const note = (registratienummer: string, soort: Mutatiesoort) => log.push({ mutatienummer: log.length + 1, registratienummer, soort });

  function index(z: WireZorgmelding, pairs: readonly Sleutelpaar[]): void {
    byNummer.set(z.registratienummer, z);
    dated.push({ nummer: z.registratienummer, date: (parseLegacyDateTime(z.rijen[0]?.datum_tijd_registratie ?? '') ?? '').slice(0, 10) });
    for (const sleutel of sleutelsOf(z)) bySleutel.set(sleutel, (bySleutel.get(sleutel) ?? new Set()).add(z.registratienummer));
    for (const pair of pairs) {
      pairByBsn.set(pair.bsn, pair);
      pairBySleutel.set(pair.persoonssleutel, pair);
    }
  }

  const sortDated = () => dated.sort((a, b) => a.date.localeCompare(b.date) || a.nummer.localeCompare(b.nummer));

  function unindex(z: WireZorgmelding): void {
    byNummer.delete(z.registratienummer);
    dated.splice(dated.findIndex(({ nummer }) => nummer === z.registratienummer), 1);
    for (const sleutel of sleutelsOf(z)) {
      const nummers = bySleutel.get(sleutel);
      nummers?.delete(z.registratienummer);
      if (nummers?.size) continue;
      // The register holds the persons of the police's zorgmeldingen: one in none is no longer found by BSN.
      bySleutel.delete(sleutel);
      const pair = pairBySleutel.get(sleutel);
      pairBySleutel.delete(sleutel);
      if (pair) pairByBsn.delete(pair.bsn);
    }
  }

  const pairOf = new Map(sleutels.map((pair) => [pair.persoonssleutel, pair]));
  for (const z of zorgmeldingen) index(z, sleutelsOf(z).flatMap((sleutel) => pairOf.get(sleutel) ?? []));
  sortDated();

  return {
    byNummer: (nummer) => byNummer.get(nummer),
    bySleutel: (sleutel) => current(bySleutel.get(sleutel) ?? []),
    inPeriode: (van, tot) => current(dated.filter(({ date }) => date >= van && date <= tot).map(({ nummer }) => nummer)),
    pairByBsn: (bsn) => pairByBsn.get(bsn),
    pairBySleutel: (sleutel) => pairBySleutel.get(sleutel),
    put(zorgmelding) {
      if (!byNummer.has(zorgmelding.registratienummer)) return;
      byNummer.set(zorgmelding.registratienummer, zorgmelding);
      note(zorgmelding.registratienummer, 'gewijzigd');
    },
    register(zorgmelding, pairs) {
      const held = byNummer.get(zorgmelding.registratienummer);
      if (held) unindex(held);
      index(zorgmelding, pairs);
      sortDated();
      note(zorgmelding.registratienummer, 'gewijzigd');
    },
    remove(nummer) {
      const held = byNummer.get(nummer);
      if (!held) return false;
      unindex(held);
      note(nummer, 'verwijderd');
      return true;
    },
    mutaties: (vanaf, maximum) => log.slice(vanaf - 1, vanaf - 1 + maximum),
    volgendMutatienummer: () => log.length + 1,
  };
}
