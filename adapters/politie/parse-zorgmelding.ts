/**
 * Reads the rows of one zorgmelding into a typed value: every column checked, codes known, dates real
 * and converted to ISO, the repeated zorgmelding columns equal on every row. Pure; a defect is a
 * problem naming the column, never its content (which may be personal data).
 */
import type {
  CasePhase, ChildRole, MemberRole, PhaseCategory, ReferralStatus, Urgency, ViolenceType,
} from '#domain/records.ts';
import type { MappingResult } from '#kit/mapping-result.ts';
import type { WireFormat } from '#kit/wire-dialect.ts';
import { lookupCode, readRecord, type WireFields } from '#kit/wire-fields.ts';
import {
  BETROKKENHEDEN, DOORVERWIJSSTATUSSEN, GEWELDSVORMEN, ROLLEN, STATUSSEN, URGENTIES,
} from './legacy-codes.ts';
import { DATE, JA_NEE, MOMENT, POLITIE_WIRE, POSTCODE, REGISTRATIENUMMER, SLEUTEL } from './wire-dialect.ts';
import {
  BETROKKENE_KOLOMMEN, ZORGMELDING_KOLOMMEN, type WireZorgmelding, type ZorgmeldingRij,
} from './wire-types.ts';

export interface ParsedBetrokkene {
  readonly persoonssleutel: string;
  readonly naam: string | null;
  readonly geboortedatum: string | null;
  readonly rol: MemberRole | null;
  readonly minderjarig: boolean;
  readonly betrokkenheid: ChildRole | null;
}

export interface ParsedDoorverwijzing {
  readonly doorverwijsnummer: string;
  readonly naarCode: string;
  readonly naarNaam: string | null;
  readonly reden: string | null;
  readonly status: ReferralStatus;
  readonly aangemaakt: string;
  readonly gewijzigd: string | null;
  readonly veiligheidsafspraken: readonly string[];
  readonly warmeOverdracht: boolean | null;
}

export interface ParsedZorgmelding {
  readonly registratienummer: string;
  readonly geregistreerd: string;
  readonly gemeente: string | null;
  readonly adres: { readonly street: string | null; readonly houseNumber: string | null; readonly postalCode: string | null; readonly city: string | null } | null;
  readonly geweldsvormen: readonly ViolenceType[];
  readonly omschrijving: string | null;
  readonly afgeschermd: string | null;
  readonly urgentie: Urgency | null;
  readonly phase: CasePhase;
  readonly phaseCategory: PhaseCategory;
  readonly verbalisant: string | null;
  readonly doorverwijzing: ParsedDoorverwijzing | null;
  readonly zorgaanbieder: string | null;
  readonly behandelaar: { readonly name: string | null; readonly phone: string | null; readonly email: string | null };
  readonly betrokkenen: readonly ParsedBetrokkene[];
}

/** A `|`-joined list of geweldsvorm codes, each of them known. */
const GEWELDSVORM_LIST: WireFormat<ViolenceType[]> = {
  parse: (text) => {
    const values = text.split('|').map((code) => lookupCode(GEWELDSVORMEN, code));
    return values.every((value) => value !== undefined) ? values : null;
  },
  problem: 'holds an unknown code',
};

type Row = WireFields<ZorgmeldingRij>;

