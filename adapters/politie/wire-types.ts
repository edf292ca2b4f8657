/**
 * The police's zorgmelding export as it travels: a semicolon-separated CSV (UTF-8 with BOM, CRLF,
 * every field quoted, a header row) with one row per (zorgmelding, betrokkene), the zorgmelding
 * columns repeated on each row. The export never carries a BSN: persons are identified by their
 * pseudonymous persoonssleutel, which only the separate key-mapping endpoint translates.
 */

/** Columns describing the zorgmelding itself; repeated on every row of it. */
export const ZORGMELDING_KOLOMMEN = [
  'registratienummer',
  /** Registration moment, local time Europe/Amsterdam: dd-mm-jjjj uu:mm:ss. */
  'datum_tijd_registratie',
  'gemeente',
  'straat',
  'huisnummer',
  /** Dutch postcode as printed, e.g. `9711 NN`. */
  'postcode',
  'woonplaats',
  /** Geweldsvorm codes, `|`-joined, in registration order. */
  'geweldsvormen',
  /** The narrative (mutatietekst). */
  'omschrijving',
  /** Information the police shield from the family. */
  'afgeschermde_informatie',
  'urgentie',
  'status',
  /** The reporting officer (verbalisant), e.g. `Agent 4711`. */
  'verbalisant',
  /** At most one doorverwijzing per zorgmelding; numbered `<registratienummer>-V<n>`. */
  'doorverwijsnummer',
  /** Legacy organisation code, e.g. `AMK-GRN`, `BJZ-GRN`. */
  'doorverwezen_naar',
  /** Name of the receiving organisation when it is not a chain agency (a care provider). */
  'doorverwezen_naar_naam',
  'doorverwijsreden',
  'doorverwijsstatus',
  /** dd-mm-jjjj uu:mm:ss, local time. */
  'doorverwijsdatum',
  /** dd-mm-jjjj uu:mm:ss, local time. */
  'doorverwijzing_gewijzigd',
  /** `|`-joined. */
  'veiligheidsafspraken',
  /** J or N. */
  'warme_overdracht',
  /** The care provider the case went to, where it did. */
  'zorgaanbieder',
  /** The police desk to contact about the zorgmelding (never a client). */
  'behandelaar',
  'behandelaar_telefoon',
  'behandelaar_email',
] as const;

/** Columns describing one betrokkene (involved person) of the zorgmelding. */
export const BETROKKENE_KOLOMMEN = [
  'persoonssleutel',
  'naam',
  /** dd-mm-jjjj. */
  'geboortedatum',
  'rol',
  /** J when the person was a minor when the zorgmelding was registered. */
  'minderjarig',
  /** For a minor: victim or witness of partner violence; empty otherwise. */
  'betrokkenheid_kind',
] as const;

export const EXPORT_KOLOMMEN = [...ZORGMELDING_KOLOMMEN, ...BETROKKENE_KOLOMMEN] as const;

export type ExportKolom = (typeof EXPORT_KOLOMMEN)[number];
export type ZorgmeldingKolom = (typeof ZORGMELDING_KOLOMMEN)[number];

/** One row of the export; every field is text, an absent value is the empty string. */
export type ZorgmeldingRij = Readonly<Record<ExportKolom, string>>;

/** The rows of one zorgmelding, as the client grouped them by registratienummer. */
export interface WireZorgmelding {
  readonly registratienummer: string;
  readonly rijen: readonly ZorgmeldingRij[];
}

/** One page of the date-range export. */
export interface ExportPagina {
  readonly zorgmeldingen: readonly WireZorgmelding[];
  /** From the `X-Volgende-Pagina` header; null on the last page. */
  readonly volgendePagina: number | null;
}

/**
 * The daily delta export (`GET /export/zorgmeldingen/delta.csv`, issue 12): one row per mutatie of a
 * zorgmelding, numbered in the order the police system made them. Only what changed and how; the
 * zorgmelding itself is asked from the export by its number.
 */
export const DELTA_KOLOMMEN = ['mutatienummer', 'registratienummer', 'soort'] as const;

/** `gewijzigd`: registered or changed (also: feedback filed on it); `verwijderd`: no longer held. */
export type Mutatiesoort = 'gewijzigd' | 'verwijderd';

export type DeltaRij = Readonly<Record<(typeof DELTA_KOLOMMEN)[number], string>>;

export interface Mutatie {
  readonly mutatienummer: number;
  readonly registratienummer: string;
  readonly soort: Mutatiesoort;
}

/** One page of the delta export. */
export interface DeltaPagina {
  /** Oldest first. */
  readonly mutaties: readonly Mutatie[];
  /** From `X-Volgende-Vanaf`: the `vanaf` to ask next (the next mutatienummer the system will give, when none wait). */
  readonly volgendeVanaf: number;
  /** From `X-Meer-Mutaties` (`J`/`N`): more mutaties wait after this page. */
  readonly meer: boolean;
}

