import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createAshgAdapter, type AshgOptions } from '#adapters/ashg/index.ts';
import { nockedRecordingHttp, type RecordingHttp } from './recording-http.ts';
import { testContext, testScope } from './context.ts';
import { BSN, doorverwijzing, dossier, expectedHousehold, expectedReferral, expectedReport, melding } from './wire-samples.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';

const BASE = 'http://ashg.test';
const KEY = 'test-key';
const JSON_HEADERS = { 'content-type': 'application/json' };

function upstream(): nock.Scope {
  // Every call must carry the API key and ask for JSON.
  return nock(BASE, { reqheaders: { 'x-api-key': KEY, accept: 'application/json' } });
}

const recordingHttp = nockedRecordingHttp(BASE);

function adapter(options: Partial<AshgOptions> = {}, http: RecordingHttp = recordingHttp()) {
  return createAshgAdapter(testContext(http), { apiKey: KEY, agencyCodes: WORLD_AGENCY_CODES, ...options });
}

function dossierWithId(id: string): Record<string, unknown> {
  return { ...dossier(), dossiernummer: id, kinderen: [] };
}

describe('ASHG client: the legacy requests of each loader', () => {
  it('looks dossiers up in one batch call, and household, children and involvement share it', async () => {
    upstream().get('/api/v1/dossiers').query({ ids: 'D-2026-000101,D-9' }).reply(200, { dossiers: [dossier()] }, JSON_HEADERS);
    const loaders = adapter().createLoaders(testScope());
    const [household, unknown, children, involvement] = await Promise.all([
      loaders.household.load('D-2026-000101'), loaders.household.load('D-9'),
      loaders.childrenByHousehold.load('D-2026-000101'), loaders.involvementByHousehold.load('D-9'),
    ]);
    expect(household).toEqual(expectedHousehold);
    expect(unknown).toBeNull();
    expect(children).toHaveLength(1);
    expect(involvement).toBeNull();
  });

  it('asks for a single dossier by its own URL and reads 404 as unknown', async () => {
    upstream().get('/api/v1/dossiers/D-2026-000101').reply(200, dossier(), JSON_HEADERS);
    upstream().get('/api/v1/dossiers/D%2F1').reply(404, { fout: { code: 'NIET_GEVONDEN', melding: 'Dossier niet gevonden.' } });
    const loaders = adapter().createLoaders(testScope());
    expect(await loaders.household.load('D-2026-000101')).toEqual(expectedHousehold);
    expect(await loaders.household.load('D/1')).toBeNull();
  });

  it('refuses another dossier than the one its URL names', async () => {
    upstream().get('/api/v1/dossiers/D-1').reply(200, dossierWithId('D-2'), JSON_HEADERS);
    await expect(adapter().createLoaders(testScope()).household.load('D-1')).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });

  it('finds dossiers by BSN and primes the dossier loader with them', async () => {
    upstream().get('/api/v1/dossiers').query({ bsn: `${BSN.anna},${BSN.sanne},900000119` })
      .reply(200, { dossiers: [dossier()] }, JSON_HEADERS);
    const loaders = adapter().createLoaders(testScope());
    const [anna, sanne, stranger] = await loaders.householdsByBsn.loadMany([BSN.anna, BSN.sanne, '900000119']);
    expect(anna).toEqual([expectedHousehold]);
    expect(sanne).toEqual([expectedHousehold]);
    expect(stranger).toEqual([]);
    // No interceptor left: answered from the primed cache.
    expect(await loaders.involvementByHousehold.load('D-2026-000101')).toMatchObject({ phase: 'HANDED_OVER_TO_AMK' });
  });

  it('reads meldingen by dossier and by id', async () => {
    upstream().get('/api/v1/meldingen').query({ dossiers: 'D-2026-000101,D-9' }).reply(200, { meldingen: [melding()] }, JSON_HEADERS);
    upstream().get('/api/v1/meldingen').query({ ids: 'M-404' }).reply(200, { meldingen: [] }, JSON_HEADERS);
    const loaders = adapter().createLoaders(testScope());
    expect(await loaders.reportsByHousehold.loadMany(['D-2026-000101', 'D-9'])).toEqual([[expectedReport], []]);
    expect(await loaders.report.load('M-2026-000101')).toEqual(expectedReport);
    expect(await loaders.report.load('M-404')).toBeNull();
  });

  it('reads doorverwijzingen by dossier and by id', async () => {
    upstream().get('/api/v1/doorverwijzingen').query({ dossiers: 'D-2026-000101' }).reply(200, { doorverwijzingen: [doorverwijzing()] });
    upstream().get('/api/v1/doorverwijzingen').query({ ids: 'V-2026-000102,V-1' }).reply(200, { doorverwijzingen: [doorverwijzing()] });
    const loaders = adapter().createLoaders(testScope());
    expect(await loaders.referralsByHousehold.load('D-2026-000101')).toEqual([expectedReferral]);
    // A fresh request scope: nothing primed, so the by-id call happens.
    const fresh = adapter().createLoaders(testScope());
    expect(await fresh.referral.loadMany(['V-2026-000102', 'V-1'])).toEqual([expectedReferral, null]);
  });

  it('passes the request scope\'s signal down to every call', async () => {
    upstream().get('/api/v1/meldingen').query({ ids: 'M-1' }).reply(200, { meldingen: [] });
    const http = recordingHttp();
    const scope = testScope();
    await adapter({}, http).createLoaders(scope).report.load('M-1');
    expect(http.sent.map((request) => request.signal)).toEqual([scope.signal]);
  });

  it('answers keys no legacy list can carry without asking', async () => {
    const loaders = adapter().createLoaders(testScope());
    expect(await loaders.household.loadMany(['D-1,D-2', '', ' D-3'])).toEqual([null, null, null]);
    expect(await loaders.householdsByBsn.load(`${BSN.anna},${BSN.bram}`)).toEqual([]);
  });
});

