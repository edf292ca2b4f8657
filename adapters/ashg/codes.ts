/**
 * The ASHG's Dutch code lists and the schema enum value each stands for. One table per list, read in
 * both directions: the mapping decodes legacy codes, the fixtures encode the world's values.
 */
import type { ActAnswer } from '#domain/acts.ts';
import type {
  CasePhase, ChildRole, MemberRole, PhaseCategory, ReferralKind, ReferralStatus, ReportChannel, ReportKind,
  ReporterType, SafetyOutcome, Urgency, ViolenceType,
} from '#domain/records.ts';
import type {
  WireBesluit, WireBetrokkenheid, WireFase, WireFaseCategorie, WireGeweldsvorm, WireKanaal, WireMelderType, WireMeldingSoort, WireRol,
  WireUitkomst, WireUrgentie, WireVerwijzingSoort, WireVerwijzingStatus,
} from './wire-types.ts';

export interface CodeTable<Value extends string, Code extends string> {
  /** The enum value of a legacy code, or undefined for a code the table does not know. */
  decode(code: string): Value | undefined;
  /** The legacy code of an enum value; throws for a value the legacy system has no code for. */
  encode(value: Value): Code;
}

function codeTable<Value extends string, Code extends string>(
  codes: Readonly<Partial<Record<Value, Code>>>,
): CodeTable<Value, Code> {
  const byValue = new Map<string, Code>(Object.entries(codes) as [Value, Code][]);
  // A Map, not an object lookup, so a code like `constructor` cannot resolve to a prototype member.
  const byCode = new Map<string, Value>([...byValue].map(([value, code]) => [code, value as Value]));
  if (byCode.size !== byValue.size) throw new Error('ASHG code table maps two values to one code');
  return {
    decode: (code) => byCode.get(code),
    encode(value) {
      const code = byValue.get(value);
      if (code === undefined) throw new Error(`The ASHG has no code for ${value}`);
      return code;
    },
  };
}

export const ROLE = codeTable<MemberRole, WireRol>({
  PARENT_WITH_AUTHORITY: 'ouder-met-gezag', STEP_PARENT: 'stiefouder', PARTNER: 'partner',
  EX_PARTNER: 'ex-partner', CHILD: 'kind', OTHER: 'overig',
} satisfies Record<MemberRole, WireRol>);

export const CHILD_ROLE = codeTable<ChildRole, WireBetrokkenheid>({
  DIRECT_VICTIM: 'slachtoffer', WITNESS_OF_PARTNER_VIOLENCE: 'getuige',
} satisfies Record<ChildRole, WireBetrokkenheid>);

/** Only the ASHG lifecycle (DOMAIN.md section 3); other agencies' phases have no ASHG code. */
export const PHASE = codeTable<CasePhase, WireFase>({
  FIRST_CONTACT: 'eerste-contact', REPORT_RECEIVED: 'melding-ontvangen', HOUSEHOLD_INFORMED: 'huishouden-geinformeerd',
  PLAN_TO_HELP: 'plan-naar-hulp', REFERRAL_CARRIED_OUT: 'verwijzing-uitgevoerd', MONITORING: 'monitoring',
  CLOSED: 'afgesloten', HANDED_OVER_TO_AMK: 'overgedragen-aan-amk',
});

/** The coarse category of each ASHG phase, as the Verwijsindex projection shows it. */
export const PHASE_CATEGORY: Readonly<Partial<Record<CasePhase, PhaseCategory>>> = {
  FIRST_CONTACT: 'SIGNAL', REPORT_RECEIVED: 'SIGNAL', HOUSEHOLD_INFORMED: 'ASSESSMENT', PLAN_TO_HELP: 'CARE',
  REFERRAL_CARRIED_OUT: 'CARE', HANDED_OVER_TO_AMK: 'CARE', MONITORING: 'MONITORING', CLOSED: 'CLOSED',
};

