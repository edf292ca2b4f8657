/**
 * The ASHG registration system's REST/JSON dialect (API v1), in its own Dutch vocabulary.
 *
 *   GET /api/v1/dossiers?gemeente=<naam>&offset=<n>&limiet=<n>   -> WireDossierPage (limiet at most 100)
 *   GET /api/v1/dossiers?ids=<id>,<id>  |  ?bsn=<bsn>,<bsn>       -> WireDossierList (at most 50 values)
 *   GET /api/v1/dossiers/<id>                                      -> WireDossier, or 404
 *   GET /api/v1/meldingen?dossiers=<id>,...  |  ?ids=<id>,...     -> WireMeldingList (at most 50 values)
 *   GET /api/v1/doorverwijzingen?dossiers=<id>,...  |  ?ids=...   -> WireDoorverwijzingList (at most 50 values)
 *   GET /api/v1/dossiers/wijzigingen?sinds=<volgnummer>&limiet=<n> -> WireWijzigingenPagina (limiet at most 100)
 *
 * Every call carries the `X-Api-Key` header; errors answer with a WireFout body. Dates are `dd-mm-jjjj`,
 * date-times ISO 8601 with offset. Keys typed `T | null` are always present (null when unknown); only
 * the keys marked optional may be left out.
 */

/** Role of a person in the dossier. */
export type WireRol = 'ouder-met-gezag' | 'stiefouder' | 'partner' | 'ex-partner' | 'kind' | 'overig';
/** Whether a child is a direct victim or a witness of partner violence. */
export type WireBetrokkenheid = 'slachtoffer' | 'getuige';
/** The ASHG lifecycle. */
export type WireFase =
  | 'eerste-contact' | 'melding-ontvangen' | 'huishouden-geinformeerd' | 'plan-naar-hulp'
  | 'verwijzing-uitgevoerd' | 'monitoring' | 'afgesloten' | 'overgedragen-aan-amk';
export type WireKanaal = 'telefoon' | 'email' | 'persoonlijk' | 'webformulier' | 'politie-koppeling';
export type WireMeldingSoort = 'advies' | 'melding' | 'zorgmelding';
export type WireMelderType = 'professional' | 'burger' | 'politie' | 'anoniem';
export type WireGeweldsvorm =
  | 'partnergeweld' | 'lichamelijke-kindermishandeling' | 'psychische-kindermishandeling' | 'verwaarlozing'
  | 'seksueel-misbruik' | 'ouderenmishandeling' | 'eergerelateerd-geweld';
export type WireUrgentie = 'laag' | 'normaal' | 'hoog' | 'acuut';
export type WireUitkomst = 'veilig' | 'onveilig-hulp-nodig' | 'acuut-onveilig';
export type WireVerwijzingSoort = 'vrijwillige-hulp' | 'overdracht-amk' | 'politie-amk' | 'politie-bjz' | 'wijkteam'
  | 'politie-veilig-thuis' | 'verzoek-raad' | 'overdracht-gi';
export type WireVerwijzingStatus =
  | 'concept' | 'aangeboden' | 'geaccepteerd' | 'geweigerd' | 'lopend' | 'afgerond' | 'onveilig-retour';

/** `dd-mm-jjjj`. */
export type WireDatum = string;
/** ISO 8601 date-time with offset, e.g. `2026-03-02T09:14:00+01:00`. */
export type WireTijdstip = string;

export interface WirePersoon {
  readonly bsn: string | null;
  readonly naam: string | null;
  readonly geboortedatum: WireDatum | null;
  readonly rol: WireRol | null;
}

export interface WireKind {
  /** The ASHG's number of the child within the dossier. */
  readonly kindnummer: string;
  readonly bsn: string | null;
  readonly school?: string | null;
  readonly situatie?: string | null;
  readonly betrokkenheid: WireBetrokkenheid | null;
}

export interface WireAdres {
  readonly straat: string | null;
  readonly huisnummer: string | null;
  readonly postcode: string | null;
  readonly woonplaats: string | null;
}

export interface WireContactpunt {
  readonly naam: string | null;
  readonly telefoon: string | null;
  readonly email: string | null;
}

export interface WireDossier {
  readonly dossiernummer: string;
  readonly gemeente: string | null;
  readonly adres: WireAdres | null;
  readonly personen: readonly WirePersoon[];
  readonly kinderen: readonly WireKind[];
  readonly fase: WireFase | null;
  readonly faseSinds: WireDatum | null;
  readonly contactpunt: WireContactpunt | null;
  readonly zorgaanbieder: string | null;
}

export interface WireMelder {
  readonly naam: string | null;
  readonly type: WireMelderType | null;
  readonly anonimiteitToegezegd: boolean | null;
  readonly telefoon: string | null;
}

export interface WireBetrokkenKind {
  readonly bsn: string | null;
  readonly rol: WireBetrokkenheid | null;
}

export interface WireVeiligheidsbeoordeling {
  readonly uiterlijk: WireDatum | null;
  readonly besloten: WireTijdstip | null;
  readonly uitkomst: WireUitkomst | null;
}