/** Headers of the delta export: where to ask from next, and whether more wait. */
export const VOLGENDE_VANAF_HEADER = 'x-volgende-vanaf';
export const MEER_MUTATIES_HEADER = 'x-meer-mutaties';

/** Columns of the key-mapping answer (`POST /sleutels/vertaling`). */
export const VERTALING_KOLOMMEN = ['bsn', 'persoonssleutel'] as const;

/** One row of the key-mapping answer. */
export interface Sleutelpaar {
  readonly bsn: string;
  readonly persoonssleutel: string;
}

/** Header of the date-range export telling the client which page comes next. */
export const VOLGENDE_PAGINA_HEADER = 'x-volgende-pagina';

/** Most keys (persoonssleutels, registratienummers, BSNs) the police accept in one call. */
export const POLITIE_BATCH_LIMIT = 100;

// The legacy code lists, in the police's own vocabulary.
export type Geweldsvorm =
  | 'HG-PARTNER' | 'KM-FYSIEK' | 'KM-EMOTIONEEL' | 'KM-VERWAARLOZING' | 'SEKSUEEL' | 'OUDERENMISHANDELING' | 'EERGERELATEERD';
export type Urgentie = 'LAAG' | 'NORMAAL' | 'HOOG' | 'ACUUT';
export type ZorgmeldingStatus = 'GEREGISTREERD' | 'DOORGEZET' | 'AFGESLOTEN';
export type Doorverwijsstatus = 'CONCEPT' | 'AANGEBODEN' | 'GEACCEPTEERD' | 'GEWEIGERD' | 'LOPEND' | 'AFGEROND' | 'TERUG_ONVEILIG';
export type Rol = 'OUDER_MET_GEZAG' | 'STIEFOUDER' | 'PARTNER' | 'EX_PARTNER' | 'KIND' | 'OVERIG';
export type BetrokkenheidKind = 'SLACHTOFFER' | 'GETUIGE_PARTNERGEWELD';
export type JaNee = 'J' | 'N';
/**
 * The kind of organisation a doorverwijzing went to, as the prefix of its chain-partner code (`AMK-GRN`,
 * `BJZ-DRE`, `VT-DRE`, `VT-AA`, `WIJKTEAM-GRN`, `WT-ASN`): the export has no column for the referral's kind.
 */
export type OrganisatieSoort = 'AMK' | 'BJZ' | 'VT' | 'WIJKTEAM' | 'WT';

/*
 * Inbound (issue 13): what the police receive from chain partners through the gateway, as CSV in the
 * export's dialect (one header row and one data row; an empty cell is "not filled in"). Each carries the
 * gateway's handeling_id, stored once: 201 with the new referentie the first time, 200 with the same
 * referentie after. The police receive the answers to their doorverwijzingen and feedback on their
 * zorgmeldingen (DOMAIN rule 4: status and receiving organisation, nothing of care content); no cases.
 *
 *   POST /doorverwijzingen/antwoorden   ANTWOORD_KOLOMMEN        -> 201/200 ONTVANGST_KOLOMMEN
 *   POST /terugkoppelingen              TERUGKOPPELING_KOLOMMEN  -> 201/200 ONTVANGST_KOLOMMEN
 */
export const ANTWOORD_KOLOMMEN = [
  'handeling_id', 'beantwoorde_handeling', 'afzender', 'afzender_referentie',
  /** dd-mm-jjjj uu:mm:ss, Europe/Amsterdam. */
  'datum_tijd_verzonden',
  'besluit', 'reden',
] as const;

export const TERUGKOPPELING_KOLOMMEN = [
  'handeling_id', 'afzender', 'afzender_referentie', 'datum_tijd_verzonden', 'gemeente', 'fase_categorie',
  /** Organisation code of the chain partner now involved. */
  'ontvangende_organisatie',
  /** Name of the care provider outside the chain now involved. */
  'zorgaanbieder',
] as const;

export const ONTVANGST_KOLOMMEN = ['referentie'] as const;

export type AntwoordRij = Readonly<Record<(typeof ANTWOORD_KOLOMMEN)[number], string>>;
export type TerugkoppelingRij = Readonly<Record<(typeof TERUGKOPPELING_KOLOMMEN)[number], string>>;

/** How the receiver answered a doorverwijzing (the Doorverwijsstatus it moves to). */
export type Besluit = Extract<Doorverwijsstatus, 'GEACCEPTEERD' | 'GEWEIGERD' | 'TERUG_ONVEILIG'>;
export type FaseCategorie = 'SIGNAAL' | 'BEOORDELING' | 'ONDERZOEK' | 'ZORG' | 'MONITORING' | 'AFGESLOTEN';
