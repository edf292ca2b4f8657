/**
 * Pure mapping of an act into the police's inbound CSV (issue 13). The police receive the answers to
 * their doorverwijzingen and feedback (terugkoppeling) on their zorgmeldingen; they receive no cases.
 * Only what the delivery carries is written; an empty cell is "not filled in", never a guess.
 */
import type { ActDelivery } from '#domain/acts.ts';
import { agencyCodeOf, formatted } from '#kit/act-delivery.ts';
import { formatLegacyDateTime } from './legacy-time.ts';
import {
  ANTWOORD_KOLOMMEN, TERUGKOPPELING_KOLOMMEN, type AntwoordRij, type Besluit, type FaseCategorie, type TerugkoppelingRij,
} from './wire-types.ts';

export const POLITIE_ANTWOORDEN_PATH = '/doorverwijzingen/antwoorden';
export const POLITIE_TERUGKOPPELINGEN_PATH = '/terugkoppelingen';

export type PolitieInbound =
  | { readonly operation: 'ontvangAntwoord'; readonly path: typeof POLITIE_ANTWOORDEN_PATH; readonly columns: typeof ANTWOORD_KOLOMMEN; readonly row: AntwoordRij }
  | { readonly operation: 'ontvangTerugkoppeling'; readonly path: typeof POLITIE_TERUGKOPPELINGEN_PATH; readonly columns: typeof TERUGKOPPELING_KOLOMMEN; readonly row: TerugkoppelingRij };

const BESLUIT: Readonly<Record<string, Besluit>> = { ACCEPTED: 'GEACCEPTEERD', REFUSED: 'GEWEIGERD', RETURNED_UNSAFE: 'TERUG_ONVEILIG' };
/** A phase category as a terugkoppeling writes it (the mock reads it back). */
export const FASE_CATEGORIE: Readonly<Record<string, FaseCategorie>> = {
  SIGNAL: 'SIGNAAL', ASSESSMENT: 'BEOORDELING', INVESTIGATION: 'ONDERZOEK', CARE: 'ZORG', MONITORING: 'MONITORING', CLOSED: 'AFGESLOTEN',
};
const codeIn = <Code>(table: Readonly<Record<string, Code>>, value: string | null): Code | undefined =>
  value !== null && Object.hasOwn(table, value) ? table[value] : undefined;

/** The police's inbound call for an act, or null for one they do not receive (or that lacks its answer or feedback). */
export function toPolitieInbound(delivery: ActDelivery, agencyCodes: Readonly<Record<string, string>>): PolitieInbound | null {
  const verzonden = formatted(formatLegacyDateTime, delivery.sentAt);
  if (verzonden === undefined) return null;
  const sender = {
    handeling_id: delivery.actId, afzender: agencyCodeOf(agencyCodes, delivery.senderAgencyId),
    afzender_referentie: delivery.senderReference, datum_tijd_verzonden: verzonden,
  };
  if (delivery.kind === 'ANSWER_REFERRAL' && delivery.answer) {
    const besluit = codeIn(BESLUIT, delivery.answer.decision);
    if (besluit === undefined) return null;
    return {
      operation: 'ontvangAntwoord', path: POLITIE_ANTWOORDEN_PATH, columns: ANTWOORD_KOLOMMEN,
      row: { ...sender, beantwoorde_handeling: delivery.answer.answeredAct, besluit, reden: delivery.answer.reason ?? '' },
    };
  }
  if (delivery.kind === 'GIVE_FEEDBACK' && delivery.feedback) {
    const { feedback } = delivery;
    return {
      operation: 'ontvangTerugkoppeling', path: POLITIE_TERUGKOPPELINGEN_PATH, columns: TERUGKOPPELING_KOLOMMEN,
      row: {
        ...sender, gemeente: delivery.municipality, fase_categorie: codeIn(FASE_CATEGORIE, feedback.phaseCategory) ?? '',
        ontvangende_organisatie: feedback.receivingAgencyId === null ? '' : agencyCodeOf(agencyCodes, feedback.receivingAgencyId),
        zorgaanbieder: feedback.receivingCareProvider ?? '',
      },
    };
  }
  return null;
}
