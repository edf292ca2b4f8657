/**
 * The exact requests the BJZ adapter sends, through the kit's real HTTP with nock in front: token
 * grant, searches, batching, pagination, the 401 refresh, and how statuses and bodies are judged.
 */
import { describe, expect, it } from 'vitest';
import { createBjzApiClient } from '#adapters/bjz/client.ts';
import { createTokenSource } from '#adapters/bjz/token-source.ts';
import { GEZIN, brother, grant, searchClients, setup, useNock } from './nock-helpers.ts';
import { CREDENTIALS, scope } from './test-context.ts';
import { BSN, wireAanmelding, wireClient, withField } from './wire-samples.ts';

useNock();

describe('loaders: the legacy requests', () => {
  it('answers household, children and involvement of a gezin from one search by gezin id', async () => {
    const { adapter, upstream } = setup();
    grant(upstream);
    searchClients(upstream, { gezinIds: [GEZIN] }).reply(200, { data: [wireClient(), brother()] });
    const loaders = adapter.createLoaders(scope());
    const [household, children, involvement] = await Promise.all([
      loaders.household.load(GEZIN), loaders.childrenByHousehold.load(GEZIN), loaders.involvementByHousehold.load(GEZIN),
    ]);
    expect(household).toMatchObject({ type: 'Household', localId: GEZIN, municipality: 'Groningen', members: [{ bsn: BSN.father }, { bsn: BSN.lisa }] });
    expect(children.map((child) => [child.localId, child.bsn])).toEqual([['bjz-gezin-7f3a-k1', BSN.lisa], ['bjz-gezin-7f3a-k2', BSN.brother]]);
    expect(involvement).toMatchObject({ localId: GEZIN, phase: 'INTAKE', since: '2026-10-06' });
  });

  it('finds households by the BSN of anyone in the gezin, one household per gezin', async () => {
    const { adapter, upstream } = setup();
    grant(upstream);
    searchClients(upstream, { bsns: [BSN.father, BSN.brother, BSN.invalid] }).reply(200, { data: [wireClient(), brother()] });
    const loaders = adapter.createLoaders(scope());
    const answers = await Promise.all([BSN.father, BSN.brother, BSN.invalid].map((bsn) => loaders.householdsByBsn.load(bsn)));
    expect(answers.map((households) => households.map((household) => household.localId))).toEqual([[GEZIN], [GEZIN], []]);
  });

  it('finds a gezin\'s referrals through its clients, each aanmelding once', async () => {
    const { adapter, upstream } = setup();
    grant(upstream);
    searchClients(upstream, { gezinIds: [GEZIN] }).reply(200, { data: [wireClient(), brother()] });
    const both = { ...wireAanmelding(), clientIds: ['bjz-gezin-7f3a-k1', 'bjz-gezin-7f3a-k2'] };
    upstream.post('/v2/aanmeldingen/zoeken', { clientIds: ['bjz-gezin-7f3a-k1', 'bjz-gezin-7f3a-k2'] })
      .matchHeader('authorization', 'Bearer token-1')
      .reply(200, { data: [both] });
    const referrals = await adapter.createLoaders(scope()).referralsByHousehold.load(GEZIN);
    expect(referrals).toEqual([expect.objectContaining({ localId: 'bjz-aanmelding-5120', kind: 'POLICE_TO_BJZ', householdLocalId: GEZIN })]);
  });

  it('looks referrals up by id, null for an unknown one', async () => {
    const { adapter, upstream } = setup();
    grant(upstream);
    upstream.post('/v2/aanmeldingen/zoeken', { ids: ['bjz-aanmelding-5120', 'bjz-aanmelding-0000'] }).reply(200, { data: [wireAanmelding()] });
    const loaders = adapter.createLoaders(scope());
    const [found, unknown] = await Promise.all([loaders.referral.load('bjz-aanmelding-5120'), loaders.referral.load('bjz-aanmelding-0000')]);
    expect(found).toMatchObject({ type: 'Referral', localId: 'bjz-aanmelding-5120', status: 'RUNNING' });
    expect(unknown).toBeNull();
  });

  it('answers reports without calling BJZ, which keeps none', async () => {
    const { adapter } = setup();
    const loaders = adapter.createLoaders(scope());
    expect(await loaders.reportsByHousehold.load(GEZIN)).toEqual([]);
    expect(await loaders.report.load('ZM-2026-005120')).toBeNull();
  });

  it('answers a gezin BJZ does not know with null and []', async () => {
    const { adapter, upstream } = setup();
    grant(upstream);
    searchClients(upstream, { gezinIds: ['bjz-gezin-0000'] }).reply(200, { data: [] });
    const loaders = adapter.createLoaders(scope());
    expect(await Promise.all([
      loaders.household.load('bjz-gezin-0000'), loaders.childrenByHousehold.load('bjz-gezin-0000'),
      loaders.involvementByHousehold.load('bjz-gezin-0000'), loaders.referralsByHousehold.load('bjz-gezin-0000'),
    ])).toEqual([null, [], null, []]);
  });
});

