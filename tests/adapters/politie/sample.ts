/** Hand-written police export rows for the client tests, independent of the world's fixtures. */
import type { ZorgmeldingRij } from '../../../adapters/politie/wire-types.ts';

export interface SamplePerson {
  readonly sleutel: string;
  readonly naam: string;
  readonly minor?: boolean;
}

/** The rows of one zorgmelding `nummer` in `gemeente` with the given betrokkenen. */
export function sampleRows(nummer: string, people: readonly SamplePerson[], gemeente = 'Groningen'): ZorgmeldingRij[] {
  const common = {
    registratienummer: nummer, datum_tijd_registratie: '12-09-2026 23:40:00', gemeente,
    straat: 'Hoofdstraat', huisnummer: '88', postcode: '9601 AB', woonplaats: 'Hoogezand',
    geweldsvormen: 'HG-PARTNER', omschrijving: 'Burengerucht.', afgeschermde_informatie: '', urgentie: 'HOOG',
    status: 'DOORGEZET', verbalisant: 'Agent 1', doorverwijsnummer: `${nummer}-V1`, doorverwezen_naar: 'AMK-GRN',
    doorverwezen_naar_naam: '', doorverwijsreden: 'Zorg om kind.', doorverwijsstatus: 'LOPEND',
    doorverwijsdatum: '13-09-2026 08:00:00', doorverwijzing_gewijzigd: '', veiligheidsafspraken: '', warme_overdracht: 'N',
    zorgaanbieder: '', behandelaar: 'Zorgcoördinatie', behandelaar_telefoon: '0900-0000003', behandelaar_email: 'zorg@politie.example',
  };
  return people.map((person) => ({
    ...common, persoonssleutel: person.sleutel, naam: person.naam, geboortedatum: person.minor ? '09-08-2015' : '02-11-1990',
    rol: person.minor ? 'KIND' : 'OUDER_MET_GEZAG', minderjarig: person.minor ? 'J' : 'N',
    betrokkenheid_kind: person.minor ? 'SLACHTOFFER' : '',
  }));
}

/** A fictitious BSN that passes the eleven-test, from a small serial. */
export function sampleBsn(serial: number): string {
  for (let bump = 0; ; bump++) {
    const body = String(80_000_000 + serial * 10 + bump).padStart(8, '0');
    const sum = [...body].reduce((acc, digit, index) => acc + Number(digit) * (9 - index), 0);
    if (sum % 11 < 10) return body + String(sum % 11);
  }
}
