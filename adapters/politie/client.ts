/**
 * HTTP to the police's zorgmelding export and key mapping, through the resilient UpstreamHttp.
 * Builds the legacy requests, decodes the CSV into wire rows and maps statuses to AdapterErrors;
 * it validates structure only (header, attribution) — field values are mapping.ts's job.
 */
import { AdapterError } from '#kit/errors.ts';
import type { UpstreamHttp, UpstreamRequest, UpstreamResponse } from '#kit/http-types.ts';
import { inboundFailure, receiptReference } from '#kit/act-delivery.ts';
import type { PolitieInbound } from './deliver-mapping.ts';
import {
  CsvShapeError, decodeCsv, decodeDelta, encodeCsv, decodeExport, decodeVertaling, encodeVertaalverzoek, groupZorgmeldingen,
} from './csv.ts';
import { parseDelta } from './parse-delta.ts';
import {
  MEER_MUTATIES_HEADER, ONTVANGST_KOLOMMEN, VOLGENDE_PAGINA_HEADER, VOLGENDE_VANAF_HEADER, type DeltaPagina, type ExportPagina,
  type Sleutelpaar, type WireZorgmelding,
} from './wire-types.ts';

export interface PolitieCredentials {
  readonly username: string;
  readonly password: string;
}

export interface PolitieClientOptions {
  readonly agencyId: string;
  readonly http: UpstreamHttp;
  readonly credentials: PolitieCredentials;
}

export interface PolitieClient {
  /** Zorgmeldingen by registratienummer (at most the batch limit); unknown numbers are absent. */
  zorgmeldingenByNummer(nummers: readonly string[], signal?: AbortSignal): Promise<readonly WireZorgmelding[]>;
  /** Zorgmeldingen in which any of the persons (at most the batch limit) is a betrokkene. */
  zorgmeldingenBySleutel(sleutels: readonly string[], signal?: AbortSignal): Promise<readonly WireZorgmelding[]>;
  /** One page of the zorgmeldingen registered between two dates (ISO, both inclusive). */
  zorgmeldingenInPeriode(van: string, tot: string, pagina: number, signal?: AbortSignal): Promise<ExportPagina>;
  /**
   * One page of the delta export (issue 12): at most `maximum` mutaties from mutatienummer `vanaf` on; with
   * `vanaf` null none, only where the export stands. A `vanaf` the police do not know is a permanent error.
   */
  mutaties(vanaf: string | null, maximum: number, signal?: AbortSignal): Promise<DeltaPagina>;
  /** Key mapping BSN -> persoonssleutel; persons the police do not know are absent. */
  sleutelsVanBsns(bsns: readonly string[], signal?: AbortSignal): Promise<readonly Sleutelpaar[]>;
  /** Key mapping persoonssleutel -> BSN; keys the register does not resolve are absent. */
  bsnsVanSleutels(sleutels: readonly string[], signal?: AbortSignal): Promise<readonly Sleutelpaar[]>;
  /** Posts one inbound act as CSV (issue 13); resolves with the police's `referentie` of what they stored. */
  deliver(inbound: PolitieInbound, signal?: AbortSignal): Promise<string>;
}

const EXPORT = '/export/zorgmeldingen.csv';
const DELTA = '/export/zorgmeldingen/delta.csv';

const header = (response: UpstreamResponse, name: string): string | undefined =>
  Object.entries(response.headers).find(([key]) => key.toLowerCase() === name)?.[1];