describe('ASHG client: batching', () => {
  it('sends up to 50 keys in one call and splits larger batches', async () => {
    const ids = Array.from({ length: 120 }, (_, index) => `D-${String(index).padStart(3, '0')}`);
    for (const chunk of [ids.slice(0, 50), ids.slice(50, 100), ids.slice(100)]) {
      upstream().get('/api/v1/dossiers').query({ ids: chunk.join(',') })
        .reply(200, { dossiers: chunk.map(dossierWithId) }, JSON_HEADERS);
    }
    const households = await adapter().createLoaders(testScope()).household.loadMany(ids);
    expect(households.map((household) => (household as { localId: string }).localId)).toEqual(ids);
  });

  it('fails only the key whose record is broken', async () => {
    const broken = { ...dossierWithId('D-2'), faseSinds: '2026-13-01' };
    upstream().get('/api/v1/dossiers').query({ ids: 'D-1,D-2' }).reply(200, { dossiers: [dossierWithId('D-1'), broken] });
    const [good, bad] = await adapter().createLoaders(testScope()).household.loadMany(['D-1', 'D-2']);
    expect(good).toMatchObject({ localId: 'D-1' });
    expect(bad).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', message: expect.stringContaining('faseSinds') });
  });

  it('fails every unmatched key when a record cannot be attributed, rather than calling it unknown', async () => {
    upstream().get('/api/v1/dossiers').query({ ids: 'D-1,D-2' }).reply(200, { dossiers: [dossierWithId('D-1'), { fase: 'monitoring' }] });
    const [found, unsure] = await adapter().createLoaders(testScope()).household.loadMany(['D-1', 'D-2']);
    expect(found).toMatchObject({ localId: 'D-1' });
    expect(unsure).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });

  it('fails every key of a grouped lookup when a melding names no dossier', async () => {
    upstream().get('/api/v1/meldingen').query({ dossiers: 'D-2026-000101,D-2' })
      .reply(200, { meldingen: [melding(), { ...melding(), dossiernummer: null }] });
    const results = await adapter().createLoaders(testScope()).reportsByHousehold.loadMany(['D-2026-000101', 'D-2']);
    expect(results).toEqual([expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE' }), expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE' })]);
  });

  it('refuses two records under one id', async () => {
    upstream().get('/api/v1/meldingen').query({ ids: 'M-2026-000101,M-2' })
      .reply(200, { meldingen: [melding(), melding(), { ...melding(), meldingnummer: 'M-2' }] });
    const [twice, once] = await adapter().createLoaders(testScope()).report.loadMany(['M-2026-000101', 'M-2']);
    expect(twice).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    expect(once).toMatchObject({ localId: 'M-2' });
  });
});

