/**
 * HTTP to the AMK's SOAP endpoint, only through `context.http`: builds each operation's envelope with
 * its WS-Security token, decodes the answer into wire records and maps transport outcomes and SOAP
 * faults to AdapterErrors. Records inside an answer are left to the mapping, which judges each alone.
 */
import { AdapterError } from '#kit/errors.ts';
import type { UpstreamHttp } from '#kit/http-types.ts';
import { receiptReference } from '#kit/act-delivery.ts';
import type { AmkInbound } from './deliver-mapping.ts';
import {
  buildRequest, decodeEnvelope, soapActionOf, type AmkCredentials, type AmkOperation, type DecodedEnvelope,
} from './soap-envelope.ts';

export const AMK_SOAP_PATH = '/soap/amk';

export interface AmkClientOptions {
  readonly http: UpstreamHttp;
  /** Agency id carried by every AdapterError. */
  readonly agencyId: string;
  readonly credentials: AmkCredentials;
}

/** The AMK answered a lookup with its `ONBEKEND` fault: none of the ids exists. */
export const ONBEKEND = Symbol('ONBEKEND');

export interface ZakenPagina {
  readonly pagina: number;
  readonly aantalPaginas: number;
  readonly totaalAantal: number;
  readonly zaken: readonly unknown[];
}

/** One page of HaalWijzigingenOp: the wijzigingen as decoded (each judged by the caller), and where it ends. */
export interface WijzigingenPagina {
  readonly wijzigingen: readonly unknown[];
  readonly laatsteVolgnummer: number;
  readonly meer: boolean;
}

export type IdSelection =
  | { readonly zaakIds: readonly string[] }
  | { readonly ids: readonly string[] };

export interface AmkClient {
  haalZaken(zaakIds: readonly string[], signal?: AbortSignal): Promise<readonly unknown[] | typeof ONBEKEND>;
  /** One `resultaat` ({ bsn, zaken }) per BSN the AMK found. */
  zoekZakenOpBsn(bsns: readonly string[], signal?: AbortSignal): Promise<readonly unknown[]>;
  zoekZakenOpGemeente(gemeente: string, pagina: number, paginagrootte: number, signal?: AbortSignal): Promise<ZakenPagina>;
  haalMeldingen(selection: IdSelection, signal?: AbortSignal): Promise<readonly unknown[] | typeof ONBEKEND>;
  haalOverdrachten(selection: IdSelection, signal?: AbortSignal): Promise<readonly unknown[] | typeof ONBEKEND>;
  /**
   * The change feed (issue 12): the changes after `vanafVolgnummer`, or (null) only where the feed stands.
   * A volgnummer the AMK refuses (ONBEKEND, VERZOEK) rejects permanently: asking again cannot help.
   */
  haalWijzigingen(vanafVolgnummer: string | null, maximumAantal: number, signal?: AbortSignal): Promise<WijzigingenPagina>;
  /** Delivers one act through its inbound operation (issue 13); resolves with the AMK's `kenmerk` of what it stored. */
  deliver(inbound: AmkInbound, signal?: AbortSignal): Promise<string>;
}

