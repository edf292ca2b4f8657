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

/*
 * The change feed (issue 12): every change to a zaak, or to a melding or overdracht of it, gets the next
 * volgnummer. HaalWijzigingenOp answers the changes after a volgnummer, oldest first, a page at a time.
 */

/** What happened to the zaak: changed (or registered), or no longer held. */
export type WijzigingSoort = 'gewijzigd' | 'verwijderd';

export interface WireWijziging {
  volgnummer: string;
  zaakId: string;
  soort: WijzigingSoort;
}

/** `HaalWijzigingenOpResponse`: one page of the feed; `laatsteVolgnummer` is where the next page starts. */
export interface WireWijzigingenPagina {
  wijzigingen: { wijziging: WireWijziging[] };
  laatsteVolgnummer: string;
  meer: JaNee;
}

/*
 * Inbound (issue 13): the acts chain partners deliver into the AMK (or Veilig Thuis) system through the
 * gateway. Each carries the gateway's `handelingId`, which the AMK stores once: a repeated delivery answers
 * the first `kenmerk` and stores nothing. Elements in XSD order (service.wsdl).
 */

/** How a partner answered an overdracht the AMK sent (the OverdrachtStatus it moves to). */
export type Besluit = 'geaccepteerd' | 'geweigerd' | 'onveilig-teruggemeld';
/** The coarse category of a partner's phase, as a terugkoppeling tells it. */
export type FaseCategorie = 'signaal' | 'beoordeling' | 'onderzoek' | 'zorg' | 'monitoring' | 'afgesloten';

/** A child as a partner sends it: the AMK gives it its own kindnummer when it registers the zaak. */
export type WireOntvangenKind = Omit<WireKind, 'kindnummer'>;

/** The melding that comes with an overdracht: the sender's report, as far as granted (never its melder). */
export interface WireOntvangenMelding {
  ontvangen?: string;
  kanaal?: Kanaal;
  soort?: MeldingSoort;
  geweldsvormen?: { vorm: Geweldsvorm[] };
  relaas?: string;
  urgentie?: Urgentie;
}

/** `OntvangOverdracht`: a case handed over or a zorgmelding referred to the AMK; it registers a new zaak. */
export interface WireOntvangOverdracht {
  handelingId: string;
  soort: OverdrachtSoort;
  van: WirePartij;
  afzenderReferentie: string;
  verzonden: string;
  gemeente: string;
  adres?: WireAdres;
  gezin?: { gezinslid: WireGezinslid[] };
  kinderen?: { kind: WireOntvangenKind[] };
  melding?: WireOntvangenMelding;
  reden?: string;
  veiligheidsvoorwaarden?: { voorwaarde: string[] };
}

/** `OntvangAntwoord`: the answer to an overdracht the AMK sent. */
export interface WireOntvangAntwoord {
  handelingId: string;
  beantwoordeHandeling: string;
  van: WirePartij;
  afzenderReferentie: string;
  verzonden: string;
  besluit: Besluit;
  reden?: string;
}

/** `OntvangTerugkoppeling`: feedback on what the AMK handed on: status and who took over, no content. */
export interface WireOntvangTerugkoppeling {
  handelingId: string;
  van: WirePartij;
  afzenderReferentie: string;
  verzonden: string;
  gemeente: string;
  faseCategorie?: FaseCategorie;
  naar?: WirePartij;
}

/** Every inbound operation's response: the AMK's own new id of what it stored (the new zaak for an overdracht). */
export interface WireOntvangst {
  kenmerk: string;
}

/** The `detail` of a soap:Client / soap:Server fault. */
export type AmkFoutcode = 'AUTH' | 'ONBEKEND' | 'LIMIET' | 'VERZOEK' | 'STORING';

/** What the AMK system holds, as its fixtures project it from the world. */
export interface AmkDataset {
  readonly zaken: readonly WireZaak[];
  readonly meldingen: readonly WireMelding[];
  readonly overdrachten: readonly WireOverdracht[];
}
