/**
 * Internal to mock.ts: the police's inbound operations (issue 13) as the mock serves them, CSV both ways.
 * A body is checked as the police would (400, text/plain, when it is not one row of the expected columns,
 * a required cell is empty or a code unknown); each handeling_id is stored once in the ledger (201 the
 * first time, 200 with the same referentie after); while the ledger is told to fail, 503.
 */
import type { ActLedger } from '#mock-world/act-ledger.ts';
import type { MockReply } from '#mock-world/mock-server.ts';
import { CsvShapeError, decodeCsv, encodeCsv } from './csv.ts';
import { POLITIE_ANTWOORDEN_PATH, POLITIE_TERUGKOPPELINGEN_PATH } from './deliver-mapping.ts';
import { parseLegacyDateTime } from './legacy-time.ts';
import { ANTWOORD_KOLOMMEN, ONTVANGST_KOLOMMEN, TERUGKOPPELING_KOLOMMEN } from './wire-types.ts';

type Row = Readonly<Record<string, string>>;

const OPERATIONS: Readonly<Record<string, { readonly prefix: string; readonly columns: readonly string[]; readonly valid: (row: Row) => boolean }>> = {
  [POLITIE_ANTWOORDEN_PATH]: {
    prefix: 'PA',
    columns: ANTWOORD_KOLOMMEN,
    valid: (row) => row.beantwoorde_handeling !== '' && ['GEACCEPTEERD', 'GEWEIGERD', 'TERUG_ONVEILIG'].includes(row.besluit ?? ''),
  },
  [POLITIE_TERUGKOPPELINGEN_PATH]: {
    prefix: 'PT',
    columns: TERUGKOPPELING_KOLOMMEN,
    valid: (row) => row.gemeente !== '' && ['', 'SIGNAAL', 'BEOORDELING', 'ONDERZOEK', 'ZORG', 'MONITORING', 'AFGESLOTEN'].includes(row.fase_categorie ?? ''),
  },
};

export const isPolitieInboundPath = (path: string): boolean => Object.hasOwn(OPERATIONS, path);

/** Checks and stores one inbound request; `onStored` applies a first delivery to the system's records. */
export function receivePolitieInbound(ledger: ActLedger, path: string, body: string,
  onStored: (operation: 'antwoord' | 'terugkoppeling', row: Row) => void = () => undefined): MockReply {
  const operation = OPERATIONS[path];
  if (!operation) return text(404, 'Not Found');
  if (ledger.takeFailure()) return text(503, 'tijdelijk niet beschikbaar');
  let rows: Row[];
  try {
    rows = decodeCsv(body, operation.columns);
  } catch (error) {
    if (error instanceof CsvShapeError) return text(400, `kolommen ${operation.columns.join(', ')} verwacht`);
    throw error;
  }
  const [row] = rows;
  if (rows.length !== 1 || row === undefined) return text(400, 'precies een regel verwacht');
  const sent = parseLegacyDateTime(row.datum_tijd_verzonden ?? '');
  if (!row.handeling_id || !row.afzender || !row.afzender_referentie || sent === null || !operation.valid(row)) {
    return text(400, 'verplichte gegevens ontbreken of zijn ongeldig');
  }
  const { entry, repeated } = ledger.receive(row.handeling_id, `POST ${path}`, row,
    (sequence) => `${operation.prefix}-${sent.slice(0, 4)}-${String(sequence).padStart(5, '0')}`);
  if (!repeated) onStored(path === POLITIE_ANTWOORDEN_PATH ? 'antwoord' : 'terugkoppeling', row);
  return { status: repeated ? 200 : 201, headers: { 'content-type': 'text/csv; charset=utf-8' }, body: encodeCsv(ONTVANGST_KOLOMMEN, [{ referentie: entry.receiverReference }]) };
}

function text(status: number, message: string): MockReply {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: message };
}
