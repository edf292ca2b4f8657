import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeExport } from '../../../adapters/politie/csv.ts';
import type { ZorgmeldingRij } from '../../../adapters/politie/wire-types.ts';
import { politieAdapter, scope, type TestAdapter } from './context.ts';
import { sampleBsn, sampleRows } from './sample.ts';

const BASE = 'http://politie.test';
const AUTHORIZATION = `Basic ${Buffer.from('gateway:politie-dev-secret').toString('base64')}`;
const CSV_REPLY = { 'content-type': 'text/csv; charset=utf-8' };
const BOM = '\uFEFF';
const [B1, B2, B3, B4, B5] = [1, 2, 3, 4, 5].map(sampleBsn) as [string, string, string, string, string];

/** The key-mapping answer, written out by hand rather than by the codec under test. */
function vertaling(pairs: readonly (readonly [string, string])[]): string {
  return `${BOM}"bsn";"persoonssleutel"\r\n${pairs.map(([bsn, key]) => `"${bsn}";"${key}"\r\n`).join('')}`;
}
function vertaalverzoek(column: string, values: readonly string[]): string {
  return `${BOM}"${column}"\r\n${values.map((value) => `"${value}"\r\n`).join('')}`;
}
const exportOf = (...zorgmeldingen: ZorgmeldingRij[][]) => encodeExport(zorgmeldingen.flat());

let t: TestAdapter;
const api = () => nock(BASE, { reqheaders: { authorization: AUTHORIZATION, accept: 'text/csv' } });

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(() => { t = politieAdapter(BASE); });
afterEach(async () => {
  // Clean up before asserting, so one failing test does not leave interceptors to the next.
  const pending = nock.pendingMocks();
  nock.cleanAll();
  await t.close();
  expect(pending).toEqual([]);
});

const ZM1 = sampleRows('ZM-2026-000001', [{ sleutel: 'PKA0001', naam: 'Fatima' }, { sleutel: 'PKA0002', naam: 'Noah', minor: true }]);
const ZM2 = sampleRows('ZM-2026-000002', [{ sleutel: 'PKB0001', naam: 'Henk' }]);

describe('politie client: single lookups', () => {
  it('report: GET of one zorgmelding with Basic auth, then the key mapping for its betrokkenen', async () => {
    api().get('/export/zorgmeldingen/ZM-2026-000001.csv').reply(200, exportOf(ZM1), CSV_REPLY);
    api().post('/sleutels/vertaling', vertaalverzoek('persoonssleutel', ['PKA0001', 'PKA0002']))
      .matchHeader('content-type', 'text/csv; charset=utf-8')
      .reply(200, vertaling([[B1, 'PKA0001'], [B2, 'PKA0002']]), CSV_REPLY);
    const report = await t.adapter.createLoaders(scope()).report.load('ZM-2026-000001');
    expect(report).toMatchObject({
      localId: 'ZM-2026-000001', receivedAt: '2026-09-12T23:40:00+02:00', kind: 'POLICE_CARE_REPORT',
      childInvolvement: [{ childBsn: B2, role: 'DIRECT_VICTIM' }],
    });
  });

  it('household, report and children of one zorgmelding in one request: one export call, one key-mapping call', async () => {
    api().get('/export/zorgmeldingen/ZM-2026-000001.csv').reply(200, exportOf(ZM1), CSV_REPLY);
    api().post('/sleutels/vertaling', vertaalverzoek('persoonssleutel', ['PKA0001', 'PKA0002']))
      .reply(200, vertaling([[B1, 'PKA0001'], [B2, 'PKA0002']]), CSV_REPLY);
    const loaders = t.adapter.createLoaders(scope());
    const [household, reports, children] = await Promise.all([
      loaders.household.load('ZM-2026-000001'), loaders.reportsByHousehold.load('ZM-2026-000001'),
      loaders.childrenByHousehold.load('ZM-2026-000001'),
    ]);
    expect(household?.members.map((member) => member.bsn)).toEqual([B1, B2]);
    expect(reports).toHaveLength(1);
    expect(children.map((child) => child.bsn)).toEqual([B2]);
    expect(t.http.stats().calls).toBe(2);
  });

  it('involvement and referral need no BSN: the export call only', async () => {
    api().get('/export/zorgmeldingen/ZM-2026-000001.csv').reply(200, exportOf(ZM1), CSV_REPLY);
    const loaders = t.adapter.createLoaders(scope());
    const [involvement, referral] = await Promise.all([
      loaders.involvementByHousehold.load('ZM-2026-000001'), loaders.referral.load('ZM-2026-000001-V1'),
    ]);
    expect(involvement).toMatchObject({ phase: 'REFERRED', since: '2026-09-12' });
    expect(referral).toMatchObject({ localId: 'ZM-2026-000001-V1', toAgencyId: 'amk-groningen', kind: 'POLICE_TO_AMK' });
  });

  it('404 of a single zorgmelding is null or [] without a key-mapping call', async () => {
    api().get('/export/zorgmeldingen/ZM-2026-999999.csv').times(3).reply(404, 'Not Found');
    const loaders = t.adapter.createLoaders(scope());
    expect(await loaders.household.load('ZM-2026-999999')).toBeNull();
    expect(await t.adapter.createLoaders(scope()).childrenByHousehold.load('ZM-2026-999999')).toEqual([]);
    expect(await t.adapter.createLoaders(scope()).referral.load('ZM-2026-999999-V1')).toBeNull();
  });

  it('a referral id that is no doorverwijsnummer is null without any call', async () => {
    expect(await t.adapter.createLoaders(scope()).referral.load('bjz-aanmelding-5120')).toBeNull();
    expect(t.http.stats().calls).toBe(0);
  });

  it('passes the request scope signal down', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(t.adapter.createLoaders({ signal: controller.signal }).household.load('ZM-2026-000001')).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(t.http.stats().calls).toBe(0);
  });
});

