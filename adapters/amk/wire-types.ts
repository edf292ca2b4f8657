/**
 * The AMK registration system's SOAP payloads (namespace `urn:amk:zaken:v3`), in its own vocabulary,
 * as the decoder hands them over: element local names as keys, every leaf a string, every repeated
 * element an array (also when it occurs once), optional elements absent rather than empty.
 * Dates are `dd-mm-jjjj`; date-times `dd-mm-jjjj HH:mm` in Europe/Amsterdam local time; booleans `J`/`N`.
 */

/** Two-way legacy boolean. */
export type JaNee = 'J' | 'N';

/**
 * Lifecycle of a zaak (and of its meldingen): the AMK's (intake .. afgesloten) and, added when the AMK
 * systems became Veilig Thuis systems, Veilig Thuis's phases of the Handelingsprotocol 2019
 * (melding-ontvangen .. monitoring; verzoek-raad and afgesloten they share).
 */
export type AmkFase =
  | 'intake' | 'onderzoek' | 'conclusie' | 'overdracht-zorg' | 'verzoek-raad' | 'afgesloten'
  | 'melding-ontvangen' | 'veiligheidsbeoordeling' | 'overdracht-met-voorwaarden' | 'eigen-onderzoek' | 'einde-betrokkenheid'
  | 'monitoring';
export type GezinsRol = 'ouder-met-gezag' | 'stiefouder' | 'partner' | 'ex-partner' | 'kind' | 'overig';
export type Betrokkenheid = 'slachtoffer' | 'getuige-partnergeweld';
export type Kanaal = 'telefoon' | 'email' | 'webformulier' | 'persoonlijk' | 'politiekoppeling';
export type MeldingSoort = 'advies' | 'melding' | 'zorgmelding-politie';
export type MelderType = 'professional' | 'burger' | 'politie' | 'anoniem';
export type Geweldsvorm =
  | 'partnergeweld' | 'lichamelijke-kindermishandeling' | 'psychische-kindermishandeling' | 'verwaarlozing'
  | 'seksueel-misbruik' | 'eergerelateerd-geweld' | 'ouderenmishandeling';
export type Urgentie = 'laag' | 'normaal' | 'hoog' | 'acuut';
export type Uitkomst = 'veilig' | 'onveilig-hulp-nodig' | 'acuut-onveilig';
export type OverdrachtSoort =
  | 'vrijwillige-hulp' | 'overdracht-ashg-amk' | 'politie-naar-amk' | 'politie-naar-bjz' | 'naar-wijkteam'
  | 'politie-naar-veilig-thuis' | 'verzoek-raad' | 'overdracht-gi';
export type OverdrachtStatus =
  | 'concept' | 'aangeboden' | 'geaccepteerd' | 'geweigerd' | 'lopend' | 'afgerond' | 'onveilig-teruggemeld';

export interface WireGezinslid {
  bsn?: string;
  naam?: string;
  geboortedatum?: string;
  rol?: GezinsRol;
}

export interface WireAdres {
  straat?: string;
  huisnummer?: string;
  postcode?: string;
  woonplaats?: string;
}

/** A child as the AMK registers it on the zaak; `kindnummer` is the AMK's own key of the child. */
export interface WireKind {
  kindnummer: string;
  bsn?: string;
  naam?: string;
  geboortedatum?: string;
  school?: string;
  situatie?: string;
  betrokkenheid?: Betrokkenheid;
}

export interface WireContact {
  naam?: string;
  telefoon?: string;
  email?: string;
}

/** One AMK case on one household (gezin). */
export interface WireZaak {
  zaakId: string;
  gemeente?: string;
  adres?: WireAdres;
  gezin: { gezinslid: WireGezinslid[] };
  kinderen: { kind: WireKind[] };
  fase: AmkFase;
  faseDatum: string;
  contact?: WireContact;
  zorgaanbieder?: string;
}

export interface WireMelder {
  naam?: string;
  type?: MelderType;
  anonimiteitToegezegd?: JaNee;
  telefoon?: string;
}

export interface WireMelding {
  meldingId: string;
  zaakId: string;
  gemeente?: string;
  ontvangen?: string;
  kanaal?: Kanaal;
  soort?: MeldingSoort;
  melder?: WireMelder;
  geweldsvormen?: { vorm: Geweldsvorm[] };
  betrokkenKinderen?: { kind: { bsn?: string; rol?: Betrokkenheid }[] };
  relaas?: string;
  afgeschermdeInformatie?: string;
  urgentie?: Urgentie;
  veiligheidsbeoordeling?: { uiterlijk?: string; besloten?: string; uitkomst?: Uitkomst };
  fase?: AmkFase;
  ontvangendeZorgaanbieder?: string;
}

/** A party in an overdracht: a chain partner's code (`instelling`) and/or a care provider's name. */
export interface WirePartij {
  instelling?: string;
  zorgaanbieder?: string;
}

export interface WireOverdracht {
  overdrachtId: string;
  zaakId: string;
  gemeente?: string;
  van?: WirePartij;
  naar?: WirePartij;
  soort?: OverdrachtSoort;
  reden?: string;
  veiligheidsvoorwaarden?: { voorwaarde: string[] };
  warmeOverdracht?: JaNee;
  status?: OverdrachtStatus;
  aangemaakt?: string;
  gewijzigd?: string;
  meldingId?: string;
}

/** `ZoekZakenOpGemeenteResponse`: one page of a municipality's zaken. */
export interface WireZakenPagina {
  totaalAantal: string;
  pagina: string;
  paginagrootte: string;
  aantalPaginas: string;
  zaken: { zaak: WireZaak[] };
}

/** `ZoekZakenOpBsnResponse`: per requested BSN, the zaken with such a gezinslid. */
export interface WireBsnResultaat {
  bsn: string;
  zaken: { zaak: WireZaak[] };
}

/** The `detail` of a soap:Client / soap:Server fault. */
export type AmkFoutcode = 'AUTH' | 'ONBEKEND' | 'LIMIET' | 'VERZOEK' | 'STORING';

/** What the AMK system holds, as its fixtures project it from the world. */
export interface AmkDataset {
  readonly zaken: readonly WireZaak[];
  readonly meldingen: readonly WireMelding[];
  readonly overdrachten: readonly WireOverdracht[];
}
