/**
 * BJZ's REST API v2 over the kit's resilient HTTP: builds the requests, adds the bearer token (one
 * fresh token and one retry after a 401), maps statuses and decodes the JSON envelopes. The records
 * inside come back unchecked: the mapping checks each, so one bad record fails only its own keys.
 */
import type { Logger } from 'pino';
import { AdapterError } from '#kit/errors.ts';
import type { UpstreamHttp, UpstreamRequest, UpstreamResponse } from '#kit/http-types.ts';
import { inboundFailure, receiptReference } from '#kit/act-delivery.ts';
import type { BjzInbound } from './deliver-mapping.ts';
import type { TokenSource } from './token-source.ts';
import type { WireAanmeldingQuery, WireClientQuery } from './wire-types.ts';

export interface BjzApiClientOptions {
  readonly agencyId: string;
  readonly http: UpstreamHttp;
  readonly tokens: TokenSource;
  readonly logger: Logger;
}

export interface ClientPageRequest {
  readonly gemeente: string;
  readonly limit: number;
  /** The previous page's `volgendeCursor`; null for the first page. */
  readonly cursor: string | null;
}

export interface ClientPage {
  readonly data: readonly unknown[];
  readonly volgendeCursor: string | null;
}

export interface ChangePageRequest {
  /** The previous page's `nextCursor`; null asks for the current position. */
  readonly after: string | null;
  readonly limit: number;
}

/** One page of wijzigingen, its envelope checked; the entries inside come back unchecked. */
export interface ChangePage {
  readonly data: readonly unknown[];
  readonly nextCursor: string;
  readonly hasMore: boolean;
}

export interface BjzApiClient {
  /** `POST /v2/clienten/zoeken`: clients by id, by BSN of anyone in their gezin, or by gezin id. */
  searchClients(query: WireClientQuery, signal?: AbortSignal): Promise<readonly unknown[]>;
  /** `GET /v2/clienten/{id}`: one client, or null when BJZ does not know it. */
  getClient(id: string, signal?: AbortSignal): Promise<unknown>;
  /** `GET /v2/clienten?gemeente=&limit=&cursor=`: one page of a municipality's clients. */
  listClients(page: ClientPageRequest, signal?: AbortSignal): Promise<ClientPage>;
  /** `POST /v2/aanmeldingen/zoeken`: aanmeldingen by id or by client id. */
  searchAanmeldingen(query: WireAanmeldingQuery, signal?: AbortSignal): Promise<readonly unknown[]>;
  /** `GET /v2/wijzigingen?after=&limit=` (issue 12); a cursor BJZ does not know rejects, permanently. */
  listChanges(page: ChangePageRequest, signal?: AbortSignal): Promise<ChangePage>;
  /** Posts one inbound act (issue 13); resolves with BJZ's own `id` of what it stored. */
  deliver(inbound: BjzInbound, signal?: AbortSignal): Promise<string>;
}

