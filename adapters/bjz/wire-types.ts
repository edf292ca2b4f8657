/**
 * The payloads of Bureau Jeugdzorg's REST API v2, in its own vocabulary: camel-case Dutch JSON, Dutch
 * codes, dates as `dd-mm-jjjj` and instants as `dd-mm-jjjj uu:mm:ss +hhmm`. A client (cliënt) is a
 * minor in youth care; it carries its gezin (family), which is what the gateway calls a household.
 */

/** `dd-mm-jjjj`, e.g. `14-05-2011`. */
export type WireDate = string;
/** `dd-mm-jjjj uu:mm:ss +hhmm`, e.g. `06-10-2026 09:00:00 +0200`. */
export type WireDateTime = string;

export type WireRelatie = 'ouder-met-gezag' | 'stiefouder' | 'partner' | 'ex-partner' | 'kind' | 'overig';
export type WireBetrokkenheid = 'direct-slachtoffer' | 'getuige-partnergeweld';
export type WireFase = 'aanmelding' | 'intake' | 'hulp' | 'afgesloten';
export type WireAanmeldingSoort =
  | 'vrijwillig' | 'overdracht-ashg-amk' | 'politie-amk' | 'politie-bjz' | 'wijkteam' | 'politie-veilig-thuis' | 'verzoek-raad' | 'overdracht-gi';
export type WireAanmeldingStatus =
  | 'concept' | 'aangeboden' | 'geaccepteerd' | 'geweigerd' | 'lopend' | 'afgerond' | 'onveilig-teruggemeld';

export interface WireGezinslid {
  /** Absent when the family member has no known BSN (e.g. a parent abroad). */
  readonly bsn: string | null;
  readonly naam: string;
  readonly geboortedatum: WireDate | null;
  readonly relatie: WireRelatie;
}

export interface WireGezin {
  /** Gezinsnummer: BJZ's identifier of the family, the household's local id. */
  readonly id: string;
  readonly gezinsleden: readonly WireGezinslid[];
}

export interface WireAdres {
  readonly straat: string;
  /** Numeric part only; the letter or addition is in `toevoeging`. */
  readonly huisnummer: number;
  readonly toevoeging: string | null;
  /** Written `9727 BW`, with a space. */
  readonly postcode: string;
  readonly woonplaats: string;
}

export interface WireContactpunt {
  readonly naam: string;
  readonly telefoon: string;
  readonly email: string;
}

/** The client's youth-care trajectory. */
export interface WireTraject {
  readonly fase: WireFase;
  readonly startdatum: WireDate;
  readonly contactpunt: WireContactpunt | null;
  readonly zorgaanbieder: string | null;
}

/** One client: a minor, with the family and the trajectory the record is about. */
export interface WireClient {
  /** Clientnummer. */
  readonly id: string;
  readonly bsn: string | null;
  readonly naam: string;
  readonly geboortedatum: WireDate | null;
  readonly gezin: WireGezin;
  readonly adres: WireAdres | null;
  /** Municipality of residence; decides which BJZ is responsible (woonplaatsbeginsel). */
  readonly gemeente: string;
  readonly school: string | null;
  readonly situatie: string | null;
  readonly betrokkenheid: WireBetrokkenheid | null;
  readonly traject: WireTraject;
}

/** An aanmelding: a referral to BJZ, typically from the police under the 0-18 covenant. */
export interface WireAanmelding {
  readonly id: string;
  /** The clients (minors) the aanmelding is about. */
  readonly clientIds: readonly string[];
  readonly gezinId: string;
  readonly gemeente: string;
  /** Chain-partner code of the sender, e.g. `POL-NN`, `VT-DRE` (a Veilig Thuis), `GI-NRD` (a certified institution). */
  readonly van: string;
  /** Chain-partner code of the receiver, e.g. `BJZ-GRN`; null when only a care provider receives it. */
  readonly naar: string | null;
  /** Name of the care provider the client was placed with, if any. */
  readonly zorgaanbieder: string | null;
  readonly soort: WireAanmeldingSoort;
  readonly reden: string | null;
  readonly veiligheidsafspraken: readonly string[];
  readonly warmeOverdracht: boolean;
  readonly status: WireAanmeldingStatus;
  readonly aangemaaktOp: WireDateTime;
  readonly gewijzigdOp: WireDateTime;
}

export interface WireTokenResponse {
  readonly access_token: string;
  readonly token_type: string;
  /** Seconds. */
  readonly expires_in: number;
}

/** `GET /v2/clienten`: one page; `volgendeCursor` is null on the last page. */
export interface WirePage<T> {
  readonly data: readonly T[];
  readonly volgendeCursor: string | null;
}

/** `POST /v2/.../zoeken`. */
export interface WireSearchResult<T> {
  readonly data: readonly T[];
}

export type WireClientQuery =
  | { readonly ids: readonly string[] }
  | { readonly bsns: readonly string[] }
  | { readonly gezinIds: readonly string[] };

export type WireAanmeldingQuery = { readonly ids: readonly string[] } | { readonly clientIds: readonly string[] };
