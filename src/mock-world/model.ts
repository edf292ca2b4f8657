/**
 * The synthetic population the mocks serve: one truth, seen by each agency under its own identifiers
 * and in its own dialect. Values are in the schema's vocabulary; each adapter's fixtures translate
 * them into the legacy wire format, and its mapping must translate them back.
 */
import type {
  CasePhase, ChildRole, MemberRole, PhaseCategory, ReferralKind, ReferralStatus, ReportChannel,
  ReportKind, ReporterType, SafetyOutcome, Urgency, ViolenceType,
} from '../domain/records.ts';

export interface WorldPerson {
  readonly bsn: string;
  /** The police's pseudonymous person key (persoonssleutel); only the police system knows it. */
  readonly politieKey: string;
  readonly name: string;
  readonly birthDate: string;
  readonly role: MemberRole;
}

export interface WorldChild {
  readonly bsn: string;
  readonly school: string | null;
  readonly situation: string | null;
  readonly role: ChildRole | null;
}

export interface WorldReport {
  readonly localId: string;
  readonly receivedAt: string;
  readonly channel: ReportChannel;
  readonly kind: ReportKind;
  readonly reporter: {
    readonly name: string | null;
    readonly type: ReporterType;
    readonly anonymityPromised: boolean;
    readonly phone: string | null;
  };
  readonly violenceTypes: readonly ViolenceType[];
  readonly childInvolvement: readonly { readonly bsn: string; readonly role: ChildRole }[];
  readonly narrative: string;
  readonly restrictedInformation: string | null;
  readonly urgency: Urgency;
  readonly safetyAssessment: {
    readonly dueBy: string;
    readonly decidedAt: string | null;
    readonly outcome: SafetyOutcome | null;
  } | null;
  readonly phase: CasePhase;
  readonly phaseCategory: PhaseCategory;
  readonly receivingCareProvider: string | null;
}

export interface WorldReferral {
  readonly localId: string;
  readonly fromAgencyId: string;
  readonly toAgencyId: string | null;
  readonly toCareProvider: string | null;
  readonly kind: ReferralKind;
  readonly reason: string;
  readonly safetyConditions: readonly string[];
  readonly warmHandover: boolean;
  readonly status: ReferralStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly reportLocalId: string | null;
}

/** One agency's case on one household. */
export interface WorldCase {
  /** The agency's own identifier of the household (dossier, zaak, gezin...). */
  readonly householdLocalId: string;
  readonly phase: CasePhase;
  readonly phaseCategory: PhaseCategory;
  readonly since: string;
  readonly careProvider: string | null;
  readonly contact: { readonly name: string; readonly phone: string; readonly email: string };
  /** Which members the agency has registered (BSNs); an agency rarely knows the whole household. */
  readonly memberBsns: readonly string[];
  readonly children: readonly WorldChild[];
  readonly reports: readonly WorldReport[];
  readonly referrals: readonly WorldReferral[];
}

export interface WorldHousehold {
  /** World-internal key; no agency sees it. */
  readonly key: string;
  /**
   * DOMAIN.md section 6 scenario number, or null for generated households. A regional household that
   * replays a scenario in the Veilig Thuis era carries the number it replays; issue 11's own are null.
   */
  readonly scenario: number | null;
  /**
   * What a regional household shows, in one sentence (scenarios-today.ts). Absent on the first wave's
   * scenarios and on generated households, so their records stay exactly as they were.
   */
  readonly story?: string;
  readonly municipality: string;
  readonly address: {
    readonly street: string;
    readonly houseNumber: string;
    readonly postalCode: string;
    readonly city: string;
  };
  readonly members: readonly WorldPerson[];
  /**
   * Cases keyed by agency id: the first wave's `ashg-groningen`, `amk-groningen`, `politie-noord-nederland`,
   * `bjz-groningen`, and the record systems of today's chain (WORLD_ORGANISATIONS: `veilig-thuis-drenthe`,
   * `ashg-drenthe`'s archive, `jeugdbescherming-noord`, `veilig-thuis-amsterdam-amstelland`,
   * `politie-amsterdam`, `jeugdbescherming-regio-amsterdam`). Each agency's mock serves its own key.
   */
  readonly cases: Readonly<Record<string, WorldCase>>;
}

