/**
 * Internal to mock.ts: BJZ's inbound operations (issue 13) as the mock serves them. A body is checked as
 * BJZ would (400 with a `fout` when a required key is missing or a code unknown, and for an aanmelding
 * about no minor: BJZ is youth care); each handelingId is stored once in the ledger (201 the first time,
 * 200 with the same id after); while the ledger is told to fail, 503.
 */
import type { MockReply } from '#mock-world/mock-server.ts';
import type { ActLedger } from '#mock-world/act-ledger.ts';
import { BETROKKENHEID, RELATIE, SOORT } from './codes.ts';
import { parseWireDate, parseWireDateTime } from './legacy-dates.ts';
import { BJZ_AANMELDINGEN_PATH, BJZ_BESLUITEN_PATH } from './deliver-mapping.ts';
import { JSON_TYPE } from './mock-auth.ts';
import type { WireOntvangst } from './wire-types.ts';

type Body = Readonly<Record<string, unknown>>;

const text = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);
const objects = (value: unknown): value is Body[] => Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item));
const date = (value: unknown) => typeof value === 'string' && parseWireDate(value) !== null;
const oneOf = (codes: object) => (value: unknown) => typeof value === 'string' && Object.hasOwn(codes, value);

/** Under 18 on the day sent; a child without a birth date is taken to be the minor the sender says it is. */
function minor(kind: Body, sentOn: string): boolean {
  const born = typeof kind.geboortedatum === 'string' ? parseWireDate(kind.geboortedatum) : null;
  if (born === null) return true;
  const eighteenth = `${Number(born.slice(0, 4)) + 18}${born.slice(4)}`;
  return sentOn < eighteenth;
}

function aanmeldingProblem(body: Body): string | null {
  if (!text(body.soort) || !oneOf(SOORT)(body.soort) || !text(body.gemeente)) return 'soort of gemeente ontbreekt of is ongeldig';
  if (!objects(body.gezinsleden) || !objects(body.kinderen) || !Array.isArray(body.veiligheidsafspraken)) return 'gezinsleden, kinderen en veiligheidsafspraken zijn lijsten';
  if (!body.gezinsleden.every((lid) => optional(lid.geboortedatum, date) && optional(lid.relatie, oneOf(RELATIE)))) return 'ongeldig gezinslid';
  if (!body.kinderen.every((kind) => optional(kind.geboortedatum, date) && optional(kind.betrokkenheid, oneOf(BETROKKENHEID)))) return 'ongeldig kind';
  const sentOn = (parseWireDateTime(String(body.verzondenOp)) ?? '').slice(0, 10);
  if (!body.kinderen.some((kind) => minor(kind, sentOn))) return 'een aanmelding gaat over ten minste een minderjarige';
  return null;
}

const OPERATIONS: Readonly<Record<string, { readonly prefix: string; readonly problem: (body: Body) => string | null }>> = {
  [BJZ_AANMELDINGEN_PATH]: { prefix: 'bjz-aanm-in', problem: aanmeldingProblem },
  [BJZ_BESLUITEN_PATH]: {
    prefix: 'bjz-besl',
    problem: (body) => (text(body.beantwoordeHandeling) && ['geaccepteerd', 'geweigerd', 'onveilig-teruggemeld'].includes(String(body.besluit))
      && optional(body.reden, text) ? null : 'beantwoordeHandeling of besluit ontbreekt of is ongeldig'),
  },
};

export const isBjzInboundPath = (path: string): boolean => Object.hasOwn(OPERATIONS, path);

/** Checks and stores one inbound request; `onStored` applies a first delivery to the system's records. */
export function receiveBjzInbound(ledger: ActLedger, path: string, raw: string,
  onStored: (body: Body, id: string) => void = () => undefined): MockReply {
  const operation = OPERATIONS[path];
  if (!operation) return reply(404, { fout: 'onbekend pad' });
  if (ledger.takeFailure()) return reply(503, { fout: 'tijdelijk niet beschikbaar' });
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return reply(400, { fout: 'ongeldige JSON' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return reply(400, { fout: 'geen JSON-object' });
  const record = body as Body;
  if (!text(record.handelingId) || !text(record.van) || !text(record.afzenderReferentie)
    || typeof record.verzondenOp !== 'string' || parseWireDateTime(record.verzondenOp) === null) {
    return reply(400, { fout: 'handelingId, van, afzenderReferentie of verzondenOp ontbreekt of is ongeldig' });
  }
  const problem = operation.problem(record);
  if (problem !== null) return reply(400, { fout: problem });
  const { entry, repeated } = ledger.receive(record.handelingId, `POST ${path}`, record,
    (sequence) => `${operation.prefix}-${String(sequence).padStart(5, '0')}`);
  if (!repeated) onStored(record, entry.receiverReference);
  return reply(repeated ? 200 : 201, { id: entry.receiverReference } satisfies WireOntvangst);
}

function reply(status: number, body: unknown): MockReply {
  return { status, headers: JSON_TYPE, body: JSON.stringify(body) };
}
