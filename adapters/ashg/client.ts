/**
 * The ASHG's REST/JSON API over the gateway's resilient HTTP: builds the legacy requests, decodes the
 * JSON envelopes and maps statuses to AdapterErrors. Records inside an envelope come back unchecked —
 * the mapping checks them one by one, so one broken record does not sink its batch.
 */
import { AdapterError } from '#kit/errors.ts';
import type { UpstreamHttp, UpstreamResponse } from '#kit/http-types.ts';
import { inboundFailure, receiptReference } from '#kit/act-delivery.ts';
import type { AshgInbound } from './deliver-mapping.ts';
import { readChangePage } from './change-page.ts';
import type { WireWijzigingenPagina } from './wire-types.ts';

export interface AshgClientOptions {
  readonly http: UpstreamHttp;
  /** Sent as `X-Api-Key` on every call. */
  readonly apiKey: string;
  /** Agency id the errors carry. */
  readonly agencyId: string;
}

/** One page of the dossier search. */
export interface DossierPage {
  readonly totaal: number;
  readonly dossiers: readonly unknown[];
}

export type CaseRecordFilter = 'dossiers' | 'ids';

export interface AshgClient {
  dossiersByIds(ids: readonly string[], signal?: AbortSignal): Promise<readonly unknown[]>;
  /** One dossier by its own URL; null when the ASHG answers 404. */
  dossier(id: string, signal?: AbortSignal): Promise<unknown>;
  dossiersByBsns(bsns: readonly string[], signal?: AbortSignal): Promise<readonly unknown[]>;
  dossierPage(gemeente: string, offset: number, limiet: number, signal?: AbortSignal): Promise<DossierPage>;
  /**
   * One page of the dossier change feed after `sinds`, checked against the request; `sinds` null asks
   * where the feed stands. A `sinds` the ASHG no longer knows (410) rejects permanently.
   */
  dossierChanges(sinds: number | null, limiet: number, signal?: AbortSignal): Promise<WireWijzigingenPagina>;
  meldingen(filter: CaseRecordFilter, values: readonly string[], signal?: AbortSignal): Promise<readonly unknown[]>;
  doorverwijzingen(filter: CaseRecordFilter, values: readonly string[], signal?: AbortSignal): Promise<readonly unknown[]>;
  /** Posts one inbound act (issue 13); resolves with the ASHG's `referentie` of what it stored. */
  deliver(inbound: AshgInbound, signal?: AbortSignal): Promise<string>;
}