export function createAmkClient(options: AmkClientOptions): AmkClient {
  const agency = options.agencyId;
  const error = (code: AdapterError['code'], operation: AmkOperation, what: string, extra: { status?: number; cause?: unknown } = {}) =>
    new AdapterError(code, `${agency}: ${operation} ${what}`, { agency, ...extra });

  /**
   * One SOAP call. Where the caller gives `refused`, a soap:Client fault other than AUTH is the AMK
   * refusing the request itself (an act as invalid, a volgnummer it does not know): it would refuse it
   * again, so `refused` makes the error, a permanent one. Its foutcode is the AMK's own closed list; its
   * omschrijving is never read.
   */
  async function call(operation: AmkOperation, content: object, signal?: AbortSignal,
    refused?: (foutcode: string, status: number) => AdapterError): Promise<Readonly<Record<string, unknown>> | typeof ONBEKEND> {
    const response = await options.http.request({
      method: 'POST',
      operation,
      path: AMK_SOAP_PATH,
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: soapActionOf(operation) },
      body: buildRequest(operation, content, options.credentials),
      // A SOAP POST here only reads, or receives an act the AMK stores once per handelingId: a retry cannot do harm twice.
      idempotent: true,
      ...(signal ? { signal } : {}),
    });
    const { status } = response;
    if (status === 401 || status === 403) throw error('UPSTREAM_UNAUTHORIZED', operation, `was refused (${status})`, { status });
    let envelope: DecodedEnvelope;
    try {
      envelope = decodeEnvelope(response.body);
    } catch (cause) {
      // The kit's HTTP answers 5xx itself; one reaching us anyway is still the upstream failing.
      const code = status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_BAD_RESPONSE';
      throw error(code, operation, `answered ${status} with no readable SOAP envelope`, { status, cause });
    }
    const body = envelope.body;
    if (body.kind === 'fault') {
      if (body.code === 'AUTH') throw error('UPSTREAM_UNAUTHORIZED', operation, 'refused the UsernameToken (AUTH)', { status });
      if (refused && body.side === 'Client') throw refused(body.code ?? 'without code', status);
      if (body.side === 'Client' && body.code === 'ONBEKEND') return ONBEKEND;
      if (body.side === 'Server') throw error('UPSTREAM_UNAVAILABLE', operation, `answered a soap:Server fault (${status})`, { status });
      throw error('UPSTREAM_BAD_RESPONSE', operation, `answered a ${body.side} fault ${body.code ?? 'without code'} (${status})`, { status });
    }
    if (status !== 200) throw error('UPSTREAM_BAD_RESPONSE', operation, `answered unexpected status ${status}`, { status });
    if (body.name !== `${operation}Response`) throw error('UPSTREAM_BAD_RESPONSE', operation, 'answered with another operation');
    return body.content;
  }

  function listIn(operation: AmkOperation, content: Readonly<Record<string, unknown>>, container: string, item: string): readonly unknown[] {
    const holder = content[container];
    const items = typeof holder === 'object' && holder !== null ? (holder as Record<string, unknown>)[item] : undefined;
    if (!Array.isArray(items)) throw error('UPSTREAM_BAD_RESPONSE', operation, `answered without a ${container} list`);
    return items;
  }

  function notOnbekend<T>(operation: AmkOperation, value: T | typeof ONBEKEND): T {
    // ONBEKEND answers a lookup by id; on a search it is a broken answer, not an empty one.
    if (value === ONBEKEND) throw error('UPSTREAM_BAD_RESPONSE', operation, 'answered ONBEKEND to a search');
    return value;
  }

  const selectionContent = (selection: IdSelection, idsName: string, idName: string): object =>
    'zaakIds' in selection
      ? { zaakIds: { zaakId: [...selection.zaakIds] } }
      : { [idsName]: { [idName]: [...selection.ids] } };

  function count(operation: AmkOperation, value: unknown, field: string): number {
    const parsed = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isNaN(parsed)) throw error('UPSTREAM_BAD_RESPONSE', operation, `answered a non-numeric ${field}`);
    return parsed;
  }

  return {
    async deliver(inbound, signal) {
      const refused = (foutcode: string, status: number) =>
        new AdapterError('UPSTREAM_REFUSED', `${agency}: ${inbound.operation} refused the act (${foutcode}, ${status})`, { agency, status, permanent: true });
      const content = notOnbekend(inbound.operation, await call(inbound.operation, inbound.content, signal, refused));
      return receiptReference(agency, `${agency}: ${inbound.operation}`, 200, content.kenmerk);
    },
    async haalZaken(zaakIds, signal) {
      const content = await call('HaalZakenOp', { zaakIds: { zaakId: [...zaakIds] } }, signal);
      return content === ONBEKEND ? content : listIn('HaalZakenOp', content, 'zaken', 'zaak');
    },
    async zoekZakenOpBsn(bsns, signal) {
      const content = notOnbekend('ZoekZakenOpBsn', await call('ZoekZakenOpBsn', { bsns: { bsn: [...bsns] } }, signal));
      return listIn('ZoekZakenOpBsn', content, 'resultaten', 'resultaat');
    },
    async zoekZakenOpGemeente(gemeente, pagina, paginagrootte, signal) {
      const operation = 'ZoekZakenOpGemeente';
      const content = notOnbekend(operation, await call(operation, { gemeente, pagina: String(pagina), paginagrootte: String(paginagrootte) }, signal));
      return {
        pagina: count(operation, content.pagina, 'pagina'),
        aantalPaginas: count(operation, content.aantalPaginas, 'aantalPaginas'),
        totaalAantal: count(operation, content.totaalAantal, 'totaalAantal'),
        zaken: listIn(operation, content, 'zaken', 'zaak'),
      };
    },
    async haalMeldingen(selection, signal) {
      const content = await call('HaalMeldingenOp', selectionContent(selection, 'meldingIds', 'meldingId'), signal);
      return content === ONBEKEND ? content : listIn('HaalMeldingenOp', content, 'meldingen', 'melding');
    },
    async haalOverdrachten(selection, signal) {
      const content = await call('HaalOverdrachtenOp', selectionContent(selection, 'overdrachtIds', 'overdrachtId'), signal);
      return content === ONBEKEND ? content : listIn('HaalOverdrachtenOp', content, 'overdrachten', 'overdracht');
    },
    async haalWijzigingen(vanafVolgnummer, maximumAantal, signal) {
      const operation = 'HaalWijzigingenOp';
      // A cursor the AMK never gave out (lost with a restore, from another system) stays unknown: a full read must follow.
      const refused = (foutcode: string, status: number) =>
        new AdapterError('UPSTREAM_BAD_RESPONSE', `${agency}: ${operation} refused the volgnummer (${foutcode}, ${status})`, { agency, status, permanent: true });
      const content = notOnbekend(operation, await call(operation, { vanafVolgnummer, maximumAantal: String(maximumAantal) }, signal, refused));
      if (content.meer !== 'J' && content.meer !== 'N') throw error('UPSTREAM_BAD_RESPONSE', operation, 'answered meer neither J nor N');
      return {
        wijzigingen: listIn(operation, content, 'wijzigingen', 'wijziging'),
        laatsteVolgnummer: count(operation, content.laatsteVolgnummer, 'laatsteVolgnummer'),
        meer: content.meer === 'J',
      };
    },
  };
}