describe('politie client: batching', () => {
  it('N numbers -> one POST of the export (idempotent form body), unknown ones null', async () => {
    api().post('/export/zorgmeldingen.csv', 'registratienummers=ZM-2026-000001,ZM-2026-000002,ZM-2026-000003')
      .matchHeader('content-type', 'application/x-www-form-urlencoded')
      .reply(200, exportOf(ZM2, ZM1), CSV_REPLY);
    api().post('/sleutels/vertaling', vertaalverzoek('persoonssleutel', ['PKA0001', 'PKA0002', 'PKB0001']))
      .reply(200, vertaling([[B1, 'PKA0001'], [B2, 'PKA0002'], [B3, 'PKB0001']]), CSV_REPLY);
    const loaders = t.adapter.createLoaders(scope());
    const households = await loaders.household.loadMany(['ZM-2026-000001', 'ZM-2026-000002', 'ZM-2026-000003']);
    expect(households.map((h) => (h && !(h instanceof Error) ? h.localId : h))).toEqual(['ZM-2026-000001', 'ZM-2026-000002', null]);
  });

  it('more keys than the batch limit of 100 -> ceil(N/100) calls', async () => {
    const keys = Array.from({ length: 250 }, (_, index) => `ZM-2026-${String(index).padStart(6, '0')}`);
    for (let start = 0; start < 250; start += 100) {
      api().post('/export/zorgmeldingen.csv', `registratienummers=${keys.slice(start, start + 100).join(',')}`)
        .reply(200, encodeExport([]), CSV_REPLY);
    }
    const involvements = await t.adapter.createLoaders(scope()).involvementByHousehold.loadMany(keys);
    expect(involvements.every((value) => value === null)).toBe(true);
    expect(t.adapter.maxBatchSize).toBe(100);
    expect(t.http.stats().calls).toBe(3);
  });

  it('householdsByBsn: three calls per batch (BSN -> keys, export by keys, co-members\' keys -> BSN)', async () => {
    api().post('/sleutels/vertaling', vertaalverzoek('bsn', [B1, B3, B5])).reply(200, vertaling([[B1, 'PKA0001'], [B3, 'PKB0001']]), CSV_REPLY);
    api().post('/export/zorgmeldingen.csv', 'persoonssleutels=PKA0001,PKB0001').reply(200, exportOf(ZM1, ZM2), CSV_REPLY);
    // Only the co-member: the searched persons' keys are known from the first call.
    api().post('/sleutels/vertaling', vertaalverzoek('persoonssleutel', ['PKA0002'])).reply(200, vertaling([[B2, 'PKA0002']]), CSV_REPLY);
    const results = await t.adapter.createLoaders(scope()).householdsByBsn.loadMany([B1, B3, B5, 'not-a-bsn']);
    expect(results.map((list) => (list instanceof Error ? list : list.map((h) => [h.localId, h.members.map((m) => m.bsn)])))).toEqual([
      [['ZM-2026-000001', [B1, B2]]],
      [['ZM-2026-000002', [B3]]],
      [],
      [],
    ]);
    expect(t.http.stats().calls).toBe(3);
  });
});

