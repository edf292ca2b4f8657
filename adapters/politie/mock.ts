/**
 * A runnable mock of the police's zorgmelding export and key mapping, serving the world as the
 * police hold it: HTTP Basic, CSV both ways, at most 100 keys a call (400 above), the date-range
 * export in pages of whole zorgmeldingen with `X-Volgende-Pagina`, and 404 for an unknown number.
 * Testers add and remove zorgmeldingen through `records`; the daily delta export lists those changes and
 * what the inbound operations filed (issue 12).
 */
import type { IncomingMessage } from 'node:http';
import type { MockKnobs } from '#kit/contract.ts';
import { startMockServer, type MockEndpoint, type MockReply, type MockServer } from '#mock-world/mock-server.ts';
import { WORLD_AGENCIES, createWorld, type World } from '#mock-world/index.ts';
import { CsvShapeError, decodeCsv, encodeExport, encodeVertaling } from './csv.ts';
import { createPolitieMockStore, type PolitieMockStore } from './mock-store.ts';
import { isPolitieInboundPath, receivePolitieInbound } from './mock-inbound.ts';
import { applyReceived } from './mock-received.ts';
import { delta, politieRecordControl } from './mock-delta.ts';
import { createActLedger } from '#mock-world/act-ledger.ts';
import { POLITIE_BATCH_LIMIT, VOLGENDE_PAGINA_HEADER, type Sleutelpaar, type WireZorgmelding } from './wire-types.ts';

export interface PolitieMockOptions {
  /** The population served. Default `createWorld()` (the six scenarios). */
  readonly world?: World;
  /**
   * The police unit whose system this is: the mock serves the world's cases filed under this id and
   * reports it as its agency. Default WORLD_AGENCIES.politie (`politie-noord-nederland`).
   */
  readonly agencyId?: string;
  readonly knobs?: MockKnobs;
  /** Default 0 (any free port). */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** HTTP Basic user name the mock accepts. Default `gateway`. */
  readonly username?: string;
  /** HTTP Basic password the mock accepts. Default `politie-dev-secret`. */
  readonly password?: string;
  /** Zorgmeldingen per page of the date-range export. Default 100. */
  readonly pageSize?: number;
}

/** The police's export and key mapping as the mock serves them (specified in export.md); HTTP Basic on every call. */
export const POLITIE_MOCK_ENDPOINTS: readonly MockEndpoint[] = [
  { method: 'GET', path: '/export/zorgmeldingen.csv?van=&tot=&pagina=', does: 'zorgmeldingen registered between two dates, pages with X-Volgende-Pagina' },
  { method: 'GET', path: '/export/zorgmeldingen/delta.csv?vanaf=&maximum=', does: `mutaties from a mutatienummer on (at most ${POLITIE_BATCH_LIMIT}), X-Volgende-Vanaf and X-Meer-Mutaties; without vanaf where it stands` },
  { method: 'GET', path: '/export/zorgmeldingen/{registratienummer}.csv', does: 'one zorgmelding, 404 when unknown' },
  { method: 'POST', path: '/export/zorgmeldingen.csv', does: `zorgmeldingen by persoonssleutels or registratienummers (form, at most ${POLITIE_BATCH_LIMIT})` },
  { method: 'POST', path: '/sleutels/vertaling', does: 'key mapping: CSV of bsn or persoonssleutel in, CSV of pairs out' },
  { method: 'POST', path: '/doorverwijzingen/antwoorden', does: 'receives the answer to a doorverwijzing of the police (CSV, once per handeling_id)' },
  { method: 'POST', path: '/terugkoppelingen', does: 'receives feedback on a zorgmelding: status and receiving organisation (CSV, once per handeling_id)' },
];