describe('loaders: batching', () => {
  it('sends N keys in one search', async () => {
    const { adapter, upstream } = setup();
    grant(upstream);
    searchClients(upstream, { gezinIds: ['g-1', 'g-2', GEZIN] }).reply(200, { data: [wireClient()] });
    const loaders = adapter.createLoaders(scope());
    const answers = await Promise.all(['g-1', 'g-2', GEZIN].map((id) => loaders.household.load(id)));
    expect(answers.map((household) => household?.localId ?? null)).toEqual([null, null, GEZIN]);
  });

  it('splits more keys than the batch limit into ceil(N / limit) searches', async () => {
    const { adapter, upstream } = setup();
    const sizes: number[] = [];
    const asked = new Set<string>();
    grant(upstream);
    upstream.post('/v2/clienten/zoeken', (body: { gezinIds: string[] }) => {
      sizes.push(body.gezinIds.length);
      for (const id of body.gezinIds) asked.add(id);
      return true;
    }).times(3).reply(200, { data: [] });
    const ids = Array.from({ length: 250 }, (_, index) => `g-${index}`);
    const loaders = adapter.createLoaders(scope());
    expect(adapter.maxBatchSize).toBe(100);
    await Promise.all(ids.map((id) => loaders.household.load(id)));
    expect(sizes.sort((a, b) => a - b)).toEqual([50, 100, 100]);
    expect(asked.size).toBe(250);
  });

  it('fails only the key of a malformed record; the other keys still answer', async () => {
    const { adapter, upstream } = setup();
    grant(upstream);
    const broken = withField(withField(wireClient(), 'gezin.id', 'bjz-gezin-b'), 'traject.fase', 'onderzoek');
    searchClients(upstream, { gezinIds: [GEZIN, 'bjz-gezin-b'] }).reply(200, { data: [wireClient(), broken] });
    const loaders = adapter.createLoaders(scope());
    const [good, bad] = await Promise.allSettled([loaders.household.load(GEZIN), loaders.household.load('bjz-gezin-b')]);
    expect(good).toMatchObject({ status: 'fulfilled', value: { localId: GEZIN } });
    expect(bad).toMatchObject({ status: 'rejected', reason: { code: 'UPSTREAM_BAD_RESPONSE' } });
  });

  it('fails every key when a record cannot be filed under any key', async () => {
    const { adapter, upstream } = setup();
    grant(upstream);
    searchClients(upstream, { gezinIds: [GEZIN, 'bjz-gezin-b'] }).reply(200, { data: [wireClient(), withField(wireClient(), 'gezin', undefined)] });
    const loaders = adapter.createLoaders(scope());
    const answers = await Promise.allSettled([loaders.household.load(GEZIN), loaders.household.load('bjz-gezin-b')]);
    expect(answers.map((answer) => answer.status)).toEqual(['rejected', 'rejected']);
  });
});

describe('listHouseholds: the cursor walk', () => {
  it('walks every page of each municipality and folds clients into gezinnen', async () => {
    const { adapter, upstream } = setup({ pageSize: 2 });
    grant(upstream);
    const other = withField(withField(wireClient(), 'id', 'bjz-gezin-8c1d-k1'), 'gezin.id', 'bjz-gezin-8c1d');
    upstream.get('/v2/clienten').query({ gemeente: 'Groningen', limit: '2' }).matchHeader('authorization', 'Bearer token-1')
      .reply(200, { data: [wireClient(), other], volgendeCursor: 'eyJuYSI6Mn0' });
    upstream.get('/v2/clienten').query({ gemeente: 'Groningen', limit: '2', cursor: 'eyJuYSI6Mn0' })
      .reply(200, { data: [brother()], volgendeCursor: null });
    upstream.get('/v2/clienten').query({ gemeente: 'Oldambt', limit: '2' }).reply(200, { data: [], volgendeCursor: null });
    const households = await adapter.listHouseholds(['Groningen', 'Oldambt', 'Groningen'], scope());
    expect(households.map((household) => household.localId)).toEqual([GEZIN, 'bjz-gezin-8c1d']);
  });

  it('gives up on a cursor handed out twice', async () => {
    const { adapter, upstream } = setup({ pageSize: 2 });
    grant(upstream);
    upstream.get('/v2/clienten').query({ gemeente: 'Groningen', limit: '2' }).reply(200, { data: [], volgendeCursor: 'c' });
    upstream.get('/v2/clienten').query({ gemeente: 'Groningen', limit: '2', cursor: 'c' }).reply(200, { data: [], volgendeCursor: 'c' });
    await expect(adapter.listHouseholds(['Groningen'], scope())).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });

  it.each([
    ['a malformed client', { data: [withField(wireClient(), 'traject.fase', 'x')], volgendeCursor: null }],
    ['a page without volgendeCursor', { data: [] }],
    ['a page whose data is not a list', { data: { 0: wireClient() }, volgendeCursor: null }],
  ])('fails the listing on %s', async (_name, page) => {
    const { adapter, upstream } = setup();
    grant(upstream);
    upstream.get('/v2/clienten').query({ gemeente: 'Groningen', limit: '100' }).reply(200, page);
    await expect(adapter.listHouseholds(['Groningen'], scope())).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });
});

