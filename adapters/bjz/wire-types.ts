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

/**
 * `GET /v2/wijzigingen?after=&limit=` (issue 12): the gezinnen that changed after the cursor, oldest first.
 * `nextCursor` is never null (without `after` it is the current position); `hasMore` says more wait after it.
 */
export interface WireWijzigingen {
  readonly data: readonly WireWijziging[];
  readonly nextCursor: string;
  readonly hasMore: boolean;
}

/** `changed`: the gezin was registered or something filed on it changed; `deleted`: BJZ no longer holds it. */
export type WireWijzigingSoort = 'changed' | 'deleted';

export interface WireWijziging {
  /** Volgnummer of the change, rising by one per change. */
  readonly sequence: number;
  readonly gezinId: string;
  readonly type: WireWijzigingSoort;
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

/*
 * Inbound (issue 13): what BJZ receives from its chain partners through the gateway. Each carries the
 * gateway's `handelingId`, which BJZ stores once: 201 with the new `id` the first time, 200 with the same
 * `id` for a repeat. Keys the sender has nothing for are left out (never sent empty).
 *
 *   POST /v2/aanmeldingen            WireNieuweAanmelding  -> 201/200 WireOntvangst (400 without a minor)
 *   POST /v2/aanmeldingen/besluiten  WireBesluit           -> 201/200 WireOntvangst
 */

/** A gezinslid as a partner sends it. */
export interface WireNieuwGezinslid {
  readonly bsn?: string;
  readonly naam?: string;
  readonly geboortedatum?: WireDate;
  readonly relatie?: WireRelatie;
}

/** A minor the aanmelding is about; BJZ makes it a client (with its own clientnummer). */
export interface WireNieuweClient {
  readonly bsn?: string;
  readonly naam?: string;
  readonly geboortedatum?: WireDate;
  readonly school?: string;
  readonly situatie?: string;
  readonly betrokkenheid?: WireBetrokkenheid;
}

export interface WireNieuwAdres {
  readonly straat?: string;
  readonly huisnummer?: number;
  readonly toevoeging?: string;
  readonly postcode?: string;
  readonly woonplaats?: string;
}

/** The zorgmelding or report behind the aanmelding, as far as granted (never its melder). */
export interface WireMeldingBijAanmelding {
  readonly ontvangenOp?: WireDateTime;
  readonly relaas?: string;
}

/** `POST /v2/aanmeldingen`: a referral (police 0-18) or handover to BJZ; at least one minor in `kinderen`. */
export interface WireNieuweAanmelding {
  readonly handelingId: string;
  readonly soort: WireAanmeldingSoort;
  /** Chain-partner code of the sender. */
  readonly van: string;
  /** The sender's own id of its zorgmelding, report or referral. */
  readonly afzenderReferentie: string;
  readonly verzondenOp: WireDateTime;
  readonly gemeente: string;
  readonly adres?: WireNieuwAdres;
  readonly gezinsleden: readonly WireNieuwGezinslid[];
  readonly kinderen: readonly WireNieuweClient[];
  readonly melding?: WireMeldingBijAanmelding;
  readonly reden?: string;
  readonly veiligheidsafspraken: readonly string[];
}

/** `POST /v2/aanmeldingen/besluiten`: a partner's answer to an aanmelding BJZ sent it. */
export interface WireBesluit {
  readonly handelingId: string;
  /** The gateway's id of the act answered. */
  readonly beantwoordeHandeling: string;
  readonly van: string;
  readonly afzenderReferentie: string;
  readonly verzondenOp: WireDateTime;
  readonly besluit: 'geaccepteerd' | 'geweigerd' | 'onveilig-teruggemeld';
  readonly reden?: string;
}

/** BJZ's receipt: its own new id (`bjz-aanm-…` for an aanmelding, `bjz-besl-…` for a besluit). */
export interface WireOntvangst {
  readonly id: string;
}
