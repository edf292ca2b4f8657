/**
 * Internal to mock.ts: the AMK system's inbound operations (issue 13) as the mock serves them. A request
 * is checked as the AMK would (fault VERZOEK, 400, when a required element is missing or a code unknown);
 * each handelingId is stored once in the ledger (a repeat answers the first kenmerk); while the ledger is
 * told to fail, the answer is a soap:Server fault STORING on 500, as the system gives when it is down.
 */
import type { ActLedger } from '#mock-world/act-ledger.ts';
import { OVERDRACHT_SOORT } from './codes.ts';
import { parseTijdstip } from './dates.ts';
import type { AmkInboundOperation } from './soap-envelope.ts';
import type { AmkFoutcode, Besluit, FaseCategorie, WireOntvangst } from './wire-types.ts';

export type InboundResult =
  | { readonly kind: 'ok'; readonly content: WireOntvangst }
  | { readonly kind: 'fault'; readonly side: 'Client' | 'Server'; readonly status: number; readonly code: AmkFoutcode; readonly description: string };

type Content = Readonly<Record<string, unknown>>;

const BESLUITEN: readonly Besluit[] = ['geaccepteerd', 'geweigerd', 'onveilig-teruggemeld'];
const FASE_CATEGORIEEN: readonly FaseCategorie[] = ['signaal', 'beoordeling', 'onderzoek', 'zorg', 'monitoring', 'afgesloten'];

const text = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const optionalText = (value: unknown): boolean => value === undefined || text(value);
const partij = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value)
  && optionalText((value as Content).instelling) && optionalText((value as Content).zorgaanbieder);

/** What every inbound request carries: the act, who sent it and when. */
const sent = (content: Content): boolean => text(content.handelingId) && partij(content.van) && text((content.van as Content).instelling)
  && text(content.afzenderReferentie) && text(content.verzonden) && parseTijdstip(content.verzonden) !== null;

const OPERATIONS: Readonly<Record<AmkInboundOperation, { readonly prefix: string; readonly valid: (content: Content) => boolean }>> = {
  OntvangOverdracht: {
    prefix: 'AMK',
    valid: (content) => text(content.soort) && Object.hasOwn(OVERDRACHT_SOORT, content.soort) && text(content.gemeente)
      && optionalText(content.reden),
  },
  OntvangAntwoord: {
    prefix: 'ANT',
    valid: (content) => text(content.beantwoordeHandeling) && BESLUITEN.includes(content.besluit as Besluit) && optionalText(content.reden),
  },
  OntvangTerugkoppeling: {
    prefix: 'TK',
    valid: (content) => text(content.gemeente) && (content.faseCategorie === undefined || FASE_CATEGORIEEN.includes(content.faseCategorie as FaseCategorie))
      && (content.naar === undefined || partij(content.naar)),
  },
};

/** Checks and stores one inbound request; `onStored` applies a first delivery to the system's records. */
export function receiveAmkInbound(ledger: ActLedger, operation: AmkInboundOperation, content: Content,
  onStored: (kenmerk: string) => void = () => undefined): InboundResult {
  if (ledger.takeFailure()) return { kind: 'fault', side: 'Server', status: 500, code: 'STORING', description: 'tijdelijke storing' };
  const { prefix, valid } = OPERATIONS[operation];
  if (!sent(content) || !valid(content)) {
    return { kind: 'fault', side: 'Client', status: 400, code: 'VERZOEK', description: `${operation}: verplichte gegevens ontbreken of zijn ongeldig` };
  }
  const year = String(content.verzonden).slice(6, 10);
  const { entry, repeated } = ledger.receive(String(content.handelingId), operation, content,
    (sequence) => `${prefix}-${year}-${operation === 'OntvangOverdracht' ? 'O' : ''}${String(sequence).padStart(5, '0')}`);
  if (!repeated) onStored(entry.receiverReference);
  return { kind: 'ok', content: { kenmerk: entry.receiverReference } };
}
