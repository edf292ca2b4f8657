/**
 * Internal to mock.ts: the ASHG's inbound operations (issue 13) as the mock serves them. It checks a
 * body as the ASHG would (400 ONGELDIG_VERZOEK when a required key is missing or a code unknown), stores
 * each handelingId once in the ledger (201 the first time, 200 with the same referentie after), and
 * fails transiently (503 STORING) while the ledger is told to.
 */
import type { ActLedger } from '#mock-world/act-ledger.ts';
import { isIsoDateTime } from './dates.ts';
import { ASHG_ANTWOORDEN_PATH, ASHG_TERUGKOPPELINGEN_PATH } from './deliver-mapping.ts';
import type { WireBesluit, WireFaseCategorie, WireOntvangst } from './wire-types.ts';

export interface InboundReply {
  readonly status: number;
  readonly body: { readonly referentie: string } | { readonly fout: { readonly code: string; readonly melding: string } };
}

const BESLUITEN: readonly WireBesluit[] = ['geaccepteerd', 'geweigerd', 'onveilig-retour'];
const FASE_CATEGORIEEN: readonly WireFaseCategorie[] = ['signaal', 'beoordeling', 'onderzoek', 'zorg', 'monitoring', 'afgesloten'];

const text = (value: unknown): value is string => typeof value === 'string' && value !== '';
const textOrNull = (value: unknown): boolean => value === null || text(value);

type Check = (body: Record<string, unknown>) => boolean;

const COMMON: Check = (body) => text(body.handelingId) && text(body.afzender) && text(body.afzenderReferentie)
  && text(body.verzonden) && isIsoDateTime(body.verzonden);

const OPERATIONS: Readonly<Record<string, { readonly prefix: string; readonly valid: Check }>> = {
  [ASHG_ANTWOORDEN_PATH]: {
    prefix: 'A',
    valid: (body) => text(body.beantwoordeHandeling) && BESLUITEN.includes(body.besluit as WireBesluit) && textOrNull(body.reden),
  },
  [ASHG_TERUGKOPPELINGEN_PATH]: {
    prefix: 'T',
    valid: (body) => text(body.gemeente) && (body.faseCategorie === null || FASE_CATEGORIEEN.includes(body.faseCategorie as WireFaseCategorie))
      && textOrNull(body.ontvangendeInstelling) && textOrNull(body.ontvangendeZorgaanbieder),
  },
};

export const isAshgInboundPath = (path: string): boolean => path in OPERATIONS;

/** Checks and stores one inbound request; `onStored` applies a first delivery to the system's records. */
export function receiveAshgInbound(ledger: ActLedger, path: string, raw: string,
  onStored: (body: Record<string, unknown>, referentie: string) => void = () => undefined): InboundReply {
  const operation = OPERATIONS[path];
  if (!operation) return { status: 404, body: { fout: { code: 'NIET_GEVONDEN', melding: 'Onbekend pad.' } } };
  if (ledger.takeFailure()) return { status: 503, body: { fout: { code: 'STORING', melding: 'Tijdelijke storing.' } } };
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return invalid('Geen JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid('Geen JSON-object.');
  const record = body as Record<string, unknown>;
  if (!COMMON(record) || !operation.valid(record)) return invalid('Verplichte gegevens ontbreken of zijn ongeldig.');
  const year = String(record.verzonden).slice(0, 4);
  const { entry, repeated } = ledger.receive(String(record.handelingId), `POST ${path}`, record,
    (sequence) => `${operation.prefix}-${year}-${String(sequence).padStart(6, '0')}`);
  if (!repeated) onStored(record, entry.receiverReference);
  return { status: repeated ? 200 : 201, body: { referentie: entry.receiverReference } satisfies WireOntvangst };
}

function invalid(melding: string): InboundReply {
  return { status: 400, body: { fout: { code: 'ONGELDIG_VERZOEK', melding } } };
}