export interface WireMelding {
  readonly meldingnummer: string;
  readonly dossiernummer: string;
  /** Municipality of the dossier, repeated so a melding can be routed on its own. */
  readonly gemeente: string | null;
  readonly ontvangen: WireTijdstip | null;
  readonly kanaal: WireKanaal | null;
  readonly soort: WireMeldingSoort | null;
  readonly melder: WireMelder | null;
  readonly geweldsvormen: readonly WireGeweldsvorm[] | null;
  readonly betrokkenKinderen: readonly WireBetrokkenKind[] | null;
  readonly relaas: string | null;
  readonly afgeschermdeInformatie: string | null;
  readonly urgentie: WireUrgentie | null;
  readonly veiligheidsbeoordeling: WireVeiligheidsbeoordeling | null;
  readonly fase: WireFase | null;
  readonly ontvangendeZorgaanbieder: string | null;
}

export interface WireDoorverwijzing {
  readonly verwijzingsnummer: string;
  readonly dossiernummer: string;
  /** Municipality of the dossier, repeated as on a melding. */
  readonly gemeente: string | null;
  /** Legacy agency code, e.g. `ASHG-GRN`, `AMK-GRN`, `POL-NN`, `BJZ-GRN`. */
  readonly van: string | null;
  readonly naar: string | null;
  /** Receiving care provider when the referral is not to an agency in the chain. */
  readonly naarZorgaanbieder: string | null;
  readonly soort: WireVerwijzingSoort | null;
  readonly reden: string | null;
  readonly veiligheidsvoorwaarden: readonly string[] | null;
  readonly warmeOverdracht: boolean | null;
  readonly status: WireVerwijzingStatus | null;
  readonly aangemaakt: WireTijdstip | null;
  readonly gewijzigd: WireTijdstip | null;
  readonly meldingnummer: string | null;
}

export interface WireDossierPage {
  readonly totaal: number;
  readonly offset: number;
  readonly limiet: number;
  readonly dossiers: readonly WireDossier[];
}

export interface WireDossierList { readonly dossiers: readonly WireDossier[] }
export interface WireMeldingList { readonly meldingen: readonly WireMelding[] }
export interface WireDoorverwijzingList { readonly doorverwijzingen: readonly WireDoorverwijzing[] }

/** What happened to a dossier: changed (or registered), or no longer held. */
export type WireWijzigingSoort = 'gewijzigd' | 'verwijderd';

/**
 * One entry of the dossier change feed. The ASHG numbers its changes to dossiers (the dossier itself:
 * personen, kinderen, adres, gemeente, fase; not its meldingen or doorverwijzingen) in one ascending
 * sequence; a dossier changed twice appears twice.
 */
export interface WireWijziging {
  readonly volgnummer: number;
  readonly dossiernummer: string;
  readonly soort: WireWijzigingSoort;
}

/**
 * A page of the change feed: the changes after `sinds`, oldest first. `laatsteVolgnummer` is where to
 * ask from next (the last change listed, or `sinds` itself when none are); `meer` says more wait after
 * it. Without `sinds` the page is empty and `laatsteVolgnummer` is where the feed stands now. A `sinds`
 * the ASHG no longer keeps (or never gave) answers 410 VOLGNUMMER_ONBEKEND.
 */
export interface WireWijzigingenPagina {
  readonly wijzigingen: readonly WireWijziging[];
  readonly laatsteVolgnummer: number;
  readonly meer: boolean;
}

/** Error body of every non-2xx answer. */
export interface WireFout {
  readonly fout: { readonly code: string; readonly melding: string };
}


/*
 * Inbound (issue 13): what the ASHG receives from its chain partners through the gateway. Each carries
 * the gateway's `handelingId`, by which the ASHG stores a repeated delivery once (200 with the first
 * `referentie`; 201 the first time).
 *
 *   POST /api/v1/doorverwijzingen/antwoorden   WireAntwoord        -> 201/200 WireOntvangst
 *   POST /api/v1/terugkoppelingen              WireTerugkoppeling  -> 201/200 WireOntvangst
 */

/** How the receiver of a doorverwijzing answered it (the WireVerwijzingStatus it moves to). */
export type WireBesluit = 'geaccepteerd' | 'geweigerd' | 'onveilig-retour';
/** The coarse category of the receiver's phase, as a terugkoppeling tells it. */
export type WireFaseCategorie = 'signaal' | 'beoordeling' | 'onderzoek' | 'zorg' | 'monitoring' | 'afgesloten';

/** The answer of the receiver to a doorverwijzing (or overdracht) the ASHG sent. */
export interface WireAntwoord {
  readonly handelingId: string;
  /** The gateway's id of the act answered: the ASHG's own doorverwijzing it carried out. */
  readonly beantwoordeHandeling: string;
  /** Legacy code of the answering chain partner. */
  readonly afzender: string;
  /** The answering partner's own id of its case. */
  readonly afzenderReferentie: string;
  readonly verzonden: WireTijdstip;
  readonly besluit: WireBesluit;
  readonly reden: string | null;
}

/** Feedback (terugkoppeling) on a melding the ASHG made or handed on: status and who took over, no content. */
export interface WireTerugkoppeling {
  readonly handelingId: string;
  readonly afzender: string;
  readonly afzenderReferentie: string;
  readonly verzonden: WireTijdstip;
  readonly gemeente: string;
  readonly faseCategorie: WireFaseCategorie | null;
  /** Legacy code of the chain partner now involved. */
  readonly ontvangendeInstelling: string | null;
  readonly ontvangendeZorgaanbieder: string | null;
}

/** The ASHG's receipt: its own new number of what it stored (`A-2026-000001`, `T-2026-000001`). */
export interface WireOntvangst {
  readonly referentie: string;
}