export interface World {
  readonly households: readonly WorldHousehold[];
}

/** The agency ids the world's cases are filed under; the gateway's embedded configuration uses the same. */
export const WORLD_AGENCIES = {
  ashg: 'ashg-groningen',
  amk: 'amk-groningen',
  politie: 'politie-noord-nederland',
  bjz: 'bjz-groningen',
} as const;

/**
 * The organisations of the chain as it is today (issue 11), beside the first wave's Groningen four.
 * Drenthe and Amsterdam-Amstelland: the ASHG and AMK of each region until 2014-12-31, then its Veilig
 * Thuis (record system in the AMK's dialect); the ASHG Drenthe's archive is still served (the records
 * it created stay attributed to it, controlled by Veilig Thuis Drenthe since 2015); Bureau Jeugdzorg
 * until 2014, a certified institution (record system in the BJZ dialect) after; the police unit
 * Amsterdam; wijkteams and the Raad voor de Kinderbescherming are viewers without a system.
 * covenants/organisations.yaml is the registry; these ids must match it (a test compares them).
 */
export const WORLD_ORGANISATIONS = {
  ashgDrenthe: 'ashg-drenthe',
  amkDrenthe: 'amk-drenthe',
  vtDrenthe: 'veilig-thuis-drenthe',
  bjzDrenthe: 'bjz-drenthe',
  giNoord: 'jeugdbescherming-noord',
  wijkteamAssen: 'wijkteam-assen',
  wijkteamEmmen: 'wijkteam-emmen',
  ashgAmsterdam: 'ashg-amsterdam-amstelland',
  amkAmsterdam: 'amk-amsterdam-amstelland',
  vtAmsterdam: 'veilig-thuis-amsterdam-amstelland',
  politieAmsterdam: 'politie-amsterdam',
  bjzAmsterdam: 'bjz-amsterdam',
  giAmsterdam: 'jeugdbescherming-regio-amsterdam',
  wijkteamAmsterdam: 'wijkteam-amsterdam',
  raad: 'raad-voor-de-kinderbescherming',
} as const;

/**
 * The chain-partner codes the world's legacy systems write for one another (ASHG-GRN, AMK-GRN, ...),
 * mapped to gateway agency ids. Real systems each have their own table; the mocks share this one,
 * and each adapter takes it as the default of its `agencyCodes` option.
 */
export const WORLD_AGENCY_CODES: Readonly<Record<string, string>> = Object.freeze({
  'ASHG-GRN': WORLD_AGENCIES.ashg,
  'AMK-GRN': WORLD_AGENCIES.amk,
  'POL-NN': WORLD_AGENCIES.politie,
  'BJZ-GRN': WORLD_AGENCIES.bjz,
  'ASHG-DRE': WORLD_ORGANISATIONS.ashgDrenthe,
  'AMK-DRE': WORLD_ORGANISATIONS.amkDrenthe,
  'VT-DRE': WORLD_ORGANISATIONS.vtDrenthe,
  'BJZ-DRE': WORLD_ORGANISATIONS.bjzDrenthe,
  'GI-NRD': WORLD_ORGANISATIONS.giNoord,
  'ASHG-AA': WORLD_ORGANISATIONS.ashgAmsterdam,
  'AMK-AA': WORLD_ORGANISATIONS.amkAmsterdam,
  'VT-AA': WORLD_ORGANISATIONS.vtAmsterdam,
  'POL-AMS': WORLD_ORGANISATIONS.politieAmsterdam,
  'BJZ-AMS': WORLD_ORGANISATIONS.bjzAmsterdam,
  'GI-JBRA': WORLD_ORGANISATIONS.giAmsterdam,
  'WT-ASN': WORLD_ORGANISATIONS.wijkteamAssen,
  'WT-EMM': WORLD_ORGANISATIONS.wijkteamEmmen,
  'WT-AMS': WORLD_ORGANISATIONS.wijkteamAmsterdam,
  'RAAD': WORLD_ORGANISATIONS.raad,
});
