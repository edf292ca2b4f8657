/**
 * Internal to mock.ts: what the ASHG's system does with an answer or feedback it received once (issue 13),
 * so its later reads show it. Both are about a melding of the ASHG's own (the `afzenderReferentie` the
 * gateway gives back: the melding the ASHG handed over). An answer moves the doorverwijzing of that
 * melding offered to the answerer (`aangeboden`), or, when the ASHG holds none, adds one under the
 * answer's referentie with the answered status. Feedback sets the receiving care provider of the melding;
 * the receiver's phase category has no field of the ASHG's (its fase is its own), so it is only stored.
 */
import { answeredReferralKind } from '#mock-world/receiving.ts';
import { REFERRAL_KIND } from './codes.ts';
import { ASHG_ANTWOORDEN_PATH, ASHG_TERUGKOPPELINGEN_PATH } from './deliver-mapping.ts';
import type { AshgStore } from './mock-store.ts';
import type { WireAntwoord, WireTerugkoppeling, WireVerwijzingStatus } from './wire-types.ts';

const STATUS_OF_BESLUIT: Readonly<Record<WireAntwoord['besluit'], WireVerwijzingStatus>> = {
  geaccepteerd: 'geaccepteerd', geweigerd: 'geweigerd', 'onveilig-retour': 'onveilig-retour',
};

function moveDoorverwijzing(store: AshgStore, own: string | null, antwoord: WireAntwoord, referentie: string): void {
  const [melding] = store.meldingenByIds([antwoord.afzenderReferentie]);
  if (!melding) return; // nothing of the ASHG's own it is about: stored only
  const status = STATUS_OF_BESLUIT[antwoord.besluit];
  const offered = store.doorverwijzingenByDossiers([melding.dossiernummer]).find((verwijzing) =>
    verwijzing.meldingnummer === melding.meldingnummer && verwijzing.naar === antwoord.afzender && verwijzing.status === 'aangeboden');
  if (offered) {
    store.putDoorverwijzing({ ...offered, status, gewijzigd: antwoord.verzonden });
    return;
  }
  store.putDoorverwijzing({
    verwijzingsnummer: referentie, dossiernummer: melding.dossiernummer, gemeente: melding.gemeente, van: own, naar: antwoord.afzender,
    naarZorgaanbieder: null, soort: REFERRAL_KIND.encode(answeredReferralKind('ashg', antwoord.afzender)), reden: null,
    veiligheidsvoorwaarden: null, warmeOverdracht: null, status, aangemaakt: antwoord.verzonden, gewijzigd: antwoord.verzonden,
    meldingnummer: melding.meldingnummer,
  });
}

function noteFeedback(store: AshgStore, terugkoppeling: WireTerugkoppeling): void {
  const [melding] = store.meldingenByIds([terugkoppeling.afzenderReferentie]);
  if (melding && terugkoppeling.ontvangendeZorgaanbieder) store.putMelding({ ...melding, ontvangendeZorgaanbieder: terugkoppeling.ontvangendeZorgaanbieder });
}

/**
 * Applies a validated inbound body, received for the first time, to the store; `own` is the ASHG's
 * chain-partner code (`ASHG-GRN`), which a doorverwijzing it adds carries as its sender.
 */
export function applyReceived(store: AshgStore, own: string | null, path: string, body: unknown, referentie: string): void {
  if (path === ASHG_ANTWOORDEN_PATH) moveDoorverwijzing(store, own, body as WireAntwoord, referentie);
  if (path === ASHG_TERUGKOPPELINGEN_PATH) noteFeedback(store, body as WireTerugkoppeling);
}
