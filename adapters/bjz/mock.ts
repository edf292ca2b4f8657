/**
 * A runnable mock of Bureau Jeugdzorg's REST API v2 on loopback, serving the world as BJZ holds it:
 * OAuth2 client credentials, bearer tokens that expire, a per-client rate limit, batch searches of at
 * most `batchLimit` values, cursor pages, 404 for an unknown client, and the wijzigingen (changes to gezinnen
 * after start) that testers cause through `records` or through the inbound operations.
 */
import { startMockServer, type MockEndpoint, type MockReply, type MockServer } from '#mock-world/mock-server.ts';
import type { MockKnobs } from '#kit/contract.ts';
import { createWorld, WORLD_AGENCIES, type World } from '#mock-world/index.ts';
import { projectBjz } from './fixtures.ts';
import { JSON_TYPE, createMockAuth } from './mock-auth.ts';
import { createBjzMockStore, type BjzMockStore } from './mock-store.ts';
import { isBjzInboundPath, receiveBjzInbound } from './mock-inbound.ts';
import { applyReceived } from './mock-received.ts';
import { createBjzChangeLog } from './mock-changes.ts';
import { createBjzRecordControl } from './mock-records.ts';
import { createActLedger } from '#mock-world/act-ledger.ts';
import { worldAgencyCode } from '#mock-world/receiving.ts';

export interface BjzMockOptions {
  /** The population served. Default `createWorld()` (the six scenarios). */
  world?: World;
  /**
   * The organisation whose system this is: the mock serves the world's cases filed under this id and
   * reports it as its agency. Default WORLD_AGENCIES.bjz (`bjz-groningen`).
   */
  agencyId?: string;
  /** Latency, error, timeout and malformed-body knobs. Default none. */
  knobs?: MockKnobs;
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** OAuth2 client id accepted at the token endpoint. Default `ketenpoort`. */
  clientId?: string;
  /** OAuth2 client secret accepted. Default `bjz-dev-secret`. */
  clientSecret?: string;
  /** Lifetime of issued tokens (`expires_in`), in seconds. Default 300. */
  tokenTtlSeconds?: number;
  /** API requests per client per second before 429 with `Retry-After: 1`. Default 200. */
  rateLimitPerSecond?: number;
  /** Most values in one search and most clients in one page (400 above it). Default 100. */
  batchLimit?: number;
  /** The mock's clock in epoch ms, for token expiry and rate windows. Default `Date.now`. */
  now?: () => number;
}

const DEFAULT_PAGE_SIZE = 25;

/** BJZ's REST API v2 as the mock serves it (specified in openapi.yaml); `/v2` needs a bearer token. */
export const BJZ_MOCK_ENDPOINTS: readonly MockEndpoint[] = [
  { method: 'POST', path: '/oauth/token', does: 'OAuth2 client credentials (Basic or form): a bearer token with expires_in' },
  { method: 'GET', path: '/v2/clienten?gemeente=&limit=&cursor=', does: "a municipality's clients, cursor pages (volgendeCursor)" },
  { method: 'GET', path: '/v2/clienten/{id}', does: 'one client, 404 when unknown' },
  { method: 'POST', path: '/v2/clienten/zoeken', does: 'clients by ids, bsns (anyone in the gezin) or gezinIds' },
  { method: 'POST', path: '/v2/aanmeldingen/zoeken', does: 'aanmeldingen by ids or clientIds' },
  { method: 'POST', path: '/v2/aanmeldingen', does: 'receives an aanmelding (police 0-18 referral, handover) about at least one minor, once per handelingId' },
  { method: 'POST', path: '/v2/aanmeldingen/besluiten', does: 'receives the answer to an aanmelding BJZ sent, once per handelingId' },
  { method: 'GET', path: '/v2/wijzigingen?after=&limit=', does: 'gezinnen changed (changed/deleted) after a cursor, oldest first (nextCursor, hasMore); no after: the current position' },
];

