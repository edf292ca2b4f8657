/**
 * The police's code lists against the schema's vocabulary, one table per list. Mapping reads them
 * legacy -> schema, the fixtures schema -> legacy, so the two directions cannot drift apart.
 */
import type {
  CasePhase, ChildRole, MemberRole, PhaseCategory, ReferralKind, ReferralStatus, Urgency, ViolenceType,
} from '#domain/records.ts';
import type {
  BetrokkenheidKind, Doorverwijsstatus, Geweldsvorm, OrganisatieSoort, Rol, Urgentie, ZorgmeldingStatus,
} from './wire-types.ts';

export const GEWELDSVORMEN: Readonly<Record<Geweldsvorm, ViolenceType>> = {
  'HG-PARTNER': 'PARTNER_VIOLENCE',
  'KM-FYSIEK': 'PHYSICAL_CHILD_ABUSE',
  'KM-EMOTIONEEL': 'EMOTIONAL_CHILD_ABUSE',
  'KM-VERWAARLOZING': 'CHILD_NEGLECT',
  SEKSUEEL: 'SEXUAL_ABUSE',
  OUDERENMISHANDELING: 'ELDER_ABUSE',
  EERGERELATEERD: 'HONOUR_RELATED',
};

export const URGENTIES: Readonly<Record<Urgentie, Urgency>> = {
  LAAG: 'LOW', NORMAAL: 'NORMAL', HOOG: 'HIGH', ACUUT: 'ACUTE',
};

/** The police's case phases (schema: REGISTERED, REFERRED, CLOSED) with their coarse category. */
export const STATUSSEN: Readonly<Record<ZorgmeldingStatus, { readonly phase: CasePhase; readonly phaseCategory: PhaseCategory }>> = {
  GEREGISTREERD: { phase: 'REGISTERED', phaseCategory: 'SIGNAL' },
  DOORGEZET: { phase: 'REFERRED', phaseCategory: 'ASSESSMENT' },
  AFGESLOTEN: { phase: 'CLOSED', phaseCategory: 'CLOSED' },
};

export const DOORVERWIJSSTATUSSEN: Readonly<Record<Doorverwijsstatus, ReferralStatus>> = {
  CONCEPT: 'DRAFT',
  AANGEBODEN: 'OFFERED',
  GEACCEPTEERD: 'ACCEPTED',
  GEWEIGERD: 'REFUSED',
  LOPEND: 'RUNNING',
  AFGEROND: 'COMPLETED',
  TERUG_ONVEILIG: 'RETURNED_UNSAFE',
};

export const ROLLEN: Readonly<Record<Rol, MemberRole>> = {
  OUDER_MET_GEZAG: 'PARENT_WITH_AUTHORITY',
  STIEFOUDER: 'STEP_PARENT',
  PARTNER: 'PARTNER',
  EX_PARTNER: 'EX_PARTNER',
  KIND: 'CHILD',
  OVERIG: 'OTHER',
};

export const BETROKKENHEDEN: Readonly<Record<BetrokkenheidKind, ChildRole>> = {
  SLACHTOFFER: 'DIRECT_VICTIM',
  GETUIGE_PARTNERGEWELD: 'WITNESS_OF_PARTNER_VIOLENCE',
};


/**
 * A police referral's kind follows from the kind of organisation it went to, which the police
 * encode as the prefix of the organisation code (`AMK-GRN`, `BJZ-DRE`, `VT-DRE`, `WIJKTEAM-GRN`).
 * Since 2015 a zorgmelding goes to the region's Veilig Thuis (`VT-`) where it went to the AMK or BJZ;
 * the chain's shared code table writes wijkteams `WT-` (`WT-ASN`), older exports `WIJKTEAM-`.
 */
export const DOORVERWIJSSOORTEN: Readonly<Record<OrganisatieSoort, ReferralKind>> = {
  AMK: 'POLICE_TO_AMK',
  BJZ: 'POLICE_TO_BJZ',
  VT: 'POLICE_TO_VEILIG_THUIS',
  WIJKTEAM: 'TO_WIJKTEAM',
  WT: 'TO_WIJKTEAM',
};

/** Code for "a care provider outside the chain"; its name goes in `doorverwezen_naar_naam`. */
export const ZORGAANBIEDER_CODE = 'ZORGAANBIEDER';

/** The inverse of a one-to-one table, for the fixtures. */
export function invert<K extends string, V extends string>(table: Readonly<Record<K, V>>): ReadonlyMap<V, K> {
  return new Map(Object.entries(table).map(([code, value]) => [value as V, code as K]));
}