export function createAshgClient(options: AshgClientOptions): AshgClient {
  const headers = { 'X-Api-Key': options.apiKey, Accept: 'application/json' };

  async function get(operation: string, path: string, query: Record<string, string>, signal: AbortSignal | undefined): Promise<UpstreamResponse> {
    return options.http.request({ method: 'GET', operation, path, query, headers, ...(signal ? { signal } : {}) });
  }

  /** An error naming the path only: query strings may hold BSNs, bodies personal data. */
  function fail(code: 'UPSTREAM_UNAUTHORIZED' | 'UPSTREAM_BAD_RESPONSE', problem: string, path: string, status: number, cause?: unknown, method = 'GET'): AdapterError {
    return new AdapterError(code, `ASHG ${problem} on ${method} ${path}`, { agency: options.agencyId, status, cause });
  }

  /** The JSON object of an answer; a POST that stored something answers 201 (or 200 for a repeat). */
  function decode(response: UpstreamResponse, path: string, method: 'GET' | 'POST' = 'GET'): Record<string, unknown> {
    if (response.status === 401 || response.status === 403) {
      throw fail('UPSTREAM_UNAUTHORIZED', `refused the API key (${response.status})`, path, response.status, undefined, method);
    }
    if (response.status !== 200 && !(method === 'POST' && response.status === 201)) {
      throw fail('UPSTREAM_BAD_RESPONSE', `answered an unexpected ${response.status}`, path, response.status, undefined, method);
    }
    let body: unknown;
    try {
      // A BOM is legal in JSON over HTTP and JSON.parse does not skip it.
      body = JSON.parse(response.body.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw fail('UPSTREAM_BAD_RESPONSE', 'sent a body that is not JSON', path, response.status, error, method);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw fail('UPSTREAM_BAD_RESPONSE', 'sent a body that is not a JSON object', path, response.status, undefined, method);
    }
    return body as Record<string, unknown>;
  }

  function listIn(body: Record<string, unknown>, key: string, path: string, status: number): readonly unknown[] {
    const list = body[key];
    if (!Array.isArray(list)) throw fail('UPSTREAM_BAD_RESPONSE', `sent an envelope without a ${key} list`, path, status);
    return list;
  }

  async function list(operation: string, path: string, key: string, query: Record<string, string>, signal?: AbortSignal): Promise<readonly unknown[]> {
    const response = await get(operation, path, query, signal);
    return listIn(decode(response, path), key, path, response.status);
  }

  async function deliver(inbound: AshgInbound, signal?: AbortSignal): Promise<string> {
    const label = `ASHG POST ${inbound.path}`;
    const response = await options.http.request({
      method: 'POST', operation: inbound.operation, path: inbound.path, body: JSON.stringify(inbound.body),
      headers: { ...headers, 'Content-Type': 'application/json' },
      // The ASHG stores a handelingId once, so a retry after a lost answer cannot store the act twice.
      idempotent: true,
      ...(signal ? { signal } : {}),
    });
    if (response.status !== 200 && response.status !== 201) throw inboundFailure(options.agencyId, label, response.status);
    return receiptReference(options.agencyId, label, response.status, decode(response, inbound.path, 'POST').referentie);
  }

  return {
    deliver,
    dossiersByIds: (ids, signal) => list('dossiersByIds', '/api/v1/dossiers', 'dossiers', { ids: ids.join(',') }, signal),
    dossiersByBsns: (bsns, signal) => list('dossiersByBsns', '/api/v1/dossiers', 'dossiers', { bsn: bsns.join(',') }, signal),
    meldingen: (filter, values, signal) => list(`meldingenBy${filter === 'ids' ? 'Ids' : 'Dossiers'}`, '/api/v1/meldingen', 'meldingen', { [filter]: values.join(',') }, signal),
    doorverwijzingen: (filter, values, signal) =>
      list(`doorverwijzingenBy${filter === 'ids' ? 'Ids' : 'Dossiers'}`, '/api/v1/doorverwijzingen', 'doorverwijzingen', { [filter]: values.join(',') }, signal),

    async dossier(id, signal) {
      const path = `/api/v1/dossiers/${encodeURIComponent(id)}`;
      const response = await get('dossier', path, {}, signal);
      if (response.status === 404) return null;
      return decode(response, '/api/v1/dossiers/{id}');
    },

    async dossierPage(gemeente, offset, limiet, signal) {
      const path = '/api/v1/dossiers';
      const response = await get('dossierPage', path, { gemeente, offset: String(offset), limiet: String(limiet) }, signal);
      const body = decode(response, path);
      const dossiers = listIn(body, 'dossiers', path, response.status);
      const { totaal } = body;
      // A page that is not the one asked for would make the walk skip or repeat dossiers.
      if (typeof totaal !== 'number' || !Number.isSafeInteger(totaal) || totaal < 0 || body.offset !== offset
        || dossiers.length > limiet) {
        throw fail('UPSTREAM_BAD_RESPONSE', 'sent a page that does not match the request', path, response.status);
      }
      return { totaal, dossiers };
    },

    async dossierChanges(sinds, limiet, signal) {
      const path = '/api/v1/dossiers/wijzigingen';
      const response = await get('dossierChanges', path, { ...(sinds === null ? {} : { sinds: String(sinds) }), limiet: String(limiet) }, signal);
      if (response.status === 410) {
        // Asking again will not help: the position is gone (pruned, or the log began anew).
        throw new AdapterError('UPSTREAM_BAD_RESPONSE', `ASHG no longer knows the position asked from on GET ${path} (410)`, {
          agency: options.agencyId, status: response.status, permanent: true,
        });
      }
      const page = readChangePage(decode(response, path), sinds, limiet);
      if (!page) throw fail('UPSTREAM_BAD_RESPONSE', 'sent a change page that does not match the request', path, response.status);
      return page;
    },
  };
}
