/**
 * BJZ's code lists and their schema values. One table per list, read in both directions: the mapping
 * translates codes to schema values, the fixtures translate the world back into codes.
 */
import type {
  CasePhase, ChildRole, MemberRole, PhaseCategory, ReferralKind, ReferralStatus,
} from '#domain/records.ts';
import type {
  WireAanmeldingSoort, WireAanmeldingStatus, WireBetrokkenheid, WireFase, WireRelatie,
} from './wire-types.ts';

export const RELATIE: Readonly<Record<WireRelatie, MemberRole>> = {
  'ouder-met-gezag': 'PARENT_WITH_AUTHORITY',
  stiefouder: 'STEP_PARENT',
  partner: 'PARTNER',
  'ex-partner': 'EX_PARTNER',
  kind: 'CHILD',
  overig: 'OTHER',
};

export const BETROKKENHEID: Readonly<Record<WireBetrokkenheid, ChildRole>> = {
  'direct-slachtoffer': 'DIRECT_VICTIM',
  'getuige-partnergeweld': 'WITNESS_OF_PARTNER_VIOLENCE',
};

/**
 * BJZ knows four phases. Each maps to the schema phase that means the same thing, and to that phase's
 * category as the Verwijsindex projection shows it (the same table the other agencies use).
 */
export const FASE: Readonly<Record<WireFase, { readonly phase: CasePhase; readonly category: PhaseCategory }>> = {
  aanmelding: { phase: 'REGISTERED', category: 'SIGNAL' },
  intake: { phase: 'INTAKE', category: 'ASSESSMENT' },
  hulp: { phase: 'HANDED_OVER_TO_CARE', category: 'CARE' },
  afgesloten: { phase: 'CLOSED', category: 'CLOSED' },
};

/**
 * Every kind of the schema has its code. Since 2015 the same system runs at the certified institutions
 * (jeugdbescherming-noord, jeugdbescherming-regio-amsterdam), whose aanmeldingen come from a Veilig
 * Thuis or another certified institution rather than from the police alone: a Veilig Thuis's request to
 * the Raad that led to a measure, for one.
 */
export const SOORT: Readonly<Record<WireAanmeldingSoort, ReferralKind>> = {
  vrijwillig: 'VOLUNTARY_CARE',
  'overdracht-ashg-amk': 'HANDOVER_ASHG_TO_AMK',
  'politie-amk': 'POLICE_TO_AMK',
  'politie-bjz': 'POLICE_TO_BJZ',
  wijkteam: 'TO_WIJKTEAM',
  'politie-veilig-thuis': 'POLICE_TO_VEILIG_THUIS',
  'verzoek-raad': 'REQUEST_TO_RAAD',
  'overdracht-gi': 'HANDOVER_TO_CERTIFIED_INSTITUTION',
};

export const STATUS: Readonly<Record<WireAanmeldingStatus, ReferralStatus>> = {
  concept: 'DRAFT',
  aangeboden: 'OFFERED',
  geaccepteerd: 'ACCEPTED',
  geweigerd: 'REFUSED',
  lopend: 'RUNNING',
  afgerond: 'COMPLETED',
  'onveilig-teruggemeld': 'RETURNED_UNSAFE',
};


/** The code whose value is `value`, for the fixtures' reverse direction. */
export function codeOf<Code extends string, Value>(table: Readonly<Record<Code, Value>>, value: Value): Code | undefined {
  for (const [code, mapped] of Object.entries(table) as [Code, Value][]) {
    if (mapped === value) return code;
  }
  return undefined;
}