/** A police export cut off mid-row, with the wrong columns: what a crashed export job leaves. */
const MALFORMED = '\uFEFF"registratienummer";"datum"\r\n"ZM-2026-00';
const CSV = { 'content-type': 'text/csv; charset=utf-8' };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function startPolitieMock(options: PolitieMockOptions = {}): Promise<MockServer> {
  const agencyId = options.agencyId ?? WORLD_AGENCIES.politie;
  const store = createPolitieMockStore(options.world ?? createWorld(), agencyId);
  const expected = `Basic ${Buffer.from(`${options.username ?? 'gateway'}:${options.password ?? 'politie-dev-secret'}`).toString('base64')}`;
  const pageSize = options.pageSize ?? 100;
  const ledger = createActLedger();
  return startMockServer({
    agencyId,
    ledger,
    records: politieRecordControl(store, agencyId),
    endpoints: POLITIE_MOCK_ENDPOINTS,
    malformedBody: MALFORMED,
    knobs: options.knobs ?? {},
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: options.port }),
    handle(request: IncomingMessage, body: string, url: URL): MockReply | null {
      if (request.headers.authorization !== expected) {
        return { status: 401, headers: { 'www-authenticate': 'Basic realm="Zorgmelding export"', 'content-type': 'text/plain' }, body: 'Unauthorized' };
      }
      // Before the single zorgmelding, whose path pattern `delta` would match too (it is no registratienummer).
      if (url.pathname === '/export/zorgmeldingen/delta.csv' && request.method === 'GET') return delta(store, url);
      const single = /^\/export\/zorgmeldingen\/([^/]+)\.csv$/.exec(url.pathname);
      if (single && request.method === 'GET') {
        const zorgmelding = store.byNummer(decodeURIComponent(single[1] ?? ''));
        return zorgmelding ? csv(exportOf([zorgmelding])) : null;
      }
      if (url.pathname === '/export/zorgmeldingen.csv' && request.method === 'GET') return periode(store, url, pageSize);
      if (url.pathname === '/export/zorgmeldingen.csv' && request.method === 'POST') return byKeys(store, body);
      if (url.pathname === '/sleutels/vertaling' && request.method === 'POST') return vertaling(store, body);
      if (isPolitieInboundPath(url.pathname) && request.method === 'POST') {
        return receivePolitieInbound(ledger, url.pathname, body, (operation, row) => applyReceived(store, operation, row));
      }
      return null;
    },
  });
}

function periode(store: PolitieMockStore, url: URL, pageSize: number): MockReply {
  const van = url.searchParams.get('van') ?? '';
  const tot = url.searchParams.get('tot') ?? '';
  const pagina = Number(url.searchParams.get('pagina') ?? '1');
  if (!ISO_DATE.test(van) || !ISO_DATE.test(tot) || !Number.isInteger(pagina) || pagina < 1) return badRequest('van, tot (jjjj-mm-dd) en pagina verplicht');
  const all = store.inPeriode(van, tot);
  const page = all.slice((pagina - 1) * pageSize, pagina * pageSize);
  const more = pagina * pageSize < all.length;
  return { ...csv(exportOf(page)), headers: { ...CSV, ...(more ? { [VOLGENDE_PAGINA_HEADER]: String(pagina + 1) } : {}) } };
}

function byKeys(store: PolitieMockStore, body: string): MockReply {
  const form = new URLSearchParams(body);
  const sleutels = list(form.get('persoonssleutels'));
  const nummers = list(form.get('registratienummers'));
  if ((sleutels.length === 0) === (nummers.length === 0)) return badRequest('geef persoonssleutels of registratienummers');
  if (sleutels.length > POLITIE_BATCH_LIMIT || nummers.length > POLITIE_BATCH_LIMIT) return badRequest(`maximaal ${POLITIE_BATCH_LIMIT} sleutels`);
  const found = new Map<string, WireZorgmelding>();
  for (const sleutel of sleutels) for (const z of store.bySleutel(sleutel)) found.set(z.registratienummer, z);
  for (const nummer of nummers) {
    const z = store.byNummer(nummer);
    if (z) found.set(nummer, z);
  }
  return csv(exportOf([...found.values()]));
}

function vertaling(store: PolitieMockStore, body: string): MockReply {
  const column = /^\uFEFF?"?bsn"?\r?\n/.test(body) ? 'bsn' : 'persoonssleutel';
  let values: string[];
  try {
    values = decodeCsv(body, [column]).map((row) => row[column]);
  } catch (error) {
    if (error instanceof CsvShapeError) return badRequest('kolom bsn of persoonssleutel verwacht');
    throw error;
  }
  if (values.length > POLITIE_BATCH_LIMIT) return badRequest(`maximaal ${POLITIE_BATCH_LIMIT} regels`);
  const pairs = values
    .map((value) => (column === 'bsn' ? store.pairByBsn(value) : store.pairBySleutel(value)))
    .filter((pair): pair is Sleutelpaar => pair !== undefined);
  return csv(encodeVertaling(pairs));
}

function exportOf(zorgmeldingen: readonly WireZorgmelding[]): string {
  return encodeExport(zorgmeldingen.flatMap((z) => z.rijen));
}

function list(value: string | null): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
}

function csv(body: string): MockReply {
  return { status: 200, headers: CSV, body };
}

function badRequest(message: string): MockReply {
  return { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: message };
}
