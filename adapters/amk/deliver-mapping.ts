/**
 * Pure mapping of an act into the AMK's inbound SOAP operations (issue 13): a case handed over or a
 * zorgmelding referred (OntvangOverdracht, which registers a new zaak), the answer to an overdracht the
 * AMK sent (OntvangAntwoord), feedback on what it handed on (OntvangTerugkoppeling). The code tables of
 * the read mapping (codes.ts) are read backwards. Only what the delivery carries is written; a value the
 * AMK has no code or format for is left out, never guessed; the XML writer escapes every value.
 */
import type { ActDelivery, ActRecordValues } from '#domain/acts.ts';
import { actCode, actTexts, actText, agencyCodeOf, formatted } from '#kit/act-delivery.ts';
import {
  BETROKKENHEID, GEWELDSVORM, GEZINSROL, KANAAL, MELDING_SOORT, OVERDRACHT_SOORT, URGENTIE,
} from './codes.ts';
import { formatDatum, formatTijdstip } from './dates.ts';
import type { AmkInboundOperation } from './soap-envelope.ts';
import type {
  Besluit, FaseCategorie, WireAdres, WireGezinslid, WireOntvangAntwoord, WireOntvangenKind, WireOntvangenMelding,
  WireOntvangOverdracht, WireOntvangTerugkoppeling, WirePartij,
} from './wire-types.ts';

export type AmkInbound =
  | { readonly operation: 'OntvangOverdracht'; readonly content: WireOntvangOverdracht }
  | { readonly operation: 'OntvangAntwoord'; readonly content: WireOntvangAntwoord }
  | { readonly operation: 'OntvangTerugkoppeling'; readonly content: WireOntvangTerugkoppeling };

export type { AmkInboundOperation };

/** A legacy -> schema table read backwards (the first code of a value wins, as the fixtures encode). */
function backwards<Code extends string>(table: Readonly<Record<Code, string>>): ReadonlyMap<string, Code> {
  const codes = new Map<string, Code>();
  for (const [code, value] of Object.entries(table) as [Code, string][]) if (!codes.has(value)) codes.set(value, code);
  return codes;
}

const ROL_CODE = backwards(GEZINSROL);
const BETROKKENHEID_CODE = backwards(BETROKKENHEID);
const KANAAL_CODE = backwards(KANAAL);
const SOORT_CODE = backwards(MELDING_SOORT);
const GEWELD_CODE = backwards(GEWELDSVORM);
const URGENTIE_CODE = backwards(URGENTIE);
const OVERDRACHT_CODE = backwards(OVERDRACHT_SOORT);

const BESLUIT: Readonly<Record<string, Besluit>> = { ACCEPTED: 'geaccepteerd', REFUSED: 'geweigerd', RETURNED_UNSAFE: 'onveilig-teruggemeld' };
/** A phase category as a terugkoppeling writes it (the mock reads it back). */
export const FASE_CATEGORIE: ReadonlyMap<string, FaseCategorie> = new Map([
  ['SIGNAL', 'signaal'], ['ASSESSMENT', 'beoordeling'], ['INVESTIGATION', 'onderzoek'], ['CARE', 'zorg'],
  ['MONITORING', 'monitoring'], ['CLOSED', 'afgesloten'],
]);

const BSN = /^\d{9}$/;
const bsnOf = (record: ActRecordValues, coordinate: string) => {
  const bsn = actText(record, coordinate);
  return bsn !== undefined && BSN.test(bsn) ? bsn : undefined;
};

/** Drops absent keys, and answers undefined for an element left with none (it is then left out). */
function element<T extends object>(fields: T): T | undefined {
  const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
  return Object.keys(present).length > 0 ? present : undefined;
}

function adres(household: ActRecordValues | null): WireAdres | undefined {
  if (!household) return undefined;
  return element({
    straat: actText(household, 'Address.street'), huisnummer: actText(household, 'Address.houseNumber'),
    postcode: actText(household, 'Address.postalCode'), woonplaats: actText(household, 'Address.city'),
  });
}

function gezinslid(member: ActRecordValues): WireGezinslid | undefined {
  return element({
    bsn: bsnOf(member, 'HouseholdMember.bsn'), naam: actText(member, 'HouseholdMember.name'),
    geboortedatum: formatted(formatDatum, actText(member, 'HouseholdMember.birthDate')),
    rol: actCode(ROL_CODE, actText(member, 'HouseholdMember.role')),
  });
}