export function createBjzApiClient(options: BjzApiClientOptions): BjzApiClient {
  const { agencyId, http, tokens, logger } = options;

  async function send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const token = await tokens.get();
    const first = await http.request(withBearer(request, token));
    if (first.status !== 401) return first;
    // The token may have been revoked or expired early (a restarted BJZ forgets its tokens): one fresh try.
    tokens.invalidate(token);
    logger.debug({ agency: agencyId, path: request.path }, 'bjz rejected the access token; requesting a new one');
    return http.request(withBearer(request, await tokens.get()));
  }

  function search(operation: string, path: string, query: object, signal: AbortSignal | undefined): Promise<UpstreamResponse> {
    return send({
      method: 'POST', operation, path, body: JSON.stringify(query), signal,
      headers: { 'content-type': 'application/json' },
      // A search only reads, so the kit may retry it like a GET.
      idempotent: true,
    });
  }

  return {
    async deliver(inbound, signal) {
      const label = `BJZ POST ${inbound.path}`;
      const response = await send({
        method: 'POST', operation: inbound.operation, path: inbound.path, body: JSON.stringify(inbound.body), signal,
        headers: { 'content-type': 'application/json' },
        // BJZ stores a handelingId once, so a retry after a lost answer cannot register the act twice.
        idempotent: true,
      });
      if (response.status !== 200 && response.status !== 201) throw inboundFailure(agencyId, label, response.status);
      const body = decode(response, agencyId);
      return receiptReference(agencyId, label, response.status, typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined);
    },
    async searchClients(query, signal) {
      return dataOf(decode(check(await search('searchClients', '/v2/clienten/zoeken', query, signal), agencyId), agencyId), agencyId);
    },
    async searchAanmeldingen(query, signal) {
      return dataOf(decode(check(await search('searchAanmeldingen', '/v2/aanmeldingen/zoeken', query, signal), agencyId), agencyId), agencyId);
    },
    async getClient(id, signal) {
      const response = await send({ method: 'GET', operation: 'getClient', path: `/v2/clienten/${encodeURIComponent(id)}`, signal });
      if (response.status === 404) return null;
      const client = decode(check(response, agencyId), agencyId);
      if (typeof client !== 'object' || client === null || Array.isArray(client)) throw badResponse(agencyId, 200);
      return client;
    },
    async listClients(page, signal) {
      const query: Record<string, string> = { gemeente: page.gemeente, limit: String(page.limit) };
      if (page.cursor !== null) query.cursor = page.cursor;
      const body = decode(check(await send({ method: 'GET', operation: 'listClients', path: '/v2/clienten', query, signal }), agencyId), agencyId);
      const next = (body as { volgendeCursor?: unknown }).volgendeCursor;
      if (next !== null && (typeof next !== 'string' || next === '')) throw badResponse(agencyId, 200);
      return { data: dataOf(body, agencyId), volgendeCursor: next };
    },
    async listChanges(page, signal) {
      const query: Record<string, string> = { limit: String(page.limit) };
      if (page.after !== null) query.after = page.after;
      const response = await send({ method: 'GET', operation: 'listChanges', path: '/v2/wijzigingen', query, signal });
      if (response.status === 400) {
        // A cursor BJZ never handed out (or from before its log began) will not be known on a retry either.
        throw new AdapterError('UPSTREAM_BAD_RESPONSE', 'BJZ does not know the change cursor', { agency: agencyId, status: 400, permanent: true });
      }
      const body = decode(check(response, agencyId), agencyId);
      const { nextCursor, hasMore } = (typeof body === 'object' && body !== null ? body : {}) as { nextCursor?: unknown; hasMore?: unknown };
      if (typeof nextCursor !== 'string' || nextCursor === '' || typeof hasMore !== 'boolean') throw badResponse(agencyId, 200);
      return { data: dataOf(body, agencyId), nextCursor, hasMore };
    },
  };
}

function withBearer(request: UpstreamRequest, token: string): UpstreamRequest {
  return { ...request, headers: { ...request.headers, accept: 'application/json', authorization: `Bearer ${token}` } };
}

function check(response: UpstreamResponse, agencyId: string): UpstreamResponse {
  if (response.status === 200) return response;
  if (response.status === 401 || response.status === 403) {
    throw new AdapterError('UPSTREAM_UNAUTHORIZED', 'BJZ refused the gateway\'s access token', {
      agency: agencyId, status: response.status,
    });
  }
  if (response.status === 429) {
    // The kit retries 429 and rejects when it gives up; this only guards an HTTP layer that does not.
    const retryAfter = Number(response.headers['retry-after']);
    throw new AdapterError('UPSTREAM_RATE_LIMITED', 'BJZ rate limit reached', {
      agency: agencyId, status: 429, retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
    });
  }
  throw badResponse(agencyId, response.status);
}

function decode(response: UpstreamResponse, agencyId: string): unknown {
  try {
    // Some BJZ deployments prefix a byte-order mark, which JSON.parse rejects.
    return JSON.parse(response.body.replace(/^\uFEFF/, ''));
  } catch {
    // Not the SyntaxError as cause: its message quotes the body, which may hold personal data.
    throw badResponse(agencyId, response.status);
  }
}

function dataOf(body: unknown, agencyId: string): readonly unknown[] {
  const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) throw badResponse(agencyId, 200);
  return data;
}

function badResponse(agencyId: string, status: number): AdapterError {
  return new AdapterError('UPSTREAM_BAD_RESPONSE', 'BJZ gave an answer the gateway cannot read', { agency: agencyId, status });
}
