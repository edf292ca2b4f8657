/**
 * Internal to mock.ts: what BJZ's system does with an aanmelding it received once (issue 13), so its later
 * reads show it. The aanmelding is registered under the id BJZ answered, offered (`aangeboden`) by the
 * sender, about a client for each minor. A gezin BJZ already knows in that municipality (by the BSN of a
 * minor or gezinslid, else by the address) is taken as it is, and a minor already its client stays that
 * client; otherwise a new gezin and new clients are registered with what travelled. BJZ's API requires a
 * name for a client and a gezinslid (and a relation for a gezinslid): one sent without is left out rather
 * than named by guess. BJZ keeps no reports, so the melding that came with it is stored only, as is a
 * besluit (BJZ sends no aanmeldingen through the gateway that one could answer).
 */
import { isValidBsn } from '#mock-world/index.ts';
import { worldContact } from '#mock-world/receiving.ts';
import { BJZ_AANMELDINGEN_PATH } from './deliver-mapping.ts';
import type { BjzMockStore } from './mock-store.ts';
import type {
  WireAdres, WireClient, WireContactpunt, WireGezin, WireGezinslid, WireNieuwAdres, WireNieuweAanmelding, WireNieuweClient,
} from './wire-types.ts';

/** Who the receiving system is: its chain-partner code and the organisation its contact desk belongs to. */
export interface ReceivingBjz {
  readonly code: string | null;
  readonly agencyId: string;
}

const bsnOf = (value: string | undefined): string | null => (value !== undefined && isValidBsn(value) ? value : null);

/** BJZ registers an address only whole (its API requires every part but the addition). */
function adresOf(adres: WireNieuwAdres | undefined): WireAdres | null {
  if (!adres?.straat || adres.huisnummer === undefined || !adres.postcode || !adres.woonplaats) return null;
  return { straat: adres.straat, huisnummer: adres.huisnummer, toevoeging: adres.toevoeging ?? null, postcode: adres.postcode, woonplaats: adres.woonplaats };
}

const sameAdres = (a: WireAdres | null, b: WireAdres | null): boolean => a !== null && b !== null
  && a.straat === b.straat && a.huisnummer === b.huisnummer && (a.toevoeging ?? null) === (b.toevoeging ?? null) && a.postcode === b.postcode;

/** The client of the gezin BJZ already knows this family by, if any. */
function knownGezin(store: BjzMockStore, aanmelding: WireNieuweAanmelding, adres: WireAdres | null): WireClient | undefined {
  const bsns = [...aanmelding.kinderen, ...aanmelding.gezinsleden].flatMap((person) => bsnOf(person.bsn) ?? []);
  const inGemeente = (client: WireClient) => client.gemeente === aanmelding.gemeente;
  return store.clientsBy('bsns', bsns).find(inGemeente)
    ?? store.page(aanmelding.gemeente, null, Number.MAX_SAFE_INTEGER).data.find((client) => sameAdres(client.adres, adres));
}

function newGezin(id: string, aanmelding: WireNieuweAanmelding): WireGezin {
  const gezinsleden: WireGezinslid[] = aanmelding.gezinsleden.flatMap((lid) => (lid.naam && lid.relatie
    ? [{ bsn: bsnOf(lid.bsn), naam: lid.naam, geboortedatum: lid.geboortedatum ?? null, relatie: lid.relatie }] : []));
  // A minor is a gezinslid too, as in BJZ's own gezinnen (that is how a gezin is found by a child's BSN).
  for (const kind of aanmelding.kinderen) {
    const bsn = bsnOf(kind.bsn);
    if (kind.naam && (bsn === null || !gezinsleden.some((lid) => lid.bsn === bsn))) {
      gezinsleden.push({ bsn, naam: kind.naam, geboortedatum: kind.geboortedatum ?? null, relatie: 'kind' });
    }
  }
  return { id: `${id}-gezin`, gezinsleden };
}

function contactpunt(agencyId: string): WireContactpunt | null {
  const contact = worldContact(agencyId);
  return contact && { naam: contact.name, telefoon: contact.phone, email: contact.email };
}

function registerAanmelding(store: BjzMockStore, own: ReceivingBjz, aanmelding: WireNieuweAanmelding, id: string): string {
  const adres = adresOf(aanmelding.adres);
  const known = knownGezin(store, aanmelding, adres);
  const gezin = known?.gezin ?? newGezin(id, aanmelding);
  const clientsOfGezin = known ? store.clientsBy('gezinIds', [gezin.id]) : [];
  const clientIds = aanmelding.kinderen.flatMap((kind: WireNieuweClient, index): string[] => {
    const bsn = bsnOf(kind.bsn);
    const existing = bsn === null ? undefined : clientsOfGezin.find((client) => client.bsn === bsn);
    if (existing) return [existing.id];
    if (!kind.naam) return [];
    const client: WireClient = {
      id: `${id}-k${index + 1}`, bsn, naam: kind.naam, geboortedatum: kind.geboortedatum ?? null, gezin,
      adres: known ? known.adres : adres, gemeente: aanmelding.gemeente, school: kind.school ?? null, situatie: kind.situatie ?? null,
      betrokkenheid: kind.betrokkenheid ?? null,
      traject: { fase: 'aanmelding', startdatum: aanmelding.verzondenOp.slice(0, 10), contactpunt: contactpunt(own.agencyId), zorgaanbieder: null },
    };
    store.addClient(client);
    return [client.id];
  });
  store.addAanmelding({
    id, clientIds, gezinId: gezin.id, gemeente: aanmelding.gemeente, van: aanmelding.van, naar: own.code, zorgaanbieder: null,
    soort: aanmelding.soort, reden: aanmelding.reden ?? null, veiligheidsafspraken: [...aanmelding.veiligheidsafspraken],
    // Whether the parties met is not something an aanmelding tells; BJZ's record says no until it is told.
    warmeOverdracht: false, status: 'aangeboden', aangemaaktOp: aanmelding.verzondenOp, gewijzigdOp: aanmelding.verzondenOp,
  });
  return gezin.id;
}

/**
 * Applies a validated inbound body, received for the first time, to the store; answers the id of the gezin
 * it filed something on (a change for the wijzigingen), or null (a besluit changes no gezin).
 */
export function applyReceived(store: BjzMockStore, own: ReceivingBjz, path: string, body: unknown, id: string): string | null {
  return path === BJZ_AANMELDINGEN_PATH ? registerAanmelding(store, own, body as WireNieuweAanmelding, id) : null;
}