describe('ASHG client: listHouseholds walks the offset pagination', () => {
  it('asks page after page until totaal, per municipality', async () => {
    const page = (offset: number, ids: string[]) => ({ totaal: 5, offset, limiet: 2, dossiers: ids.map(dossierWithId) });
    upstream().get('/api/v1/dossiers').query({ gemeente: 'Groningen', offset: '0', limiet: '2' }).reply(200, page(0, ['D-1', 'D-2']));
    upstream().get('/api/v1/dossiers').query({ gemeente: 'Groningen', offset: '2', limiet: '2' }).reply(200, page(2, ['D-3', 'D-4']));
    upstream().get('/api/v1/dossiers').query({ gemeente: 'Groningen', offset: '4', limiet: '2' }).reply(200, page(4, ['D-5']));
    upstream().get('/api/v1/dossiers').query({ gemeente: 'Oldambt', offset: '0', limiet: '2' })
      .reply(200, { totaal: 0, offset: 0, limiet: 2, dossiers: [] });
    const households = await adapter({ pageSize: 2 }).listHouseholds(['Groningen', 'Oldambt', 'Groningen'], testScope());
    expect(households.map((household) => household.localId)).toEqual(['D-1', 'D-2', 'D-3', 'D-4', 'D-5']);
  });

  it('uses the largest page the ASHG serves by default', async () => {
    upstream().get('/api/v1/dossiers').query({ gemeente: 'Pekela', offset: '0', limiet: '100' })
      .reply(200, { totaal: 1, offset: 0, limiet: 100, dossiers: [dossierWithId('D-1')] });
    expect(await adapter().listHouseholds(['Pekela'], testScope())).toHaveLength(1);
  });

  it.each([
    ['a page for another offset', { totaal: 3, offset: 2, limiet: 2, dossiers: [] }],
    ['an empty page before the end', { totaal: 3, offset: 0, limiet: 2, dossiers: [] }],
    ['a page without totaal', { offset: 0, limiet: 2, dossiers: [] }],
    ['a broken dossier', { totaal: 1, offset: 0, limiet: 2, dossiers: [{ ...dossierWithId('D-1'), personen: 'Anna' }] }],
  ])('refuses %s', async (_name, body) => {
    upstream().get('/api/v1/dossiers').query({ gemeente: 'Groningen', offset: '0', limiet: '2' }).reply(200, body);
    await expect(adapter({ pageSize: 2 }).listHouseholds(['Groningen'], testScope())).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });

  it('refuses a page size the ASHG does not serve, at creation', () => {
    expect(() => adapter({ pageSize: 101 })).toThrow(/pageSize/);
    expect(() => adapter({ pageSize: 0 })).toThrow(/pageSize/);
  });
});

describe('ASHG client: statuses and bodies', () => {
  it.each([401, 403])('maps %i to UPSTREAM_UNAUTHORIZED', async (status) => {
    upstream().get('/api/v1/dossiers').query({ ids: 'D-1,D-2' }).reply(status, { fout: { code: 'NIET_GEAUTORISEERD', melding: 'Nee.' } });
    const results = await adapter().createLoaders(testScope()).household.loadMany(['D-1', 'D-2']);
    expect(results).toEqual([expect.objectContaining({ code: 'UPSTREAM_UNAUTHORIZED', status }), expect.objectContaining({ code: 'UPSTREAM_UNAUTHORIZED' })]);
  });

  it('maps a refused key on the search to UPSTREAM_UNAUTHORIZED', async () => {
    upstream().get('/api/v1/dossiers').query({ gemeente: 'Groningen', offset: '0', limiet: '100' }).reply(401, { fout: { code: 'NIET_GEAUTORISEERD', melding: 'Nee.' } });
    await expect(adapter().listHouseholds(['Groningen'], testScope())).rejects.toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', agency: 'ashg-groningen' });
  });

  it.each([
    ['an unexpected 400', 400, { fout: { code: 'BATCH_TE_GROOT', melding: 'Te veel.' } }],
    ['a 404 on a batch lookup', 404, 'Not Found'],
    ['a body that is not JSON', 200, '<html>onderhoud</html>'],
    ['truncated JSON', 200, '{"meldingen":[{"meldingnummer":"M-1'],
    ['a JSON array', 200, []],
    ['an envelope without the list', 200, { dossiers: [] }],
    ['a list that is not a list', 200, { meldingen: { 'M-1': melding() } }],
  ])('maps %s to UPSTREAM_BAD_RESPONSE', async (_name, status, body) => {
    upstream().get('/api/v1/meldingen').query({ ids: 'M-1,M-2' }).reply(status, body);
    const results = await adapter().createLoaders(testScope()).report.loadMany(['M-1', 'M-2']);
    expect(results).toEqual([expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE' }), expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE' })]);
    // The error names the route only: query strings and bodies may hold personal data.
    expect((results[0] as Error).message).not.toMatch(/M-1|onderhoud|BATCH/);
  });

  it('accepts a body with a byte-order mark, which the kit\'s HTTP keeps', async () => {
    const http: RecordingHttp = {
      sent: [],
      request: async () => ({ status: 200, headers: {}, body: `\uFEFF${JSON.stringify({ meldingen: [melding()] })}` }),
      close: async () => {},
    };
    expect(await adapter({}, http).createLoaders(testScope()).report.load('M-2026-000101')).toEqual(expectedReport);
  });
});
