import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAmkAdapter } from '#adapters/amk/index.ts';
import type { WireZaak } from '#adapters/amk/wire-types.ts';
import type { AgencyAdapter } from '#kit/contract.ts';
import type { CountingUpstreamHttp } from '#kit/http.ts';
import { CREDENTIALS, testContext, testHttp, testScope } from './context.ts';
import { BASE_URL, XML_HEADERS, fault, ok, soapCall, type SeenCall } from './soap-nock.ts';
import { BSN_ANNA, BSN_SANNE, melding, overdracht, withField, zaak } from './wire-samples.ts';
import { WORLD_AGENCY_CODES } from '#mock-world/index.ts';

let http: CountingUpstreamHttp;
let adapter: AgencyAdapter;
let scope: nock.Scope;

function start(options: { retries?: number; pageSize?: number } = {}): void {
  http = testHttp(BASE_URL, { retries: options.retries ?? 0 });
  adapter = createAmkAdapter(testContext(http), { credentials: CREDENTIALS, agencyCodes: WORLD_AGENCY_CODES, ...(options.pageSize ? { pageSize: options.pageSize } : {}) });
}

const zaakWithId = (zaakId: string, gemeente = 'Groningen'): WireZaak => ({ ...zaak, zaakId, gemeente });
const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}`);

beforeEach(() => {
  nock.cleanAll();
  nock.disableNetConnect();
  scope = nock(BASE_URL);
  start();
});

afterEach(async () => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  await adapter.close();
  expect(pending).toEqual([]);
});

describe('AMK client: the legacy requests', () => {
  it('sends POST /soap/amk with text/xml, the SOAPAction and a WS-Security PasswordText token', async () => {
    let raw = '';
    scope.post('/soap/amk', (body: string) => { raw = body; return true; })
      .matchHeader('content-type', 'text/xml; charset=utf-8')
      .matchHeader('soapaction', '"urn:amk:zaken:v3/HaalZakenOp"')
      .reply(...ok('HaalZakenOp', { zaken: { zaak: [zaak] } }));
    await adapter.createLoaders(testScope()).household.load('AMK-2026-0042');
    expect(raw).toContain('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:amk="urn:amk:zaken:v3">');
    expect(raw).toContain('<wsse:Username>amk-gateway</wsse:Username>');
    expect(raw).toContain('<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">amk-dev-secret</wsse:Password>');
    expect(raw).toContain('<soap:Body><amk:HaalZakenOp><amk:zaakIds><amk:zaakId>AMK-2026-0042</amk:zaakId></amk:zaakIds></amk:HaalZakenOp></soap:Body>');
  });

  it('answers household, children and involvement of the same zaken from one HaalZakenOp', async () => {
    const seen: SeenCall[] = [];
    soapCall(scope, 'HaalZakenOp', { zaakIds: { zaakId: ['Z-1', 'Z-2'] } }, seen)
      .reply(...ok('HaalZakenOp', { zaken: { zaak: [zaakWithId('Z-1'), zaakWithId('Z-2', 'Eemsdelta')] } }));
    const loaders = adapter.createLoaders(testScope());
    const [households, children, involvement] = await Promise.all([
      loaders.household.loadMany(['Z-1', 'Z-2']),
      loaders.childrenByHousehold.load('Z-1'),
      loaders.involvementByHousehold.load('Z-2'),
    ]);
    expect(seen).toHaveLength(1);
    expect(households).toMatchObject([{ localId: 'Z-1', municipality: 'Groningen' }, { localId: 'Z-2', municipality: 'Eemsdelta' }]);
    expect(children).toMatchObject([{ type: 'Child', householdLocalId: 'Z-1', bsn: BSN_SANNE }]);
    expect(involvement).toMatchObject({ type: 'Involvement', localId: 'Z-2', phase: 'INVESTIGATION', since: '2026-06-18' });
  });

  it('batches N keys into one call, and more than 25 into ceil(N/25) calls', async () => {
    const keys = ids('Z', 60);
    const seen: SeenCall[] = [];
    for (const chunk of [keys.slice(0, 25), keys.slice(25, 50), keys.slice(50)]) {
      soapCall(scope, 'HaalZakenOp', { zaakIds: { zaakId: chunk } }, seen).reply(...ok('HaalZakenOp', { zaken: { zaak: [] } }));
    }
    const answers = await adapter.createLoaders(testScope()).household.loadMany(keys);
    expect(seen.map((call) => (call.content as { zaakIds: { zaakId: string[] } }).zaakIds.zaakId.length)).toEqual([25, 25, 10]);
    expect(answers).toEqual(keys.map(() => null));
    expect(adapter.maxBatchSize).toBe(25);
  });

  it('looks households up by BSN with ZoekZakenOpBsn, one resultaat per BSN', async () => {
    soapCall(scope, 'ZoekZakenOpBsn', { bsns: { bsn: [BSN_ANNA, '900000211'] } })
      .reply(...ok('ZoekZakenOpBsn', { resultaten: { resultaat: [{ bsn: BSN_ANNA, zaken: { zaak: [zaakWithId('Z-1'), zaakWithId('Z-9')] } }] } }));
    const loaders = adapter.createLoaders(testScope());
    const [anna, other] = await loaders.householdsByBsn.loadMany([BSN_ANNA, '900000211']);
    expect(anna).toMatchObject([{ type: 'Household', localId: 'Z-1' }, { localId: 'Z-9' }]);
    expect(other).toEqual([]);
    // The zaken found also answer the zaak loaders without another call.
    await expect(loaders.involvementByHousehold.load('Z-9')).resolves.toMatchObject({ localId: 'Z-9' });
  });

  it('fetches meldingen per zaak and by id with HaalMeldingenOp, and reuses the first for the second', async () => {
    soapCall(scope, 'HaalMeldingenOp', { zaakIds: { zaakId: ['AMK-2026-0042', 'Z-2'] } })
      .reply(...ok('HaalMeldingenOp', { meldingen: { melding: [melding, { ...melding, meldingId: 'M-2' }] } }));
    soapCall(scope, 'HaalMeldingenOp', { meldingIds: { meldingId: ['M-9'] } })
      .reply(...ok('HaalMeldingenOp', { meldingen: { melding: [{ ...melding, meldingId: 'M-9', zaakId: 'Z-3' }] } }));
    const loaders = adapter.createLoaders(testScope());
    const [mine, none] = await loaders.reportsByHousehold.loadMany(['AMK-2026-0042', 'Z-2']);
    expect(mine).toMatchObject([{ type: 'Report', localId: 'AMK-M-2026-0042' }, { localId: 'M-2' }]);
    expect(none).toEqual([]);
    const [primed, fetched] = await loaders.report.loadMany(['M-2', 'M-9']);
    expect(primed).toMatchObject({ localId: 'M-2', householdLocalId: 'AMK-2026-0042' });
    expect(fetched).toMatchObject({ localId: 'M-9', householdLocalId: 'Z-3' });
  });

  it('fetches overdrachten per zaak and by id with HaalOverdrachtenOp', async () => {
    soapCall(scope, 'HaalOverdrachtenOp', { zaakIds: { zaakId: ['AMK-2026-0042'] } })
      .reply(...ok('HaalOverdrachtenOp', { overdrachten: { overdracht: [overdracht] } }));
    soapCall(scope, 'HaalOverdrachtenOp', { overdrachtIds: { overdrachtId: ['O-1', 'O-2'] } })
      .reply(...ok('HaalOverdrachtenOp', { overdrachten: { overdracht: [{ ...overdracht, overdrachtId: 'O-2' }] } }));
    const loaders = adapter.createLoaders(testScope());
    await expect(loaders.referralsByHousehold.load('AMK-2026-0042')).resolves.toMatchObject([{ type: 'Referral', toAgencyId: 'bjz-groningen' }]);
    await expect(loaders.referral.loadMany(['O-1', 'O-2'])).resolves.toMatchObject([null, { localId: 'O-2' }]);
  });

  it('walks ZoekZakenOpGemeente page by page for each municipality', async () => {
    start({ pageSize: 2 });
    const seen: SeenCall[] = [];
    const pageOf = (pagina: number, zaakIds: string[], totaal = 5) => ok('ZoekZakenOpGemeente', {
      totaalAantal: String(totaal), pagina: String(pagina), paginagrootte: '2', aantalPaginas: String(Math.ceil(totaal / 2)),
      zaken: { zaak: zaakIds.map((id) => zaakWithId(id)) },
    });
    soapCall(scope, 'ZoekZakenOpGemeente', { gemeente: 'Groningen', pagina: '1', paginagrootte: '2' }, seen).reply(...pageOf(1, ['Z-1', 'Z-2']));
    soapCall(scope, 'ZoekZakenOpGemeente', { gemeente: 'Groningen', pagina: '2', paginagrootte: '2' }, seen).reply(...pageOf(2, ['Z-3', 'Z-4']));
    soapCall(scope, 'ZoekZakenOpGemeente', { gemeente: 'Groningen', pagina: '3', paginagrootte: '2' }, seen).reply(...pageOf(3, ['Z-5']));
    soapCall(scope, 'ZoekZakenOpGemeente', { gemeente: 'Oldambt', pagina: '1', paginagrootte: '2' }, seen).reply(...pageOf(1, [], 0));
    const households = await adapter.listHouseholds(['Groningen', 'Oldambt', 'Groningen'], testScope());
    expect(households.map((household) => household.localId)).toEqual(['Z-1', 'Z-2', 'Z-3', 'Z-4', 'Z-5']);
    expect(seen).toHaveLength(4);
  });

  it('reads an envelope written with other prefixes and a default namespace', async () => {
    const body = '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>'
      + '<HaalMeldingenOpResponse xmlns="urn:amk:zaken:v3"><meldingen><melding><meldingId>M-1</meldingId><zaakId>Z-1</zaakId>'
      + '<ontvangen>02-03-2026 09:14</ontvangen><geweldsvormen><vorm>verwaarlozing</vorm></geweldsvormen></melding></meldingen>'
      + '</HaalMeldingenOpResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>';
    soapCall(scope, 'HaalMeldingenOp', { meldingIds: { meldingId: ['M-1'] } }).reply(200, body, XML_HEADERS);
    await expect(adapter.createLoaders(testScope()).report.load('M-1')).resolves.toMatchObject({
      localId: 'M-1', receivedAt: '2026-03-02T09:14:00+01:00', violenceTypes: ['CHILD_NEGLECT'],
    });
  });
});

describe('AMK client: outcomes and faults', () => {
  it.each([
    ['401 with an AUTH fault', () => fault(401, 'Client', 'AUTH')],
    ['403 without a body', () => [403, '', {}] as const],
    ['an AUTH fault on a 400', () => fault(400, 'Client', 'AUTH')],
  ])('%s -> UPSTREAM_UNAUTHORIZED', async (_, reply) => {
    const [status, body, headers] = reply();
    soapCall(scope, 'HaalZakenOp', { zaakIds: { zaakId: ['Z-1'] } }).reply(status, body, headers);
    await expect(adapter.createLoaders(testScope()).household.load('Z-1')).rejects.toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', agency: 'amk-groningen' });
  });

  it('ONBEKEND on a single lookup -> null for records, [] for lists', async () => {
    soapCall(scope, 'HaalZakenOp', { zaakIds: { zaakId: ['Z-0'] } }).reply(...fault(404, 'Client', 'ONBEKEND'));
    soapCall(scope, 'HaalMeldingenOp', { meldingIds: { meldingId: ['M-0'] } }).reply(...fault(404, 'Client', 'ONBEKEND'));
    soapCall(scope, 'HaalOverdrachtenOp', { zaakIds: { zaakId: ['Z-0'] } }).reply(...fault(404, 'Client', 'ONBEKEND'));
    const loaders = adapter.createLoaders(testScope());
    await expect(loaders.household.load('Z-0')).resolves.toBeNull();
    await expect(loaders.report.load('M-0')).resolves.toBeNull();
    await expect(loaders.referralsByHousehold.load('Z-0')).resolves.toEqual([]);
  });

  it.each([
    ['a soap:Server fault on HTTP 500', () => fault(500, 'Server', 'STORING'), 'UPSTREAM_UNAVAILABLE'],
    ['a soap:Server fault on HTTP 200', () => fault(200, 'Server', 'STORING'), 'UPSTREAM_UNAVAILABLE'],
    ['a LIMIET client fault', () => fault(400, 'Client', 'LIMIET'), 'UPSTREAM_BAD_RESPONSE'],
    ['a plain 404 (no SOAP endpoint there)', () => [404, 'Not Found', { 'content-type': 'text/plain' }] as const, 'UPSTREAM_BAD_RESPONSE'],
    ['a truncated envelope', () => [200, '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>', XML_HEADERS] as const, 'UPSTREAM_BAD_RESPONSE'],
    ['the answer of another operation', () => ok('HaalMeldingenOp', { meldingen: { melding: [] } }), 'UPSTREAM_BAD_RESPONSE'],
    ['an answer without its list', () => ok('HaalZakenOp', { aantal: '1' }), 'UPSTREAM_BAD_RESPONSE'],
  ])('%s -> %s', async (_, reply, code) => {
    const [status, body, headers] = reply();
    soapCall(scope, 'HaalZakenOp', { zaakIds: { zaakId: ['Z-1'] } }).reply(status, body, headers);
    await expect(adapter.createLoaders(testScope()).household.load('Z-1')).rejects.toMatchObject({ code });
  });

  it('retries the read-only POST after a 503, as it is marked idempotent', async () => {
    start({ retries: 1 });
    soapCall(scope, 'HaalZakenOp', { zaakIds: { zaakId: ['AMK-2026-0042'] } }).reply(503, 'Service Unavailable');
    soapCall(scope, 'HaalZakenOp', { zaakIds: { zaakId: ['AMK-2026-0042'] } }).reply(...ok('HaalZakenOp', { zaken: { zaak: [zaak] } }));
    await expect(adapter.createLoaders(testScope()).household.load('AMK-2026-0042')).resolves.toMatchObject({ localId: 'AMK-2026-0042' });
    expect(http.stats().calls).toBe(2);
  });

  it('fails only the key of a malformed record; the rest of the batch answers', async () => {
    const broken = withField(zaakWithId('Z-2'), 'faseDatum', '2026-06-18');
    soapCall(scope, 'HaalZakenOp', { zaakIds: { zaakId: ['Z-1', 'Z-2', 'Z-3'] } })
      .reply(...ok('HaalZakenOp', { zaken: { zaak: [zaakWithId('Z-1'), broken as object] } }));
    const [one, two, three] = await adapter.createLoaders(testScope()).household.loadMany(['Z-1', 'Z-2', 'Z-3']);
    expect(one).toMatchObject({ localId: 'Z-1' });
    expect(two).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', message: expect.stringContaining('faseDatum') });
    expect(three).toBeNull();
  });

  it('fails the unanswered keys when a record comes back without its id', async () => {
    soapCall(scope, 'HaalZakenOp', { zaakIds: { zaakId: ['Z-1', 'Z-2'] } })
      .reply(...ok('HaalZakenOp', { zaken: { zaak: [zaakWithId('Z-1'), withField(zaak, 'zaakId', undefined) as object] } }));
    const [one, two] = await adapter.createLoaders(testScope()).household.loadMany(['Z-1', 'Z-2']);
    expect(one).toMatchObject({ localId: 'Z-1' });
    expect(two).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });

  it('fails a municipality search outright when one zaak is malformed, rather than hide it', async () => {
    soapCall(scope, 'ZoekZakenOpGemeente', { gemeente: 'Groningen', pagina: '1', paginagrootte: '50' }).reply(...ok('ZoekZakenOpGemeente', {
      totaalAantal: '2', pagina: '1', paginagrootte: '50', aantalPaginas: '1',
      zaken: { zaak: [zaakWithId('Z-1'), withField(zaakWithId('Z-2'), 'fase', 'onbekend') as object] },
    }));
    await expect(adapter.listHouseholds(['Groningen'], testScope())).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });

  it('passes the request scope signal down: an aborted request sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await adapter.createLoaders({ signal: controller.signal }).household.load('Z-1').catch((e: unknown) => e);
    expect(error).toMatchObject({ agency: 'amk-groningen', message: expect.stringContaining('aborted by the caller') });
    expect(http.stats().calls).toBe(0);
  });
});