describe('statuses and bodies', () => {
  it('lets the kit retry a 429, honouring Retry-After', async () => {
    const { adapter, upstream, test } = setup();
    grant(upstream);
    searchClients(upstream, { gezinIds: [GEZIN] }).reply(429, { fout: 'te veel verzoeken' }, { 'retry-after': '1' });
    searchClients(upstream, { gezinIds: [GEZIN] }).reply(200, { data: [wireClient()] });
    expect(await adapter.createLoaders(scope()).household.load(GEZIN)).toMatchObject({ localId: GEZIN });
    expect(test.sleeps).toEqual([1000]);
  });

  it.each([
    ['400 (a request BJZ refuses)', 400, '{"fout":"maximaal 100 waarden per zoekvraag"}'],
    ['404 on a search', 404, '{"fout":"niet gevonden"}'],
    ['200 with HTML', 200, '<html>onderhoud</html>'],
    ['200 with truncated JSON', 200, '{"data":[{"id":"bjz-gezin-'],
    ['200 without data', 200, '{"resultaten":[]}'],
    ['200 with JSON null', 200, 'null'],
  ])('maps %s to UPSTREAM_BAD_RESPONSE', async (_name, status, body) => {
    const { adapter, upstream } = setup();
    grant(upstream);
    searchClients(upstream, { gezinIds: [GEZIN] }).reply(status, body, { 'content-type': 'application/json' });
    const error = await adapter.createLoaders(scope()).household.load(GEZIN).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', agency: 'bjz-groningen', status });
    expect((error as Error).message).not.toContain('bjz-gezin-');
  });

  it('reads a body with a byte-order mark', async () => {
    const { adapter, upstream } = setup();
    grant(upstream);
    searchClients(upstream, { gezinIds: [GEZIN] }).reply(200, `\uFEFF${JSON.stringify({ data: [wireClient()] })}`);
    expect(await adapter.createLoaders(scope()).household.load(GEZIN)).toMatchObject({ localId: GEZIN });
  });

  it('passes the request scope\'s signal down: an aborted request sends no search', async () => {
    const { adapter, upstream } = setup();
    grant(upstream);
    searchClients(upstream, { gezinIds: [GEZIN] }).reply(200, { data: [] });
    await adapter.createLoaders(scope()).household.load(GEZIN);
    const aborted = new AbortController();
    aborted.abort();
    await expect(adapter.createLoaders({ signal: aborted.signal }).household.load(GEZIN)).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
  });
});

describe('GET /v2/clienten/{id}', () => {
  it('returns one client, or null on 404', async () => {
    const { test, upstream } = setup();
    grant(upstream);
    upstream.get('/v2/clienten/bjz-gezin-7f3a-k1').matchHeader('authorization', 'Bearer token-1').reply(200, wireClient());
    upstream.get('/v2/clienten/bjz-onbekend').reply(404, { fout: 'client niet gevonden' });
    const tokens = createTokenSource({ agencyId: 'bjz-groningen', http: test.http, clock: test.context.clock, ...CREDENTIALS });
    const api = createBjzApiClient({ agencyId: 'bjz-groningen', http: test.http, tokens, logger: test.context.logger });
    expect(await api.getClient('bjz-gezin-7f3a-k1')).toMatchObject({ id: 'bjz-gezin-7f3a-k1', naam: 'Lisa Hendriks' });
    expect(await api.getClient('bjz-onbekend')).toBeNull();
  });
});