export const CHANNEL = codeTable<ReportChannel, WireKanaal>({
  PHONE: 'telefoon', EMAIL: 'email', IN_PERSON: 'persoonlijk', WEB: 'webformulier', POLICE_EXPORT: 'politie-koppeling',
} satisfies Record<ReportChannel, WireKanaal>);

export const REPORT_KIND = codeTable<ReportKind, WireMeldingSoort>({
  ADVICE: 'advies', REPORT: 'melding', POLICE_CARE_REPORT: 'zorgmelding',
} satisfies Record<ReportKind, WireMeldingSoort>);

export const REPORTER_TYPE = codeTable<ReporterType, WireMelderType>({
  PROFESSIONAL: 'professional', CITIZEN: 'burger', POLICE: 'politie', ANONYMOUS: 'anoniem',
} satisfies Record<ReporterType, WireMelderType>);

export const VIOLENCE = codeTable<ViolenceType, WireGeweldsvorm>({
  PARTNER_VIOLENCE: 'partnergeweld', PHYSICAL_CHILD_ABUSE: 'lichamelijke-kindermishandeling',
  EMOTIONAL_CHILD_ABUSE: 'psychische-kindermishandeling', CHILD_NEGLECT: 'verwaarlozing',
  SEXUAL_ABUSE: 'seksueel-misbruik', ELDER_ABUSE: 'ouderenmishandeling', HONOUR_RELATED: 'eergerelateerd-geweld',
} satisfies Record<ViolenceType, WireGeweldsvorm>);

export const URGENCY = codeTable<Urgency, WireUrgentie>({
  LOW: 'laag', NORMAL: 'normaal', HIGH: 'hoog', ACUTE: 'acuut',
} satisfies Record<Urgency, WireUrgentie>);

export const SAFETY_OUTCOME = codeTable<SafetyOutcome, WireUitkomst>({
  SAFE: 'veilig', UNSAFE_HELP_NEEDED: 'onveilig-hulp-nodig', ACUTELY_UNSAFE: 'acuut-onveilig',
} satisfies Record<SafetyOutcome, WireUitkomst>);

export const REFERRAL_KIND = codeTable<ReferralKind, WireVerwijzingSoort>({
  VOLUNTARY_CARE: 'vrijwillige-hulp', HANDOVER_ASHG_TO_AMK: 'overdracht-amk', POLICE_TO_AMK: 'politie-amk',
  POLICE_TO_BJZ: 'politie-bjz', TO_WIJKTEAM: 'wijkteam', POLICE_TO_VEILIG_THUIS: 'politie-veilig-thuis', REQUEST_TO_RAAD: 'verzoek-raad',
  HANDOVER_TO_CERTIFIED_INSTITUTION: 'overdracht-gi',
} satisfies Record<ReferralKind, WireVerwijzingSoort>);

export const REFERRAL_STATUS = codeTable<ReferralStatus, WireVerwijzingStatus>({
  DRAFT: 'concept', OFFERED: 'aangeboden', ACCEPTED: 'geaccepteerd', REFUSED: 'geweigerd', RUNNING: 'lopend',
  COMPLETED: 'afgerond', RETURNED_UNSAFE: 'onveilig-retour',
} satisfies Record<ReferralStatus, WireVerwijzingStatus>);

/** A phase category as a terugkoppeling writes it (inbound, issue 13). */
export const PHASE_CATEGORY_CODE = codeTable<PhaseCategory, WireFaseCategorie>({
  SIGNAL: 'signaal', ASSESSMENT: 'beoordeling', INVESTIGATION: 'onderzoek', CARE: 'zorg', MONITORING: 'monitoring', CLOSED: 'afgesloten',
} satisfies Record<PhaseCategory, WireFaseCategorie>);

/** An answer to a doorverwijzing: the status it moves the doorverwijzing to. */
export const ANSWER = codeTable<ActAnswer, WireBesluit>({
  ACCEPTED: 'geaccepteerd', REFUSED: 'geweigerd', RETURNED_UNSAFE: 'onveilig-retour',
} satisfies Record<ActAnswer, WireBesluit>);
