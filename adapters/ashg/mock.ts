/**
 * A runnable mock of the ASHG's REST/JSON API (see wire-types.ts), serving the world's ASHG dossiers
 * with the legacy API's own rules: API key, batch limit, offset pagination, JSON error bodies.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MockKnobs } from '#kit/contract.ts';
import { startMockServer, type MockEndpoint, type MockReply, type MockServer } from '#mock-world/mock-server.ts';
import { createWorld, WORLD_AGENCIES, type World } from '#mock-world/index.ts';
import { projectAshg } from './fixtures.ts';
import { createAshgStore, type AshgStore } from './mock-store.ts';
import { createAshgChangeLog, type AshgChangeLog } from './mock-changes.ts';
import { createAshgRecordControl } from './mock-records.ts';
import { isAshgInboundPath, receiveAshgInbound } from './mock-inbound.ts';
import { createActLedger } from '#mock-world/act-ledger.ts';
import { worldAgencyCode } from '#mock-world/receiving.ts';
import { applyReceived } from './mock-received.ts';
import type { WireFout, WireWijzigingenPagina } from './wire-types.ts';
import { ASHG_BATCH_LIMIT, ASHG_PAGE_LIMIT } from './api-limits.ts';

const DEFAULT_PAGE_SIZE = 25;
const CHANGES_PATH = '/api/v1/dossiers/wijzigingen';

/** The ASHG API v1 as the mock serves it (specified in openapi.yaml); every call needs `X-Api-Key`. */
export const ASHG_MOCK_ENDPOINTS: readonly MockEndpoint[] = [
  { method: 'GET', path: '/api/v1/dossiers?gemeente=&offset=&limiet=', does: `a municipality's dossiers, offset pages of at most ${ASHG_PAGE_LIMIT}` },
  { method: 'GET', path: '/api/v1/dossiers?ids=|bsn=', does: `dossiers by dossiernummer or by a member's BSN (at most ${ASHG_BATCH_LIMIT}, comma-separated)` },
  { method: 'GET', path: '/api/v1/dossiers/{dossiernummer}', does: 'one dossier, 404 NIET_GEVONDEN when unknown' },
  {
    method: 'GET', path: '/api/v1/dossiers/wijzigingen?sinds=&limiet=',
    does: `changed dossiers after a volgnummer, pages of at most ${ASHG_PAGE_LIMIT}; without sinds where the feed stands; 410 VOLGNUMMER_ONBEKEND`,
  },
  { method: 'GET', path: '/api/v1/meldingen?ids=|dossiers=', does: 'meldingen by meldingnummer or by dossiernummer' },
  { method: 'GET', path: '/api/v1/doorverwijzingen?ids=|dossiers=', does: 'doorverwijzingen by verwijzingsnummer or by dossiernummer' },
  { method: 'POST', path: '/api/v1/doorverwijzingen/antwoorden', does: 'receives the answer to a doorverwijzing the ASHG sent (once per handelingId)' },
  { method: 'POST', path: '/api/v1/terugkoppelingen', does: 'receives feedback (terugkoppeling) on what the ASHG handed on (once per handelingId)' },
];

export interface AshgMockOptions {
  /** The population to serve. Default `createWorld()` (the six scenarios). */
  world?: World;
  /**
   * The organisation whose system this is: the mock serves the world's cases filed under this id and
   * reports it as its agency. Default WORLD_AGENCIES.ashg (`ashg-groningen`).
   */
  agencyId?: string;
  /** Latency, error, timeout and malformed-body knobs. Default none. */
  knobs?: MockKnobs;
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The `X-Api-Key` the mock accepts. Default `ashg-dev-key`. */
  apiKey?: string;
}

export function startAshgMock(options: AshgMockOptions = {}): Promise<MockServer> {
  const agencyId = options.agencyId ?? WORLD_AGENCIES.ashg;
  const store = createAshgStore(projectAshg(options.world ?? createWorld(), agencyId));
  const changes = createAshgChangeLog();
  const keyDigest = digest(options.apiKey ?? 'ashg-dev-key');
  const ledger = createActLedger();
  const ownCode = worldAgencyCode(agencyId);
  return startMockServer({
    agencyId,
    ledger,
    records: createAshgRecordControl(store, changes, agencyId),
    endpoints: ASHG_MOCK_ENDPOINTS,
    knobs: options.knobs,
    host: options.host,
    port: options.port,
    // Cut off mid-record, as a proxy dropping the connection would leave it.
    malformedBody: '{"dossiers":[{"dossiernummer":"D-2026-0001',
    handle: (request, body, url) => {
      const header = request.headers['x-api-key'];
      // Compared by digest in constant time, as the legacy gateway does, so timing reveals nothing.
      if (typeof header !== 'string' || !timingSafeEqual(digest(header), keyDigest)) {
        return fout(401, 'NIET_GEAUTORISEERD', 'Ontbrekende of ongeldige API-sleutel.');
      }
      if (isAshgInboundPath(url.pathname)) {
        if (request.method !== 'POST') return fout(405, 'METHODE_NIET_TOEGESTAAN', 'Alleen POST wordt ondersteund.');
        const reply = receiveAshgInbound(ledger, url.pathname, body,
          (received, referentie) => applyReceived(store, ownCode, url.pathname, received, referentie));
        return json(reply.status, reply.body);
      }
      if (request.method !== 'GET') return fout(405, 'METHODE_NIET_TOEGESTAAN', 'Alleen GET wordt ondersteund.');
      return route(store, changes, url);
    },
  });
}