function kind(child: ActRecordValues): WireOntvangenKind | undefined {
  return element({
    bsn: bsnOf(child, 'Child.bsn'), naam: actText(child, 'Child.name'),
    geboortedatum: formatted(formatDatum, actText(child, 'Child.birthDate')),
    school: actText(child, 'Child.school'), situatie: actText(child, 'Child.situation'),
    betrokkenheid: actCode(BETROKKENHEID_CODE, actText(child, 'Child.role')),
  });
}

function melding(report: ActRecordValues | null): WireOntvangenMelding | undefined {
  if (!report) return undefined;
  const vormen = actTexts(report, 'Report.violenceTypes')?.flatMap((type) => GEWELD_CODE.get(type) ?? []);
  return element({
    ontvangen: formatted(formatTijdstip, actText(report, 'Report.receivedAt')),
    kanaal: actCode(KANAAL_CODE, actText(report, 'Report.channel')),
    soort: actCode(SOORT_CODE, actText(report, 'Report.kind')),
    geweldsvormen: vormen && vormen.length > 0 ? { vorm: vormen } : undefined,
    relaas: actText(report, 'Report.narrative'),
    urgentie: actCode(URGENTIE_CODE, actText(report, 'Report.urgency')),
  });
}

function present<T>(items: readonly (T | undefined)[]): T[] {
  return items.filter((item): item is T => item !== undefined);
}

/** The AMK's inbound call for an act, or null for one it does not receive (or that lacks what its kind carries). */
export function toAmkInbound(delivery: ActDelivery, agencyCodes: Readonly<Record<string, string>>): AmkInbound | null {
  const verzonden = formatted(formatTijdstip, delivery.sentAt);
  if (verzonden === undefined) return null;
  const van: WirePartij = { instelling: agencyCodeOf(agencyCodes, delivery.senderAgencyId) };
  const sender = { handelingId: delivery.actId };
  switch (delivery.kind) {
    case 'HAND_OVER_CASE':
    case 'REFER_ZORGMELDING': {
      const soort = delivery.referralKind === null ? undefined : OVERDRACHT_CODE.get(delivery.referralKind);
      if (soort === undefined) return null;
      const leden = present(delivery.members.map(gezinslid));
      const kinderen = present(delivery.children.map(kind));
      const content: WireOntvangOverdracht = {
        ...sender, soort, van, afzenderReferentie: delivery.senderReference, verzonden, gemeente: delivery.municipality,
        ...element({
          adres: adres(delivery.household),
          gezin: leden.length > 0 ? { gezinslid: leden } : undefined,
          kinderen: kinderen.length > 0 ? { kind: kinderen } : undefined,
          melding: melding(delivery.report),
          reden: delivery.reason ?? undefined,
          veiligheidsvoorwaarden: delivery.safetyConditions.length > 0 ? { voorwaarde: [...delivery.safetyConditions] } : undefined,
        }),
      };
      return { operation: 'OntvangOverdracht', content };
    }
    case 'ANSWER_REFERRAL': {
      const { answer } = delivery;
      const besluit = answer ? BESLUIT[answer.decision] : undefined;
      if (!answer || besluit === undefined) return null;
      return {
        operation: 'OntvangAntwoord',
        content: {
          ...sender, beantwoordeHandeling: answer.answeredAct, van, afzenderReferentie: delivery.senderReference, verzonden, besluit,
          ...element({ reden: answer.reason ?? undefined }),
        },
      };
    }
    case 'GIVE_FEEDBACK': {
      const { feedback } = delivery;
      if (!feedback) return null;
      const naar = element({
        instelling: feedback.receivingAgencyId === null ? undefined : agencyCodeOf(agencyCodes, feedback.receivingAgencyId),
        zorgaanbieder: feedback.receivingCareProvider ?? undefined,
      });
      return {
        operation: 'OntvangTerugkoppeling',
        content: {
          ...sender, van, afzenderReferentie: delivery.senderReference, verzonden, gemeente: delivery.municipality,
          ...element({ faseCategorie: feedback.phaseCategory === null ? undefined : FASE_CATEGORIE.get(feedback.phaseCategory), naar }),
        },
      };
    }
  }
}
