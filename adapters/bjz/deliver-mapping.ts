/**
 * Pure mapping of an act into BJZ's inbound dialect (issue 13). BJZ receives the police's referrals of
 * minors (covenant 0-18) and handovers as aanmeldingen, and the answers to aanmeldingen it sent; it has no
 * feedback endpoint (it is told the outcome by the aanmelding's own status). The code tables of the read
 * mapping (codes.ts) are read backwards; what the delivery does not carry, or BJZ has no field, code or
 * format for, is left out, never guessed.
 */
import type { ActDelivery, ActRecordValues } from '#domain/acts.ts';
import { actCode, actText, agencyCodeOf, formatted } from '#kit/act-delivery.ts';
import { BETROKKENHEID, RELATIE, SOORT, codeOf } from './codes.ts';
import { formatWireDate, formatWireDateTime } from './legacy-dates.ts';
import type {
  WireAanmeldingSoort, WireBesluit, WireNieuwAdres, WireNieuweAanmelding, WireNieuweClient, WireNieuwGezinslid,
  WireBetrokkenheid, WireRelatie,
} from './wire-types.ts';

export const BJZ_AANMELDINGEN_PATH = '/v2/aanmeldingen';
export const BJZ_BESLUITEN_PATH = '/v2/aanmeldingen/besluiten';

export type BjzInbound =
  | { readonly operation: 'ontvangAanmelding'; readonly path: typeof BJZ_AANMELDINGEN_PATH; readonly body: WireNieuweAanmelding }
  | { readonly operation: 'ontvangBesluit'; readonly path: typeof BJZ_BESLUITEN_PATH; readonly body: WireBesluit };

const table = <Code extends string>(codes: Readonly<Record<Code, string>>): ReadonlyMap<string, Code> =>
  new Map(Object.values(codes).map((value) => [value as string, codeOf(codes, value) as Code]));

const RELATIE_CODE: ReadonlyMap<string, WireRelatie> = table(RELATIE);
const BETROKKENHEID_CODE: ReadonlyMap<string, WireBetrokkenheid> = table(BETROKKENHEID);
const BESLUIT: Readonly<Record<string, WireBesluit['besluit']>> = { ACCEPTED: 'geaccepteerd', REFUSED: 'geweigerd', RETURNED_UNSAFE: 'onveilig-teruggemeld' };

/** Only the keys with a value. */
function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

const bsnOf = (record: ActRecordValues, coordinate: string) => {
  const bsn = actText(record, coordinate);
  return bsn !== undefined && /^\d{9}$/.test(bsn) ? bsn : undefined;
};

/** BJZ splits the house number from its letter and writes the postcode with a space (as its read side). */
function adres(household: ActRecordValues | null): WireNieuwAdres | undefined {
  if (!household) return undefined;
  const number = /^(\d+)\s*(\S.*)?$/.exec(actText(household, 'Address.houseNumber') ?? '');
  const postcode = /^(\d{4})\s*([A-Z]{2})$/.exec(actText(household, 'Address.postalCode') ?? '');
  const fields = defined({
    straat: actText(household, 'Address.street'),
    huisnummer: number ? Number(number[1]) : undefined,
    toevoeging: number ? number[2] : undefined,
    postcode: postcode ? `${postcode[1]} ${postcode[2]}` : undefined,
    woonplaats: actText(household, 'Address.city'),
  });
  return Object.keys(fields).length > 0 ? fields : undefined;
}

function gezinslid(member: ActRecordValues): WireNieuwGezinslid {
  return defined({
    bsn: bsnOf(member, 'HouseholdMember.bsn'), naam: actText(member, 'HouseholdMember.name'),
    geboortedatum: formatted(formatWireDate, actText(member, 'HouseholdMember.birthDate')),
    relatie: actCode(RELATIE_CODE, actText(member, 'HouseholdMember.role')),
  });
}

function client(child: ActRecordValues): WireNieuweClient {
  return defined({
    bsn: bsnOf(child, 'Child.bsn'), naam: actText(child, 'Child.name'),
    geboortedatum: formatted(formatWireDate, actText(child, 'Child.birthDate')),
    school: actText(child, 'Child.school'), situatie: actText(child, 'Child.situation'),
    betrokkenheid: actCode(BETROKKENHEID_CODE, actText(child, 'Child.role')),
  });
}

/** BJZ's inbound call for an act, or null for one it does not receive (or that lacks what its kind carries). */
export function toBjzInbound(delivery: ActDelivery, agencyCodes: Readonly<Record<string, string>>): BjzInbound | null {
  const verzondenOp = formatted(formatWireDateTime, delivery.sentAt);
  if (verzondenOp === undefined) return null;
  const van = agencyCodeOf(agencyCodes, delivery.senderAgencyId);
  if (delivery.kind === 'HAND_OVER_CASE' || delivery.kind === 'REFER_ZORGMELDING') {
    const soort: WireAanmeldingSoort | undefined = delivery.referralKind === null ? undefined : codeOf(SOORT, delivery.referralKind);
    if (soort === undefined) return null;
    const melding = delivery.report ? defined({
      ontvangenOp: formatted(formatWireDateTime, actText(delivery.report, 'Report.receivedAt')),
      relaas: actText(delivery.report, 'Report.narrative'),
    }) : {};
    return {
      operation: 'ontvangAanmelding',
      path: BJZ_AANMELDINGEN_PATH,
      body: defined({
        handelingId: delivery.actId, soort, van, afzenderReferentie: delivery.senderReference, verzondenOp, gemeente: delivery.municipality,
        adres: adres(delivery.household),
        // A member with nothing granted tells nothing: it is left out rather than sent empty.
        gezinsleden: delivery.members.map(gezinslid).filter((lid) => Object.keys(lid).length > 0),
        kinderen: delivery.children.map(client),
        melding: Object.keys(melding).length > 0 ? melding : undefined,
        reden: delivery.reason ?? undefined,
        veiligheidsafspraken: [...delivery.safetyConditions],
      }),
    };
  }
  if (delivery.kind === 'ANSWER_REFERRAL' && delivery.answer) {
    const besluit = BESLUIT[delivery.answer.decision];
    if (besluit === undefined) return null;
    return {
      operation: 'ontvangBesluit',
      path: BJZ_BESLUITEN_PATH,
      body: defined({
        handelingId: delivery.actId, beantwoordeHandeling: delivery.answer.answeredAct, van, afzenderReferentie: delivery.senderReference,
        verzondenOp, besluit, reden: delivery.answer.reason ?? undefined,
      }),
    };
  }
  return null;
}