function route(store: AshgStore, changes: AshgChangeLog, url: URL): MockReply {
  const path = url.pathname;
  // No dossiernummer is `wijzigingen`: that URL is the change feed's.
  if (path.startsWith('/api/v1/dossiers/') && path !== CHANGES_PATH) {
    const dossier = store.dossier(decodeSegment(path.slice('/api/v1/dossiers/'.length)));
    return dossier ? json(200, dossier) : fout(404, 'NIET_GEVONDEN', 'Dossier niet gevonden.');
  }
  try {
    switch (path) {
      case CHANGES_PATH: return wijzigingen(changes, url.searchParams);
      case '/api/v1/dossiers': return dossiers(store, url.searchParams);
      case '/api/v1/meldingen': {
        const [filter, values] = onlyFilter(url.searchParams, ['dossiers', 'ids'], []);
        return json(200, { meldingen: filter === 'ids' ? store.meldingenByIds(values) : store.meldingenByDossiers(values) });
      }
      case '/api/v1/doorverwijzingen': {
        const [filter, values] = onlyFilter(url.searchParams, ['dossiers', 'ids'], []);
        const doorverwijzingen = filter === 'ids' ? store.doorverwijzingenByIds(values) : store.doorverwijzingenByDossiers(values);
        return json(200, { doorverwijzingen });
      }
      default: return fout(404, 'NIET_GEVONDEN', 'Onbekend pad.');
    }
  } catch (error) {
    if (error instanceof BadRequest) return fout(400, error.code, error.message);
    throw error;
  }
}

function dossiers(store: AshgStore, params: URLSearchParams): MockReply {
  const [filter, values] = onlyFilter(params, ['gemeente', 'ids', 'bsn'], ['offset', 'limiet']);
  if (filter === 'ids') return json(200, { dossiers: store.dossiersByIds(values) });
  if (filter === 'bsn') return json(200, { dossiers: store.dossiersByBsns(values) });
  const offset = integer(params.get('offset'), 0, 'offset');
  const limiet = limietOf(params);
  const all = store.dossiersOfGemeente(params.get('gemeente') ?? '');
  return json(200, { totaal: all.length, offset, limiet, dossiers: all.slice(offset, offset + limiet) });
}

/** The change feed: without `sinds`, where it stands now; with it, the changes after it. */
function wijzigingen(changes: AshgChangeLog, params: URLSearchParams): MockReply {
  knownOnce(params, ['sinds', 'limiet']);
  const limiet = limietOf(params);
  const sinds = params.get('sinds');
  if (sinds === null) return json(200, { wijzigingen: [], laatsteVolgnummer: changes.position(), meer: false } satisfies WireWijzigingenPagina);
  const page = changes.since(integer(sinds, 0, 'sinds'), limiet);
  return page ? json(200, page) : fout(410, 'VOLGNUMMER_ONBEKEND', 'Dit volgnummer is niet (meer) bekend; haal alle dossiers opnieuw op.');
}

/** The page size asked for, 1 to ASHG_PAGE_LIMIT; default DEFAULT_PAGE_SIZE. */
function limietOf(params: URLSearchParams): number {
  const limiet = integer(params.get('limiet'), DEFAULT_PAGE_SIZE, 'limiet');
  if (limiet < 1 || limiet > ASHG_PAGE_LIMIT) throw new BadRequest('LIMIET_OVERSCHREDEN', `limiet moet 1 t/m ${ASHG_PAGE_LIMIT} zijn.`);
  return limiet;
}

/** Refuses a parameter the operation does not know, and one given twice. */
function knownOnce(params: URLSearchParams, known: readonly string[]): void {
  for (const name of new Set(params.keys())) {
    if (!known.includes(name)) throw new BadRequest('ONGELDIGE_VRAAG', `Onbekende parameter ${name}.`);
    if (params.getAll(name).length > 1) throw new BadRequest('ONGELDIGE_VRAAG', `Parameter ${name} staat er meer dan eens.`);
  }
}

/**
 * The one filter a call gives, with its values: a name like `gemeente` takes one value, the others a
 * comma-separated list of at most ASHG_BATCH_LIMIT. Paging parameters are allowed only with `gemeente`.
 */
function onlyFilter(params: URLSearchParams, filters: readonly string[], paging: readonly string[]): [string, string[]] {
  knownOnce(params, [...filters, ...paging]);
  const given = filters.filter((name) => params.has(name));
  const [filter] = given;
  if (given.length !== 1 || filter === undefined) throw new BadRequest('ONGELDIGE_VRAAG', `Geef precies een van ${filters.join(', ')}.`);
  if (filter !== 'gemeente' && paging.some((name) => params.has(name))) throw new BadRequest('ONGELDIGE_VRAAG', 'Paginering alleen bij gemeente.');
  const raw = params.get(filter) ?? '';
  if (filter === 'gemeente') return [filter, [raw]];
  const values = raw.split(',').map((value) => value.trim()).filter((value) => value !== '');
  if (values.length === 0) throw new BadRequest('ONGELDIGE_VRAAG', `${filter} is leeg.`);
  if (values.length > ASHG_BATCH_LIMIT) throw new BadRequest('BATCH_TE_GROOT', `Maximaal ${ASHG_BATCH_LIMIT} waarden per vraag.`);
  return [filter, values];
}

/** A path segment as text; a broken %-escape reads as no id at all (answered 404, as the legacy API does). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

function integer(value: string | null, fallback: number, name: string): number {
  if (value === null) return fallback;
  if (!/^\d{1,9}$/.test(value)) throw new BadRequest('ONGELDIGE_VRAAG', `${name} is geen geheel getal.`);
  return Number(value);
}

class BadRequest extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

function json(status: number, body: unknown): MockReply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

function fout(status: number, code: string, melding: string): MockReply {
  return json(status, { fout: { code, melding } } satisfies WireFout);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
