/**
 * Internal to mock.ts: what the ASHG's system does with an answer or feedback it received once (issue 13),
 * so its later reads show it. Both are about a melding of the ASHG's own (the `afzenderReferentie` the
 * gateway gives back: the melding the ASHG handed over). An answer moves the doorverwijzing of that
 * melding offered to the answerer (`aangeboden`), or, when the ASHG holds none, adds one under the
 * answer's referentie with the answered status. Feedback sets the receiving care provider of the melding
 * and moves the doorverwijzing of that melding to the feedback's sender on (`lopend`, or `afgerond` once the
 * receiver closed its case); the receiver's phase category has no field of the ASHG's otherwise (its fase is
 * its own).
 */
import { answeredReferralKind, referralStatusAfterFeedback } from '#mock-world/receiving.ts';
import { PHASE_CATEGORY_CODE, REFERRAL_KIND, REFERRAL_STATUS } from './codes.ts';
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
  if (!melding) return; // nothing of the ASHG's own it is about: stored only
  if (terugkoppeling.ontvangendeZorgaanbieder) store.putMelding({ ...melding, ontvangendeZorgaanbieder: terugkoppeling.ontvangendeZorgaanbieder });
  const phaseCategory = terugkoppeling.faseCategorie === null ? null : PHASE_CATEGORY_CODE.decode(terugkoppeling.faseCategorie) ?? null;
  // The same doorverwijzing an answer moves: of this melding, to the partner now telling where its case stands.
  for (const verwijzing of store.doorverwijzingenByDossiers([melding.dossiernummer])) {
    if (verwijzing.meldingnummer !== melding.meldingnummer || verwijzing.naar !== terugkoppeling.afzender) continue;
    const current = verwijzing.status === null ? undefined : REFERRAL_STATUS.decode(verwijzing.status);
    if (current === undefined) continue;
    const moved = referralStatusAfterFeedback(current, phaseCategory);
    if (moved !== current) store.putDoorverwijzing({ ...verwijzing, status: REFERRAL_STATUS.encode(moved), gewijzigd: terugkoppeling.verzonden });
  }
}

/**
 * Applies a validated inbound body, received for the first time, to the store; `own` is the ASHG's
 * chain-partner code (`ASHG-GRN`), which a doorverwijzing it adds carries as its sender.
 */
export function applyReceived(store: AshgStore, own: string | null, path: string, body: unknown, referentie: string): void {
  if (path === ASHG_ANTWOORDEN_PATH) moveDoorverwijzing(store, own, body as WireAntwoord, referentie);
  if (path === ASHG_TERUGKOPPELINGEN_PATH) noteFeedback(store, body as WireTerugkoppeling);
}
