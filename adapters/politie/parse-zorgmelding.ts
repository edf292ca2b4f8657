/**
 * Validates the rows of one zorgmelding into a typed value: every column checked, codes known,
 * dates real and converted to ISO, the repeated zorgmelding columns equal on every row. Pure; a
 * defect throws a FieldError naming the column (never its content, which may be personal data).
 */
import type {
  CasePhase, ChildRole, MemberRole, PhaseCategory, ReferralStatus, Urgency, ViolenceType,
} from '#domain/records.ts';
import {
  BETROKKENHEDEN, DOORVERWIJSSTATUSSEN, GEWELDSVORMEN, ROLLEN, STATUSSEN, URGENTIES,
} from './legacy-codes.ts';
import { FieldError, fieldsOf, known, type Fields } from './row-fields.ts';
import {
  BETROKKENE_KOLOMMEN, ZORGMELDING_KOLOMMEN, type WireZorgmelding, type ZorgmeldingRij,
} from './wire-types.ts';

export { FieldError } from './row-fields.ts';

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

const REGISTRATIENUMMER = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
export const PERSOONSSLEUTEL = /^[A-Za-z0-9]{4,32}$/;
const POSTCODE = /^(\d{4}) ?([A-Z]{2})$/;

export function parseZorgmelding(wire: WireZorgmelding): ParsedZorgmelding {
  const [first] = wire.rijen;
  if (!first) throw new FieldError('zorgmelding without rows');
  for (const row of wire.rijen) {
    const differs = ZORGMELDING_KOLOMMEN.find((column) => row[column] !== first[column]);
    if (differs) throw new FieldError(`rows of one zorgmelding disagree on ${differs}`);
  }
  const f = fieldsOf(first);
  const nummer = f.required('registratienummer');
  if (!REGISTRATIENUMMER.test(nummer)) throw new FieldError('invalid registratienummer');
  const postcode = f.optional('postcode');
  const postcodeMatch = postcode === null ? null : POSTCODE.exec(postcode);
  if (postcode !== null && !postcodeMatch) throw new FieldError('invalid postcode');
  const adres = { street: f.optional('straat'), houseNumber: f.optional('huisnummer'), postalCode: postcodeMatch ? `${postcodeMatch[1]}${postcodeMatch[2]}` : null, city: f.optional('woonplaats') };
  const status = f.code('status', STATUSSEN);
  return {
    registratienummer: nummer,
    geregistreerd: f.dateTime('datum_tijd_registratie'),
    gemeente: f.optional('gemeente'),
    adres: Object.values(adres).every((value) => value === null) ? null : adres,
    geweldsvormen: f.list('geweldsvormen').map((code) => known(GEWELDSVORMEN, code, 'geweldsvormen')),
    omschrijving: f.optional('omschrijving'),
    afgeschermd: f.optional('afgeschermde_informatie'),
    urgentie: f.optional('urgentie') === null ? null : f.code('urgentie', URGENTIES),
    phase: status.phase,
    phaseCategory: status.phaseCategory,
    verbalisant: f.optional('verbalisant'),
    doorverwijzing: parseDoorverwijzing(f, nummer),
    zorgaanbieder: f.optional('zorgaanbieder'),
    behandelaar: { name: f.optional('behandelaar'), phone: f.optional('behandelaar_telefoon'), email: f.optional('behandelaar_email') },
    betrokkenen: parseBetrokkenen(wire.rijen),
  };
}

function parseDoorverwijzing(f: Fields, nummer: string): ParsedDoorverwijzing | null {
  const doorverwijsnummer = f.optional('doorverwijsnummer');
  if (doorverwijsnummer === null) return null;
  // The referral loader finds a doorverwijzing through this numbering; anything else is unreachable.
  const volgnummer = doorverwijsnummer.startsWith(`${nummer}-V`) ? doorverwijsnummer.slice(nummer.length + 2) : '';
  if (!/^\d{1,4}$/.test(volgnummer)) throw new FieldError('invalid doorverwijsnummer');
  const veiligheidsafspraken = f.optional('veiligheidsafspraken');
  return {
    doorverwijsnummer,
    naarCode: f.required('doorverwezen_naar'),
    naarNaam: f.optional('doorverwezen_naar_naam'),
    reden: f.optional('doorverwijsreden'),
    status: f.code('doorverwijsstatus', DOORVERWIJSSTATUSSEN),
    aangemaakt: f.dateTime('doorverwijsdatum'),
    gewijzigd: f.optional('doorverwijzing_gewijzigd') === null ? null : f.dateTime('doorverwijzing_gewijzigd'),
    veiligheidsafspraken: veiligheidsafspraken === null ? [] : veiligheidsafspraken.split('|'),
    warmeOverdracht: f.optional('warme_overdracht') === null ? null : f.jaNee('warme_overdracht'),
  };
}

function parseBetrokkenen(rows: readonly ZorgmeldingRij[]): ParsedBetrokkene[] {
  // A zorgmelding without betrokkenen is exported as one row with empty person columns.
  if (rows.length === 1 && BETROKKENE_KOLOMMEN.every((column) => rows[0]?.[column] === '')) return [];
  const seen = new Set<string>();
  return rows.map((row) => {
    const f = fieldsOf(row);
    const persoonssleutel = f.required('persoonssleutel');
    if (!PERSOONSSLEUTEL.test(persoonssleutel)) throw new FieldError('invalid persoonssleutel');
    if (seen.has(persoonssleutel)) throw new FieldError('persoonssleutel listed twice');
    seen.add(persoonssleutel);
    return {
      persoonssleutel,
      naam: f.optional('naam'),
      geboortedatum: f.optional('geboortedatum') === null ? null : f.date('geboortedatum'),
      rol: f.optional('rol') === null ? null : f.code('rol', ROLLEN),
      minderjarig: f.jaNee('minderjarig'),
      betrokkenheid: f.optional('betrokkenheid_kind') === null ? null : f.code('betrokkenheid_kind', BETROKKENHEDEN),
    };
  });
}
