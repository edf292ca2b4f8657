/**
 * The police mock's data: the projected zorgmeldingen indexed the ways the export is asked
 * (by number, by person key, by registration date) and the key register both ways. What the inbound
 * operations receive (issue 13) replaces a zorgmelding's rows in place; its number, date and persons stay.
 */
import type { World } from '#mock-world/index.ts';
import { projectPolitie } from './fixtures.ts';
import { parseLegacyDateTime } from './legacy-time.ts';
import type { Sleutelpaar, WireZorgmelding } from './wire-types.ts';

export interface PolitieMockStore {
  byNummer(nummer: string): WireZorgmelding | undefined;
  bySleutel(sleutel: string): readonly WireZorgmelding[];
  /** Zorgmeldingen registered from `van` to `tot` (ISO dates, both inclusive), oldest first. */
  inPeriode(van: string, tot: string): readonly WireZorgmelding[];
  pairByBsn(bsn: string): Sleutelpaar | undefined;
  pairBySleutel(sleutel: string): Sleutelpaar | undefined;
  /** Replaces the zorgmelding with its registratienummer (a known one only) by this version of its rows. */
  put(zorgmelding: WireZorgmelding): void;
}

/** The store of the police unit `agencyId`: its zorgmeldingen and the persons it registered, nobody else's. */
export function createPolitieMockStore(world: World, agencyId: string): PolitieMockStore {
  const { zorgmeldingen, sleutels } = projectPolitie(world, agencyId);
  const dated = zorgmeldingen
    .map((z) => ({ nummer: z.registratienummer, date: (parseLegacyDateTime(z.rijen[0]?.datum_tijd_registratie ?? '') ?? '').slice(0, 10) }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.nummer.localeCompare(b.nummer));
  // The indexes hold numbers; the current version of each zorgmelding is looked up by its number.
  const byNummer = new Map(zorgmeldingen.map((z) => [z.registratienummer, z]));
  const current = (nummers: readonly string[]): WireZorgmelding[] => nummers.flatMap((nummer) => byNummer.get(nummer) ?? []);
  const bySleutel = new Map<string, string[]>();
  for (const z of zorgmeldingen) {
    for (const row of z.rijen) {
      if (row.persoonssleutel === '') continue;
      bySleutel.set(row.persoonssleutel, [...(bySleutel.get(row.persoonssleutel) ?? []), z.registratienummer]);
    }
  }
  const pairByBsn = new Map(sleutels.map((pair) => [pair.bsn, pair]));
  const pairBySleutel = new Map(sleutels.map((pair) => [pair.persoonssleutel, pair]));
  return {
    byNummer: (nummer) => byNummer.get(nummer),
    bySleutel: (sleutel) => current(bySleutel.get(sleutel) ?? []),
    inPeriode: (van, tot) => current(dated.filter(({ date }) => date >= van && date <= tot).map(({ nummer }) => nummer)),
    pairByBsn: (bsn) => pairByBsn.get(bsn),
    pairBySleutel: (sleutel) => pairBySleutel.get(sleutel),
    put(zorgmelding) {
      if (byNummer.has(zorgmelding.registratienummer)) byNummer.set(zorgmelding.registratienummer, zorgmelding);
    },
  };
}
