/**
 * The AMK system's code lists and their schema values. One table per list, read both ways: the
 * mapping decodes with it, the fixtures encode with it, so the two cannot drift apart.
 */
import type {
  CasePhase, ChildRole, MemberRole, PhaseCategory, ReferralKind, ReferralStatus, ReportChannel, ReportKind,
  ReporterType, SafetyOutcome, Urgency, ViolenceType,
} from '#domain/records.ts';
import type {
  AmkFase, Betrokkenheid, Geweldsvorm, GezinsRol, Kanaal, MelderType, MeldingSoort, OverdrachtSoort,
  OverdrachtStatus, Uitkomst, Urgentie,
} from './wire-types.ts';

/**
 * The AMK's lifecycle and, in the same systems since 2015, Veilig Thuis's (Handelingsprotocol 2019):
 * one code per phase, so a zaak of amk-groningen and one of veilig-thuis-drenthe read alike.
 */
export const FASE: Readonly<Record<AmkFase, CasePhase>> = {
  intake: 'INTAKE',
  onderzoek: 'INVESTIGATION',
  conclusie: 'CONCLUSION',
  'overdracht-zorg': 'HANDED_OVER_TO_CARE',
  'verzoek-raad': 'REQUEST_TO_RAAD',
  afgesloten: 'CLOSED',
  'melding-ontvangen': 'REPORT_RECEIVED',
  veiligheidsbeoordeling: 'SAFETY_ASSESSMENT',
  'overdracht-met-voorwaarden': 'HANDOVER_WITH_CONDITIONS',
  'eigen-onderzoek': 'OWN_INVESTIGATION',
  'einde-betrokkenheid': 'END_OF_INVOLVEMENT',
  monitoring: 'MONITORING',
};

/** The phase category each phase falls in (the Verwijsindex-style coarse status; the world's phaseCategoryOf). */
export const FASE_CATEGORY: Readonly<Record<AmkFase, PhaseCategory>> = {
  intake: 'ASSESSMENT',
  onderzoek: 'INVESTIGATION',
  conclusie: 'INVESTIGATION',
  'overdracht-zorg': 'CARE',
  'verzoek-raad': 'INVESTIGATION',
  afgesloten: 'CLOSED',
  'melding-ontvangen': 'SIGNAL',
  veiligheidsbeoordeling: 'ASSESSMENT',
  'overdracht-met-voorwaarden': 'CARE',
  'eigen-onderzoek': 'INVESTIGATION',
  'einde-betrokkenheid': 'CLOSED',
  monitoring: 'MONITORING',
};

export const GEZINSROL: Readonly<Record<GezinsRol, MemberRole>> = {
  'ouder-met-gezag': 'PARENT_WITH_AUTHORITY',
  stiefouder: 'STEP_PARENT',
  partner: 'PARTNER',
  'ex-partner': 'EX_PARTNER',
  kind: 'CHILD',
  overig: 'OTHER',
};

export const BETROKKENHEID: Readonly<Record<Betrokkenheid, ChildRole>> = {
  slachtoffer: 'DIRECT_VICTIM',
  'getuige-partnergeweld': 'WITNESS_OF_PARTNER_VIOLENCE',
};

export const KANAAL: Readonly<Record<Kanaal, ReportChannel>> = {
  telefoon: 'PHONE',
  email: 'EMAIL',
  webformulier: 'WEB',
  persoonlijk: 'IN_PERSON',
  politiekoppeling: 'POLICE_EXPORT',
};

export const MELDING_SOORT: Readonly<Record<MeldingSoort, ReportKind>> = {
  advies: 'ADVICE',
  melding: 'REPORT',
  'zorgmelding-politie': 'POLICE_CARE_REPORT',
};

export const MELDER_TYPE: Readonly<Record<MelderType, ReporterType>> = {
  professional: 'PROFESSIONAL',
  burger: 'CITIZEN',
  politie: 'POLICE',
  anoniem: 'ANONYMOUS',
};

export const GEWELDSVORM: Readonly<Record<Geweldsvorm, ViolenceType>> = {
  partnergeweld: 'PARTNER_VIOLENCE',
  'lichamelijke-kindermishandeling': 'PHYSICAL_CHILD_ABUSE',
  'psychische-kindermishandeling': 'EMOTIONAL_CHILD_ABUSE',
  verwaarlozing: 'CHILD_NEGLECT',
  'seksueel-misbruik': 'SEXUAL_ABUSE',
  'eergerelateerd-geweld': 'HONOUR_RELATED',
  ouderenmishandeling: 'ELDER_ABUSE',
};

export const URGENTIE: Readonly<Record<Urgentie, Urgency>> = {
  laag: 'LOW',
  normaal: 'NORMAL',
  hoog: 'HIGH',
  acuut: 'ACUTE',
};

export const UITKOMST: Readonly<Record<Uitkomst, SafetyOutcome>> = {
  veilig: 'SAFE',
  'onveilig-hulp-nodig': 'UNSAFE_HELP_NEEDED',
  'acuut-onveilig': 'ACUTELY_UNSAFE',
};

/** Every kind of the schema has its code: a Veilig Thuis records the police's zorgmelding to it and its request to the Raad. */
export const OVERDRACHT_SOORT: Readonly<Record<OverdrachtSoort, ReferralKind>> = {
  'vrijwillige-hulp': 'VOLUNTARY_CARE',
  'overdracht-ashg-amk': 'HANDOVER_ASHG_TO_AMK',
  'politie-naar-amk': 'POLICE_TO_AMK',
  'politie-naar-bjz': 'POLICE_TO_BJZ',
  'naar-wijkteam': 'TO_WIJKTEAM',
  'politie-naar-veilig-thuis': 'POLICE_TO_VEILIG_THUIS',
  'verzoek-raad': 'REQUEST_TO_RAAD',
  'overdracht-gi': 'HANDOVER_TO_CERTIFIED_INSTITUTION',
};

export const OVERDRACHT_STATUS: Readonly<Record<OverdrachtStatus, ReferralStatus>> = {
  concept: 'DRAFT',
  aangeboden: 'OFFERED',
  geaccepteerd: 'ACCEPTED',
  geweigerd: 'REFUSED',
  lopend: 'RUNNING',
  afgerond: 'COMPLETED',
  'onveilig-teruggemeld': 'RETURNED_UNSAFE',
};


/** The legacy code of a schema value; throws on a value the AMK system has no code for. */
export function encodeCode<K extends string, V>(table: Readonly<Record<K, V>>, value: V, list: string): K {
  for (const [code, mapped] of Object.entries(table) as [K, V][]) {
    if (mapped === value) return code;
  }
  throw new Error(`The AMK code list ${list} has no code for ${String(value)}`);
}
