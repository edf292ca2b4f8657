/**
 * The police mock against its contract: the CSV bodies against the CSV on the Web tables of
 * adapters/politie/export.csv-metadata.json (dialect, header, columns, datatypes, required, key), and the HTTP
 * side (statuses, media types, endpoints) against adapters/politie/openapi.yaml. A mock that drifts fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLITIE_MOCK_ENDPOINTS, startPolitieMock } from '#adapters/politie/mock.ts';
import { toPolitieInbound } from '#adapters/politie/deliver-mapping.ts';
import { encodeCsv } from '#adapters/politie/csv.ts';
import { ANTWOORD_KOLOMMEN, ONTVANGST_KOLOMMEN, TERUGKOPPELING_KOLOMMEN } from '#adapters/politie/wire-types.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';
import { answer, feedback } from '../act-deliveries.ts';
import { decodeCsv, encodeVertaalverzoek } from '#adapters/politie/csv.ts';
import { DELTA_KOLOMMEN, EXPORT_KOLOMMEN, VERTALING_KOLOMMEN } from '#adapters/politie/wire-types.ts';
import { createWorld } from '#mock-world/index.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { createCsvwValidator } from '../../support/csvw-validator.ts';
import { createOpenApiValidator, operationsOf } from '../../support/openapi-validator.ts';

const csvw = createCsvwValidator('adapters/politie/export.csv-metadata.json');
const http = createOpenApiValidator('adapters/politie/openapi.yaml');
const world = createWorld({ households: 80 });
const AUTH = { authorization: `Basic ${Buffer.from('gateway:politie-dev-secret').toString('base64')}` };
const EXPORT = 'export/zorgmeldingen.csv';
const DELTA = 'export/zorgmeldingen/delta.csv';
let mock: MockServer;

beforeAll(async () => {
  mock = await startPolitieMock({ world, pageSize: 10 });
});
afterAll(() => mock.close());

interface Request { readonly method?: string; readonly headers?: Record<string, string>; readonly body?: string }

async function conforming(template: string, target: string, init: Request = {}, table?: string) {
  const method = init.method ?? 'GET';
  const response = await fetch(`${mock.url}${target}`, { method, headers: init.headers ?? AUTH, ...(init.body === undefined ? {} : { body: init.body }) });
  // Not response.text(): its decoder drops the byte order mark the dialect requires.
  const body = Buffer.from(await response.arrayBuffer()).toString('utf8');
  const answer = { method, path: template, status: response.status, contentType: response.headers.get('content-type'), body };
  expect(http.problems(answer), `${method} ${target} -> ${answer.status}`).toEqual([]);
  if (table && response.status === 200) expect(csvw.problems(table, body), `${method} ${target} as ${table}`).toEqual([]);
  return { ...answer, headers: response.headers };
}

const cells = (body: string, column: string) => decodeCsv(body, [column]).map((row) => row[column] ?? '');
const form = (fields: Record<string, string>): Request => ({ method: 'POST', headers: { ...AUTH, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
const csvBody = (body: string): Request => ({ method: 'POST', headers: { ...AUTH, 'content-type': 'text/csv' }, body });

describe('police mock conforms to adapters/politie/export.csv-metadata.json and openapi.yaml', () => {
  it('the metadata, the adapter and the mock name the same columns and endpoints', () => {
    expect(csvw.columnsOf(EXPORT)).toEqual([...EXPORT_KOLOMMEN]);
    expect(csvw.columnsOf('sleutels/vertaling.csv')).toEqual([...VERTALING_KOLOMMEN]);
    const declared = [...new Set(POLITIE_MOCK_ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path.split('?')[0]}`))].sort();
    expect(declared).toEqual(operationsOf(http.document));
  });

  it('the whole export, page by page, and every zorgmelding by number, key and person conform', async () => {
    const nummers = new Set<string>();
    let pages = 0;
    for (let pagina: string | null = '1'; pagina !== null; pages++) {
      const page = await conforming('/export/zorgmeldingen.csv', `/export/zorgmeldingen.csv?van=2000-01-01&tot=2100-12-31&pagina=${pagina}`, {}, EXPORT);
      for (const nummer of cells(page.body, 'registratienummer')) nummers.add(nummer);
      pagina = page.headers.get('x-volgende-pagina');
    }
    expect(pages).toBeGreaterThan(1);
    expect(nummers.size).toBeGreaterThan(10);
    const [first] = nummers;
    await conforming('/export/zorgmeldingen/{registratienummer}.csv', `/export/zorgmeldingen/${first}.csv`, {}, EXPORT);
    const byNummer = await conforming('/export/zorgmeldingen.csv', '/export/zorgmeldingen.csv', form({ registratienummers: [...nummers].slice(0, 100).join(',') }), EXPORT);
    const sleutels = [...new Set(cells(byNummer.body, 'persoonssleutel').filter((sleutel) => sleutel !== ''))].slice(0, 100);
    await conforming('/export/zorgmeldingen.csv', '/export/zorgmeldingen.csv', form({ persoonssleutels: sleutels.join(',') }), EXPORT);

    const request = encodeVertaalverzoek('persoonssleutel', sleutels);
    expect(csvw.problems('sleutels/vertaalverzoek-persoonssleutel.csv', request)).toEqual([]);
    const pairs = await conforming('/sleutels/vertaling', '/sleutels/vertaling', csvBody(request), 'sleutels/vertaling.csv');
    const bsns = cells(pairs.body, 'bsn');
    expect(bsns.length).toBeGreaterThan(0);
    const back = encodeVertaalverzoek('bsn', bsns);
    expect(csvw.problems('sleutels/vertaalverzoek-bsn.csv', back)).toEqual([]);
    await conforming('/sleutels/vertaling', '/sleutels/vertaling', csvBody(back), 'sleutels/vertaling.csv');
  });

  it.each([
    ['no credentials', '/export/zorgmeldingen.csv', '/export/zorgmeldingen.csv?van=2026-01-01&tot=2026-12-31', { headers: {} }, 401],
    ['an unknown zorgmelding', '/export/zorgmeldingen/{registratienummer}.csv', '/export/zorgmeldingen/ZM-0000-0000.csv', {}, 404],
    ['a period without tot', '/export/zorgmeldingen.csv', '/export/zorgmeldingen.csv?van=2026-01-01', {}, 400],
    ['both key lists', '/export/zorgmeldingen.csv', '/export/zorgmeldingen.csv', form({ persoonssleutels: 'A1B2', registratienummers: 'ZM-1' }), 400],
    ['more than 100 keys', '/export/zorgmeldingen.csv', '/export/zorgmeldingen.csv', form({ registratienummers: Array.from({ length: 101 }, (_, i) => `ZM-${i}`).join(',') }), 400],
    ['a key mapping without its column', '/sleutels/vertaling', '/sleutels/vertaling', csvBody('\uFEFF"naam"\r\n"x"\r\n'), 400],
    ['a delta from a mutatienummer never given', '/export/zorgmeldingen/delta.csv', '/export/zorgmeldingen/delta.csv?vanaf=999999', {}, 400],
    ['a delta from no number', '/export/zorgmeldingen/delta.csv', '/export/zorgmeldingen/delta.csv?vanaf=gisteren', {}, 400],
    ['a delta above 100 a page', '/export/zorgmeldingen/delta.csv', '/export/zorgmeldingen/delta.csv?vanaf=1&maximum=101', {}, 400],
  ] as const)('errors conform: %s', async (_name, template, target, init, status) => {
    expect((await conforming(template, target, { ...init })).status).toBe(status);
  });

  it('the delta export: where it stands, then its mutaties page by page, conform', async () => {
    expect(csvw.columnsOf(DELTA)).toEqual([...DELTA_KOLOMMEN]);
    const stand = await conforming('/export/zorgmeldingen/delta.csv', '/export/zorgmeldingen/delta.csv', {}, DELTA);
    expect([cells(stand.body, 'mutatienummer'), stand.headers.get('x-meer-mutaties')]).toEqual([[], 'N']);
    const added = world.households.filter((household) => household.cases['politie-noord-nederland']).slice(0, 3);
    const nummers = added.map((household) => household.cases['politie-noord-nederland']!.householdLocalId);
    for (const nummer of nummers) expect(mock.records!.removeHousehold(nummer)).toBe(true);
    for (const household of added) expect(mock.records!.addHousehold(household)).not.toBeNull();
    const rows: string[] = [];
    let vanaf = stand.headers.get('x-volgende-vanaf');
    for (let meer = 'J'; meer === 'J';) {
      const page = await conforming('/export/zorgmeldingen/delta.csv', `/export/zorgmeldingen/delta.csv?vanaf=${vanaf}&maximum=4`, {}, DELTA);
      rows.push(...cells(page.body, 'soort'));
      [vanaf, meer] = [page.headers.get('x-volgende-vanaf'), page.headers.get('x-meer-mutaties') ?? ''];
    }
    expect(rows).toEqual([...nummers.map(() => 'verwijderd'), ...nummers.map(() => 'gewijzigd')]);
  });

  it('the check can fail: drifted CSV is reported', async () => {
    const page = (await conforming('/export/zorgmeldingen.csv', '/export/zorgmeldingen.csv?van=2000-01-01&tot=2100-12-31', {}, EXPORT)).body;
    expect(csvw.problems(EXPORT, page)).toEqual([]);
    const [header = '', row = ''] = page.split('\r\n');
    const drifts = [
      page.replace(/^\uFEFF/, ''),
      page.replaceAll('\r\n', '\n'),
      page.replaceAll('";"', '","'),
      page.replace('"datum_tijd_registratie"', '"registratiedatum"'),
      `${header}\r\n${row.replace(/^"[^"]*"/, '""')}\r\n`,
      `${header}\r\n${row.replace(/"(\d{2})-(\d{2})-(\d{4}) (\d{2}:\d{2}:\d{2})"/, '"$3-$2-$1T$4"')}\r\n`,
      `${header}\r\n${row.replace(/"(GEREGISTREERD|DOORGEZET|AFGESLOTEN)"/, '"ONBEKEND"')}\r\n`,
      `${header}\r\n${row}\r\n${row}\r\n`,
      page.replace(/"([^";]*)";/, '$1;'),
    ];
    for (const drifted of drifts) {
      expect(drifted).not.toBe(page);
      expect(csvw.problems(EXPORT, drifted)).not.toEqual([]);
    }
  });
  it('the receiving POSTs: request tables, receipts (201, 200 for a repeat), 400 and 503 conform', async () => {
    expect(csvw.columnsOf('doorverwijzingen/antwoord.csv')).toEqual([...ANTWOORD_KOLOMMEN]);
    expect(csvw.columnsOf('terugkoppelingen/terugkoppeling.csv')).toEqual([...TERUGKOPPELING_KOLOMMEN]);
    expect(csvw.columnsOf('ontvangst.csv')).toEqual([...ONTVANGST_KOLOMMEN]);
    const acts = [
      ['doorverwijzingen/antwoord.csv', answer('amk-groningen', 'politie-noord-nederland', { actId: 'conf-a' })],
      ['terugkoppelingen/terugkoppeling.csv', feedback('amk-groningen', 'politie-noord-nederland', { actId: 'conf-t' })],
    ] as const;
    for (const [table, act] of acts) {
      const inbound = toPolitieInbound(act, WORLD_AGENCY_CODES);
      if (!inbound) throw new Error('no inbound operation');
      const request = encodeCsv(inbound.columns, [inbound.row]);
      expect(csvw.problems(table, request), table).toEqual([]);
      const first = await conforming(inbound.path, inbound.path, csvBody(request), 'ontvangst.csv');
      const again = await conforming(inbound.path, inbound.path, csvBody(request), 'ontvangst.csv');
      expect([first.status, again.status, again.body]).toEqual([201, 200, first.body]);
      expect(csvw.problems('ontvangst.csv', first.body)).toEqual([]);
    }
    expect((await conforming('/terugkoppelingen', '/terugkoppelingen', csvBody('\uFEFF"handeling_id"\r\n"x"\r\n'))).status).toBe(400);
    mock.failInbound(1);
    const inbound = toPolitieInbound(answer('amk-groningen', 'politie-noord-nederland', { actId: 'conf-b' }), WORLD_AGENCY_CODES);
    expect((await conforming('/doorverwijzingen/antwoorden', '/doorverwijzingen/antwoorden', csvBody(encodeCsv(inbound!.columns, [inbound!.row])))).status).toBe(503);
  });

  it('what the receiving POSTs stored reads back conforming: a zorgmelding with its doorverwijzing moved and its zorgaanbieder', async () => {
    // Scenario 2's zorgmelding: BJZ answers (a new target), then the AMK gives feedback.
    const acts = [
      answer('bjz-groningen', 'politie-noord-nederland', { actId: 'conf-read-a', senderReference: 'ZM-2026-004711' }),
      feedback('amk-groningen', 'politie-noord-nederland', {
        actId: 'conf-read-t', senderReference: 'ZM-2026-004711', feedback: { phaseCategory: 'CARE', receivingAgencyId: null, receivingCareProvider: 'Kompaan' },
      }),
    ];
    for (const act of acts) {
      const inbound = toPolitieInbound(act, WORLD_AGENCY_CODES)!;
      expect((await conforming(inbound.path, inbound.path, csvBody(encodeCsv(inbound.columns, [inbound.row])), 'ontvangst.csv')).status).toBe(201);
    }
    const zorgmelding = await conforming('/export/zorgmeldingen/{registratienummer}.csv', '/export/zorgmeldingen/ZM-2026-004711.csv', {}, EXPORT);
    expect(new Set(cells(zorgmelding.body, 'doorverwijsnummer'))).toEqual(new Set(['ZM-2026-004711-V2']));
    expect(new Set(cells(zorgmelding.body, 'doorverwijsstatus'))).toEqual(new Set(['GEACCEPTEERD']));
    expect(new Set(cells(zorgmelding.body, 'zorgaanbieder'))).toEqual(new Set(['Kompaan']));
    await conforming('/export/zorgmeldingen.csv', '/export/zorgmeldingen.csv?van=2026-09-12&tot=2026-09-12&pagina=1', {}, EXPORT);
  });
});
