/**
 * Pure mapping of an act into the ASHG's inbound dialect (issue 13). The ASHG receives the answers to
 * the doorverwijzingen and overdrachten it sent, and feedback (terugkoppeling) on what it handed on;
 * it receives no cases through the gateway (its reports come from reporters, not from partners).
 * Only what the delivery carries is written: an absent or unreadable value stays null, never guessed.
 */
import type { ActDelivery } from '#domain/acts.ts';
import type { PhaseCategory } from '#domain/records.ts';
import { agencyCodeOf, formatted } from '#kit/act-delivery.ts';
import { ANSWER, PHASE_CATEGORY_CODE } from './codes.ts';
import type { WireAntwoord, WireTerugkoppeling } from './wire-types.ts';

export const ASHG_ANTWOORDEN_PATH = '/api/v1/doorverwijzingen/antwoorden';
export const ASHG_TERUGKOPPELINGEN_PATH = '/api/v1/terugkoppelingen';

/** One inbound call: the operation's name for traces, its path and its body. */
export type AshgInbound =
  | { readonly operation: 'ontvangAntwoord'; readonly path: typeof ASHG_ANTWOORDEN_PATH; readonly body: WireAntwoord }
  | { readonly operation: 'ontvangTerugkoppeling'; readonly path: typeof ASHG_TERUGKOPPELINGEN_PATH; readonly body: WireTerugkoppeling };

/** The ASHG's inbound call for an act, or null for an act it does not receive (or one missing its answer or feedback). */
export function toAshgInbound(delivery: ActDelivery, agencyCodes: Readonly<Record<string, string>>): AshgInbound | null {
  const sender = {
    handelingId: delivery.actId,
    afzender: agencyCodeOf(agencyCodes, delivery.senderAgencyId),
    afzenderReferentie: delivery.senderReference,
    verzonden: delivery.sentAt,
  };
  if (delivery.kind === 'ANSWER_REFERRAL' && delivery.answer) {
    const { answer } = delivery;
    return {
      operation: 'ontvangAntwoord',
      path: ASHG_ANTWOORDEN_PATH,
      body: { ...sender, beantwoordeHandeling: answer.answeredAct, besluit: ANSWER.encode(answer.decision), reden: answer.reason },
    };
  }
  if (delivery.kind === 'GIVE_FEEDBACK' && delivery.feedback) {
    const { feedback } = delivery;
    return {
      operation: 'ontvangTerugkoppeling',
      path: ASHG_TERUGKOPPELINGEN_PATH,
      body: {
        ...sender,
        gemeente: delivery.municipality,
        faseCategorie: formatted((category) => PHASE_CATEGORY_CODE.encode(category as PhaseCategory), feedback.phaseCategory ?? undefined) ?? null,
        ontvangendeInstelling: feedback.receivingAgencyId === null ? null : agencyCodeOf(agencyCodes, feedback.receivingAgencyId),
        ontvangendeZorgaanbieder: feedback.receivingCareProvider,
      },
    };
  }
  return null;
}