export function startBjzMock(options: BjzMockOptions = {}): Promise<MockServer> {
  const agencyId = options.agencyId ?? WORLD_AGENCIES.bjz;
  const store = createBjzMockStore(projectBjz(options.world ?? createWorld(), agencyId));
  const batchLimit = options.batchLimit ?? 100;
  const ledger = createActLedger();
  const changes = createBjzChangeLog();
  const own = { code: worldAgencyCode(agencyId), agencyId };
  const auth = createMockAuth({
    clientId: options.clientId ?? 'ketenpoort',
    clientSecret: options.clientSecret ?? 'bjz-dev-secret',
    tokenTtlSeconds: options.tokenTtlSeconds ?? 300,
    rateLimitPerSecond: options.rateLimitPerSecond ?? 200,
    now: options.now ?? Date.now,
  });

  return startMockServer({
    agencyId,
    ledger,
    records: createBjzRecordControl(store, changes, agencyId),
    endpoints: BJZ_MOCK_ENDPOINTS,
    knobs: options.knobs,
    host: options.host,
    port: options.port,
    malformedBody: '{"data":[{"id":"bjz-gezin-',
    handle(request, body, url) {
      const route = `${request.method} ${url.pathname}`;
      if (url.pathname === '/oauth/token') return request.method === 'POST' ? auth.issueToken(request, body) : reply(405, { fout: 'methode niet toegestaan' });
      if (!url.pathname.startsWith('/v2/')) return null;
      const admitted = auth.admit(request);
      if ('status' in admitted) return admitted;
      if (isBjzInboundPath(url.pathname)) {
        if (request.method !== 'POST') return reply(405, { fout: 'methode niet toegestaan' });
        return receiveBjzInbound(ledger, url.pathname, body, (received, id) => {
          const gezinId = applyReceived(store, own, url.pathname, received, id);
          // A gezin without clients (no minor could be registered) is no household record, so nothing of one changed.
          if (gezinId !== null && store.clientsBy('gezinIds', [gezinId]).length > 0) changes.log(gezinId, 'changed');
        });
      }
      if (route === 'GET /v2/wijzigingen') return changes.page(url.searchParams, batchLimit);
      if (route === 'GET /v2/clienten') return listPage(store, url.searchParams, batchLimit);
      if (route === 'POST /v2/clienten/zoeken') {
        return search(body, ['ids', 'bsns', 'gezinIds'] as const, batchLimit, (field, values) => store.clientsBy(field, values));
      }
      if (route === 'POST /v2/aanmeldingen/zoeken') {
        return search(body, ['ids', 'clientIds'] as const, batchLimit, (field, values) => store.aanmeldingenBy(field, values));
      }
      const single = /^\/v2\/clienten\/([^/]+)$/.exec(url.pathname);
      if (single?.[1] !== undefined && request.method === 'GET') {
        const client = store.client(decodeURIComponent(single[1]));
        return client ? reply(200, client) : reply(404, { fout: 'client niet gevonden' });
      }
      return null;
    },
  });
}

function listPage(store: BjzMockStore, params: URLSearchParams, batchLimit: number): MockReply {
  const gemeente = params.get('gemeente');
  if (!gemeente) return reply(400, { fout: 'parameter gemeente ontbreekt' });
  const limitText = params.get('limit');
  const limit = limitText === null ? DEFAULT_PAGE_SIZE : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > batchLimit) return reply(400, { fout: `limit moet tussen 1 en ${batchLimit} liggen` });
  const cursor = params.get('cursor');
  const afterId = cursor === null ? null : decodeCursor(cursor);
  if (afterId === undefined) return reply(400, { fout: 'ongeldige cursor' });
  const page = store.page(gemeente, afterId, limit);
  return reply(200, { data: page.data, volgendeCursor: page.lastId === null ? null : encodeCursor(page.lastId) });
}

function search<Field extends string>(body: string, fields: readonly Field[], batchLimit: number,
  find: (field: Field, values: readonly string[]) => readonly unknown[]): MockReply {
  let query: unknown;
  try {
    query = JSON.parse(body);
  } catch {
    return reply(400, { fout: 'ongeldige JSON' });
  }
  const given = typeof query === 'object' && query !== null ? fields.filter((field) => field in query) : [];
  const field = given.length === 1 ? given[0] : undefined;
  const values = field === undefined ? undefined : (query as Record<string, unknown>)[field];
  if (field === undefined || !Array.isArray(values) || !values.every((value) => typeof value === 'string')) {
    return reply(400, { fout: `geef precies een van ${fields.join(', ')} als lijst van teksten` });
  }
  if (values.length > batchLimit) return reply(400, { fout: `maximaal ${batchLimit} waarden per zoekvraag` });
  return reply(200, { data: find(field, values) });
}

/** Opaque to clients; inside, the id of the last client served. */
function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ na: lastId }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const na = typeof value === 'object' && value !== null ? (value as { na?: unknown }).na : undefined;
    return typeof na === 'string' ? na : undefined;
  } catch {
    return undefined;
  }
}

function reply(status: number, body: unknown): MockReply {
  return { status, headers: JSON_TYPE, body: JSON.stringify(body) };
}