describe('politie client: listHouseholds walks the date-range export', () => {
  it('follows X-Volgende-Pagina over two years back from the clock and keeps the wanted gemeenten', async () => {
    const window = { van: '2024-12-31', tot: '2026-12-31' };
    const elsewhere = sampleRows('ZM-2026-000009', [{ sleutel: 'PKC0001', naam: 'Ingrid' }], 'Assen');
    const later = sampleRows('ZM-2026-000010', [{ sleutel: 'PKD0001', naam: 'Marco' }], 'Groningen');
    api().get('/export/zorgmeldingen.csv').query({ ...window, pagina: '1' })
      .reply(200, exportOf(ZM1, elsewhere), { ...CSV_REPLY, 'X-Volgende-Pagina': '2' });
    api().get('/export/zorgmeldingen.csv').query({ ...window, pagina: '2' }).reply(200, exportOf(later), CSV_REPLY);
    api().post('/sleutels/vertaling', vertaalverzoek('persoonssleutel', ['PKA0001', 'PKA0002', 'PKD0001']))
      .reply(200, vertaling([[B1, 'PKA0001'], [B2, 'PKA0002'], [B4, 'PKD0001']]), CSV_REPLY);
    const households = await t.adapter.listHouseholds(['Groningen', 'Oldambt'], scope());
    expect(households.map((h) => [h.localId, h.municipality, h.members.map((m) => m.bsn)])).toEqual([
      ['ZM-2026-000001', 'Groningen', [B1, B2]],
      ['ZM-2026-000010', 'Groningen', [B4]],
    ]);
  });

  it("reconcileHouseholds searches the export over the registers' whole history: thirty years back", async () => {
    const history = { van: '1996-12-31', tot: '2026-12-31' };
    const old = sampleRows('ZM-2019-000004', [{ sleutel: 'PKD0001', naam: 'Marco' }], 'Groningen');
    api().get('/export/zorgmeldingen.csv').query({ ...history, pagina: '1' }).reply(200, exportOf(old, ZM1), CSV_REPLY);
    api().post('/sleutels/vertaling', vertaalverzoek('persoonssleutel', ['PKD0001', 'PKA0001', 'PKA0002']))
      .reply(200, vertaling([[B4, 'PKD0001'], [B1, 'PKA0001'], [B2, 'PKA0002']]), CSV_REPLY);
    const households = await t.adapter.reconcileHouseholds!(['Groningen'], scope());
    expect(households.map((h) => h.localId)).toEqual(['ZM-2019-000004', 'ZM-2026-000001']);
  });

  it('a next page that does not move forward is a bad response, not an endless walk', async () => {
    api().get('/export/zorgmeldingen.csv').query(true).reply(200, exportOf(ZM1), { ...CSV_REPLY, 'X-Volgende-Pagina': '1' });
    await expect(t.adapter.listHouseholds(['Groningen'], scope())).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });
});

describe('politie client: failures', () => {
  it.each([401, 403])('%i -> UPSTREAM_UNAUTHORIZED', async (status) => {
    api().get('/export/zorgmeldingen/ZM-2026-000001.csv').reply(status, 'Unauthorized');
    await expect(t.adapter.createLoaders(scope()).household.load('ZM-2026-000001')).rejects.toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', status });
  });

  it('a refused key mapping -> UPSTREAM_UNAUTHORIZED for the household', async () => {
    api().get('/export/zorgmeldingen/ZM-2026-000001.csv').reply(200, exportOf(ZM1), CSV_REPLY);
    api().post('/sleutels/vertaling').reply(401, 'Unauthorized');
    await expect(t.adapter.createLoaders(scope()).household.load('ZM-2026-000001')).rejects.toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED' });
  });

  it.each([
    ['an unexpected status', 400, 'maximaal 100 sleutels'],
    ['a truncated CSV', 200, `${BOM}"registratienummer";"datum"\r\n"ZM-2026-00`],
    ['an HTML error page', 200, '<html><body>Storing</body></html>'],
    ['a row without registratienummer', 200, encodeExport([{ ...ZM1[0]!, registratienummer: '' }])],
  ])('%s -> UPSTREAM_BAD_RESPONSE', async (_name, status, body) => {
    api().get('/export/zorgmeldingen/ZM-2026-000001.csv').reply(status, body, CSV_REPLY);
    await expect(t.adapter.createLoaders(scope()).involvementByHousehold.load('ZM-2026-000001')).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });

  it('a malformed zorgmelding fails its own key only', async () => {
    const broken = ZM2.map((row) => ({ ...row, status: 'ONBEKEND' }));
    api().post('/export/zorgmeldingen.csv', 'registratienummers=ZM-2026-000001,ZM-2026-000002').reply(200, exportOf(ZM1, broken), CSV_REPLY);
    const [good, bad] = await t.adapter.createLoaders(scope()).involvementByHousehold.loadMany(['ZM-2026-000001', 'ZM-2026-000002']);
    expect(good).toMatchObject({ localId: 'ZM-2026-000001' });
    expect(bad).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });

  it('a malformed key-mapping row fails only the households of that person', async () => {
    api().post('/export/zorgmeldingen.csv', 'registratienummers=ZM-2026-000001,ZM-2026-000002').reply(200, exportOf(ZM1, ZM2), CSV_REPLY);
    api().post('/sleutels/vertaling', vertaalverzoek('persoonssleutel', ['PKA0001', 'PKA0002', 'PKB0001']))
      .reply(200, vertaling([[B1, 'PKA0001'], ['12345', 'PKA0002'], [B3, 'PKB0001']]), CSV_REPLY);
    const [first, second] = await t.adapter.createLoaders(scope()).household.loadMany(['ZM-2026-000001', 'ZM-2026-000002']);
    expect(first).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    expect(second).toMatchObject({ localId: 'ZM-2026-000002', members: [{ bsn: B3 }] });
  });
});