export function createPolitieClient(options: PolitieClientOptions): PolitieClient {
  const authorization = `Basic ${Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString('base64')}`;

  async function send(request: UpstreamRequest, what: string): Promise<UpstreamResponse> {
    const response = await options.http.request({
      ...request, headers: { authorization, accept: 'text/csv', ...request.headers },
    });
    if (response.status === 401 || response.status === 403) {
      throw new AdapterError('UPSTREAM_UNAUTHORIZED', `politie refused the credentials for ${what}`, { agency: options.agencyId, status: response.status });
    }
    return response;
  }

  function expectOk(response: UpstreamResponse, what: string): void {
    if (response.status !== 200) {
      throw new AdapterError('UPSTREAM_BAD_RESPONSE', `politie answered ${what} with an unexpected status`, { agency: options.agencyId, status: response.status });
    }
  }

  function decode<T>(run: () => T, what: string): T {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof CsvShapeError)) throw error;
      throw new AdapterError('UPSTREAM_BAD_RESPONSE', `politie ${what}: ${error.message}`, { agency: options.agencyId, status: 200, cause: error });
    }
  }

  const exportOf = (response: UpstreamResponse, what: string): WireZorgmelding[] => {
    expectOk(response, what);
    return decode(() => groupZorgmeldingen(decodeExport(response.body)), what);
  };

  // The export is read-only, so its POST form may be retried like a GET.
  const postExport = async (field: 'registratienummers' | 'persoonssleutels', values: readonly string[], signal?: AbortSignal) =>
    exportOf(await send({
      method: 'POST', operation: field === 'registratienummers' ? 'zorgmeldingenByNummer' : 'zorgmeldingenBySleutel', path: EXPORT, idempotent: true, signal,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${field}=${values.map(encodeURIComponent).join(',')}`,
    }, 'export'), 'export');

  const vertaal = async (column: 'bsn' | 'persoonssleutel', values: readonly string[], signal?: AbortSignal) => {
    if (values.length === 0) return [];
    const response = await send({
      method: 'POST', operation: column === 'bsn' ? 'sleutelsVanBsns' : 'bsnsVanSleutels', path: '/sleutels/vertaling', idempotent: true, signal,
      headers: { 'content-type': 'text/csv; charset=utf-8' }, body: encodeVertaalverzoek(column, values),
    }, 'key mapping');
    expectOk(response, 'key mapping');
    return decode(() => decodeVertaling(response.body), 'key mapping');
  };

  return {
    async deliver(inbound, signal) {
      const label = `politie POST ${inbound.path}`;
      const response = await send({
        method: 'POST', operation: inbound.operation, path: inbound.path, signal,
        headers: { 'content-type': 'text/csv; charset=utf-8' },
        body: encodeCsv(inbound.columns, [inbound.row]),
        // The police store a handeling_id once, so a retry after a lost answer cannot store the act twice.
        idempotent: true,
      }, label);
      if (response.status !== 200 && response.status !== 201) throw inboundFailure(options.agencyId, label, response.status);
      const [receipt] = decode(() => decodeCsv(response.body, ONTVANGST_KOLOMMEN), 'receipt');
      return receiptReference(options.agencyId, label, response.status, receipt?.referentie);
    },
    async zorgmeldingenByNummer(nummers, signal) {
      if (nummers.length === 0) return [];
      const [only] = nummers;
      if (nummers.length > 1 || only === undefined) return postExport('registratienummers', nummers, signal);
      // A batch of one uses the single-zorgmelding resource, where an unknown number is a 404.
      const response = await send({ method: 'GET', operation: 'zorgmelding', path: `/export/zorgmeldingen/${encodeURIComponent(only)}.csv`, signal }, 'zorgmelding');
      if (response.status === 404) return [];
      return exportOf(response, 'zorgmelding');
    },
    async zorgmeldingenBySleutel(sleutels, signal) {
      return sleutels.length === 0 ? [] : postExport('persoonssleutels', sleutels, signal);
    },
    async zorgmeldingenInPeriode(van, tot, pagina, signal) {
      const response = await send({ method: 'GET', operation: 'zorgmeldingenInPeriode', path: EXPORT, query: { van, tot, pagina: String(pagina) }, signal }, 'export');
      const zorgmeldingen = exportOf(response, 'export');
      const next = header(response, VOLGENDE_PAGINA_HEADER);
      if (next === undefined || next === '') return { zorgmeldingen, volgendePagina: null };
      if (!/^\d+$/.test(next) || Number(next) <= pagina) {
        // A next page that does not move forward would make the walk loop forever.
        throw new AdapterError('UPSTREAM_BAD_RESPONSE', 'politie export: invalid next page', { agency: options.agencyId, status: response.status });
      }
      return { zorgmeldingen, volgendePagina: Number(next) };
    },
    async mutaties(vanaf, maximum, signal) {
      const query = { ...(vanaf === null ? {} : { vanaf }), maximum: String(maximum) };
      const response = await send({ method: 'GET', operation: 'mutaties', path: DELTA, query, signal }, 'delta export');
      if (response.status === 400) {
        // The police refuse a position they never gave (malformed, or past their last mutatie): asking again cannot help.
        throw new AdapterError('UPSTREAM_BAD_RESPONSE', 'politie delta export refused the position asked from', { agency: options.agencyId, status: 400, permanent: true });
      }
      expectOk(response, 'delta export');
      return decode(() => parseDelta(decodeDelta(response.body), header(response, VOLGENDE_VANAF_HEADER), header(response, MEER_MUTATIES_HEADER), vanaf), 'delta export');
    },
    sleutelsVanBsns: (bsns, signal) => vertaal('bsn', bsns, signal),
    bsnsVanSleutels: (sleutels, signal) => vertaal('persoonssleutel', sleutels, signal),
  };
}