export function parseZorgmelding(wire: WireZorgmelding): MappingResult<ParsedZorgmelding> {
  return readRecord<WireZorgmelding, ParsedZorgmelding>(wire, 'zorgmelding', POLITIE_WIRE, (zorgmelding) => {
    const rows = zorgmelding.requiredList('rijen', (rijen, index) => {
      const row = rijen.requiredObject(index);
      // The zorgmelding's own columns repeat on every row, as exported: they must agree to the letter.
      const differs = ZORGMELDING_KOLOMMEN.find((column) => wire.rijen[index]?.[column] !== wire.rijen[0]?.[column]);
      return differs === undefined ? row : row.fail(differs, 'differs between the rows of one zorgmelding');
    });
    const f = rows[0] ?? zorgmelding.fail('rijen', 'is empty');
    const nummer = f.requiredParsed('registratienummer', REGISTRATIENUMMER);
    const postcode = f.parsed('postcode', POSTCODE);
    const adres = { street: f.text('straat'), houseNumber: f.text('huisnummer'), postalCode: postcode && `${postcode[1]}${postcode[2]}`, city: f.text('woonplaats') };
    const status = f.requiredCode('status', STATUSSEN);
    return {
      registratienummer: nummer,
      geregistreerd: f.requiredParsed('datum_tijd_registratie', MOMENT),
      gemeente: f.text('gemeente'),
      adres: Object.values(adres).every((value) => value === null) ? null : adres,
      geweldsvormen: f.parsed('geweldsvormen', GEWELDSVORM_LIST) ?? [],
      omschrijving: f.text('omschrijving'),
      afgeschermd: f.text('afgeschermde_informatie'),
      urgentie: f.code('urgentie', URGENTIES),
      phase: status.phase,
      phaseCategory: status.phaseCategory,
      verbalisant: f.text('verbalisant'),
      doorverwijzing: parseDoorverwijzing(f, nummer),
      zorgaanbieder: f.text('zorgaanbieder'),
      behandelaar: { name: f.text('behandelaar'), phone: f.text('behandelaar_telefoon'), email: f.text('behandelaar_email') },
      // A zorgmelding without betrokkenen is exported as one row with empty person columns.
      betrokkenen: wire.rijen.length === 1 && BETROKKENE_KOLOMMEN.every((column) => wire.rijen[0]?.[column] === '')
        ? [] : parseBetrokkenen(rows),
    };
  });
}

function parseDoorverwijzing(f: Row, nummer: string): ParsedDoorverwijzing | null {
  // The referral loader finds a doorverwijzing through its numbering `<registratienummer>-V<n>`; anything else is unreachable.
  const numbered: WireFormat<string> = {
    parse: (text) => (text.startsWith(`${nummer}-V`) && /^\d{1,4}$/.test(text.slice(nummer.length + 2)) ? text : null),
    problem: 'is not numbered after its zorgmelding',
  };
  const doorverwijsnummer = f.parsed('doorverwijsnummer', numbered);
  if (doorverwijsnummer === null) return null;
  const veiligheidsafspraken = f.text('veiligheidsafspraken');
  return {
    doorverwijsnummer,
    naarCode: f.requiredText('doorverwezen_naar'),
    naarNaam: f.text('doorverwezen_naar_naam'),
    reden: f.text('doorverwijsreden'),
    status: f.requiredCode('doorverwijsstatus', DOORVERWIJSSTATUSSEN),
    aangemaakt: f.requiredParsed('doorverwijsdatum', MOMENT),
    gewijzigd: f.parsed('doorverwijzing_gewijzigd', MOMENT),
    veiligheidsafspraken: veiligheidsafspraken === null ? [] : veiligheidsafspraken.split('|'),
    warmeOverdracht: f.parsed('warme_overdracht', JA_NEE),
  };
}

function parseBetrokkenen(rows: readonly Row[]): ParsedBetrokkene[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    const persoonssleutel = row.requiredParsed('persoonssleutel', SLEUTEL);
    if (seen.has(persoonssleutel)) row.fail('persoonssleutel', 'is listed twice');
    seen.add(persoonssleutel);
    return {
      persoonssleutel,
      naam: row.text('naam'),
      geboortedatum: row.parsed('geboortedatum', DATE),
      rol: row.code('rol', ROLLEN),
      minderjarig: row.requiredParsed('minderjarig', JA_NEE),
      betrokkenheid: row.code('betrokkenheid_kind', BETROKKENHEDEN),
    };
  });
}
