/**
 * Reads one answer of the delta export (issue 12) into a page of mutaties: the rows, the next `vanaf`
 * and whether more wait. Pure. The feed's cursor is built from what this passes, so anything that could
 * make the gateway skip mutaties or ask the same page forever (numbers out of order or behind the asked
 * position, a next position that does not move on) is refused as a CsvShapeError naming the defect only.
 */
import { CsvShapeError } from './csv.ts';
import { REGISTRATIENUMMER } from './wire-dialect.ts';
import type { DeltaPagina, DeltaRij, Mutatie, Mutatiesoort } from './wire-types.ts';

const NUMMER = /^[1-9]\d{0,14}$/;
const SOORTEN: readonly string[] = ['gewijzigd', 'verwijderd'] satisfies Mutatiesoort[];

/**
 * `vanaf` is the position asked (null: only where the export stands); `volgendeVanaf` and `meer` are the
 * answer's `X-Volgende-Vanaf` and `X-Meer-Mutaties` headers, undefined when absent.
 */
export function parseDelta(rows: readonly DeltaRij[], volgendeVanaf: string | undefined, meer: string | undefined,
  vanaf: string | null): DeltaPagina {
  const asked = vanaf !== null && NUMMER.test(vanaf) ? Number(vanaf) : 1;
  const mutaties: Mutatie[] = [];
  let vorige = asked - 1;
  for (const row of rows) {
    if (!NUMMER.test(row.mutatienummer) || Number(row.mutatienummer) <= vorige) throw new CsvShapeError('delta: mutatienummer invalid or out of order');
    if (REGISTRATIENUMMER.parse(row.registratienummer) === null) throw new CsvShapeError('delta: registratienummer invalid');
    if (!SOORTEN.includes(row.soort)) throw new CsvShapeError('delta: soort unknown');
    vorige = Number(row.mutatienummer);
    mutaties.push({ mutatienummer: vorige, registratienummer: row.registratienummer, soort: row.soort as Mutatiesoort });
  }
  if (volgendeVanaf === undefined || !NUMMER.test(volgendeVanaf) || Number(volgendeVanaf) <= vorige) {
    throw new CsvShapeError('delta: X-Volgende-Vanaf missing or behind');
  }
  if (meer !== 'J' && meer !== 'N') throw new CsvShapeError('delta: X-Meer-Mutaties is not J or N');
  // More waiting after a page that moved nowhere would have the gateway ask the same page forever.
  if (meer === 'J' && mutaties.length === 0) throw new CsvShapeError('delta: more mutaties announced after an empty page');
  return { mutaties, volgendeVanaf: Number(volgendeVanaf), meer: meer === 'J' };
}
