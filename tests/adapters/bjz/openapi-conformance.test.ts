/**
 * The BJZ mock against its contract (adapters/bjz/openapi.yaml): every answer it gives, errors and the token
 * endpoint included, must be declared there and match the schema, and the mock's route table must be the
 * document's paths. A mock that drifts fails here.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BETROKKENHEID, FASE, RELATIE, SOORT, STATUS } from '#adapters/bjz/codes.ts';
import { BJZ_MOCK_ENDPOINTS, startBjzMock } from '#adapters/bjz/mock.ts';
import { createWorld } from '#mock-world/index.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { bsnFromSerial } from '#mock-world/random.ts';
import { createOpenApiValidator, operationsOf, type OpenApiAnswer } from '../../support/openapi-validator.ts';

const spec = createOpenApiValidator('adapters/bjz/openapi.yaml');
const world = createWorld({ households: 80 });
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const BASIC = `Basic ${Buffer.from('ketenpoort:bjz-dev-secret').toString('base64')}`;
let mock: MockServer;
let bearer: string;

/** The part of the document the code-list check reads. */
interface CodeLists { readonly components: { readonly schemas: Record<string, { readonly properties: Record<string, { readonly enum: readonly unknown[] }> }> } }

interface Request { readonly method?: string; readonly headers?: Record<string, string>; readonly body?: string }

async function call(template: string, target: string, init: Request = {}): Promise<OpenApiAnswer & { json: () => unknown; headers: Headers }> {
  const method = init.method ?? 'GET';
  const response = await fetch(`${mock.url}${target}`, { method, headers: init.headers ?? { authorization: `Bearer ${bearer}` }, ...(init.body === undefined ? {} : { body: init.body }) });
  const body = await response.text();
  return { method, path: template, status: response.status, contentType: response.headers.get('content-type'), body, headers: response.headers, json: () => JSON.parse(body) };
}

async function conforming(template: string, target: string, init?: Request) {
  const answer = await call(template, target, init);
  expect(spec.problems(answer), `${init?.method ?? 'GET'} ${target} -> ${answer.status}`).toEqual([]);
  return answer;
}

const search = (body: unknown): Request => ({ method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  mock = await startBjzMock({ world });
  const token = await conforming('/oauth/token', '/oauth/token', { method: 'POST', headers: { ...FORM, authorization: BASIC }, body: 'grant_type=client_credentials' });
  bearer = (token.json() as { access_token: string }).access_token;
});
afterAll(() => mock.close());

describe('BJZ mock conforms to adapters/bjz/openapi.yaml', () => {
  it('declares the same operations as the document', () => {
    const declared = [...new Set(BJZ_MOCK_ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path.split('?')[0]}`))].sort();
    expect(declared).toEqual(operationsOf(spec.document));
  });

  // The document's code lists are the code tables' keys: a code the mapping knows but the contract lacks (or the
  // other way round) would let the mock send what the contract forbids, or the reverse.
  it.each([
    ['Gezinslid', 'relatie', RELATIE], ['Traject', 'fase', FASE], ['Client', 'betrokkenheid', BETROKKENHEID],
    ['Aanmelding', 'soort', SOORT], ['Aanmelding', 'status', STATUS],
  ] as const)('declares %s.%s exactly as the mapping reads it', (schema, property, table) => {
    const document: CodeLists = parse(readFileSync('adapters/bjz/openapi.yaml', 'utf8'));
    const codes = document.components.schemas[schema]?.properties[property]?.enum.filter((code) => code !== null);
    expect(codes?.toSorted()).toEqual(Object.keys(table).toSorted());
  });

  it('every page of every municipality, and every record by id, matches the schemas', async () => {
    const clientIds: string[] = [];
    for (const gemeente of new Set(world.households.map((household) => household.municipality))) {
      let cursor: string | null = null;
      do {
        const query: string = `gemeente=${encodeURIComponent(gemeente)}&limit=7${cursor === null ? '' : `&cursor=${cursor}`}`;
        const page = (await conforming('/v2/clienten', `/v2/clienten?${query}`)).json() as { data: { id: string }[]; volgendeCursor: string | null };
        clientIds.push(...page.data.map((client) => client.id));
        cursor = page.volgendeCursor;
      } while (cursor !== null);
    }
    expect(clientIds.length).toBeGreaterThan(5);
    for (let at = 0; at < clientIds.length; at += 100) {
      const ids = clientIds.slice(at, at + 100);
      await conforming('/v2/clienten/zoeken', '/v2/clienten/zoeken', search({ ids }));
      const found = (await conforming('/v2/aanmeldingen/zoeken', '/v2/aanmeldingen/zoeken', search({ clientIds: ids }))).json() as { data: { id: string }[] };
      if (found.data.length > 0) await conforming('/v2/aanmeldingen/zoeken', '/v2/aanmeldingen/zoeken', search({ ids: found.data.map((a) => a.id).slice(0, 100) }));
    }
    await conforming('/v2/clienten/zoeken', '/v2/clienten/zoeken', search({ bsns: world.households.flatMap((h) => h.members.map((m) => m.bsn)).filter((b) => b !== null).slice(0, 100) }));
    await conforming('/v2/clienten/zoeken', '/v2/clienten/zoeken', search({ gezinIds: ['onbekend'] }));
    expect((await conforming('/v2/clienten/{id}', `/v2/clienten/${clientIds[0]}`)).status).toBe(200);
  });

  it.each([
    ['token: wrong secret', '/oauth/token', '/oauth/token', { method: 'POST', headers: FORM, body: 'grant_type=client_credentials&client_id=ketenpoort&client_secret=nope' }, 401],
    ['token: another grant', '/oauth/token', '/oauth/token', { method: 'POST', headers: { ...FORM, authorization: BASIC }, body: 'grant_type=password' }, 400],
    ['token: not a POST', '/oauth/token', '/oauth/token', { method: 'GET', headers: {} }, 405],
    ['no bearer token', '/v2/clienten', '/v2/clienten?gemeente=Groningen', { headers: {} }, 401],
    ['an unknown client', '/v2/clienten/{id}', '/v2/clienten/onbekend', undefined, 404],
    ['no gemeente', '/v2/clienten', '/v2/clienten?limit=5', undefined, 400],
    ['limit above the batch limit', '/v2/clienten', '/v2/clienten?gemeente=Groningen&limit=101', undefined, 400],
    ['a bad cursor', '/v2/clienten', '/v2/clienten?gemeente=Groningen&cursor=%%%', undefined, 400],
    ['wijzigingen: no bearer token', '/v2/wijzigingen', '/v2/wijzigingen', { headers: {} }, 401],
    ['wijzigingen: a malformed cursor', '/v2/wijzigingen', '/v2/wijzigingen?after=%%%', undefined, 400],
    ['wijzigingen: a cursor ahead of the log', '/v2/wijzigingen', `/v2/wijzigingen?after=${Buffer.from('{"na":100000}').toString('base64url')}`, undefined, 400],
    ['wijzigingen: limit above the batch limit', '/v2/wijzigingen', '/v2/wijzigingen?limit=101', undefined, 400],
  ] as const)('errors conform: %s', async (_name, template, target, init, status) => {
    expect((await conforming(template, target, init ? { ...init, headers: { ...init.headers } } : undefined)).status).toBe(status);
  });

  it.each([
    ['a body that is not JSON', '{ids:'],
    ['two lists', { ids: ['a'], bsns: ['b'] }],
    ['a list of numbers', { ids: [1] }],
    ['more than 100 values', { ids: Array.from({ length: 101 }, (_, i) => `c${i}`) }],
  ] as const)('search errors conform: %s', async (_name, body) => {
    const request = search(body);
    const answer = await conforming('/v2/clienten/zoeken', '/v2/clienten/zoeken', typeof body === 'string' ? { ...request, body } : request);
    expect(answer.status).toBe(400);
  });

  it('the rate limit answers 429 with Retry-After, as declared', async () => {
    const limited = await startBjzMock({ world, rateLimitPerSecond: 1, now: () => 1_000_000 });
    const saved = mock;
    mock = limited;
    try {
      const token = (await call('/oauth/token', '/oauth/token', { method: 'POST', headers: { ...FORM, authorization: BASIC }, body: 'grant_type=client_credentials' })).json() as { access_token: string };
      const headers = { authorization: `Bearer ${token.access_token}` };
      expect((await conforming('/v2/clienten/{id}', '/v2/clienten/x', { headers })).status).toBe(404);
      const answer = await conforming('/v2/clienten/{id}', '/v2/clienten/x', { headers });
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      mock = saved;
      await limited.close();
    }
  });

  it('the check can fail: a drifted client is reported', async () => {
    const page = (await call('/v2/clienten', '/v2/clienten?gemeente=Groningen&limit=1')).json() as { data: Record<string, unknown>[] };
    const [client] = page.data;
    const answer = { method: 'GET', path: '/v2/clienten/{id}', status: 200, contentType: 'application/json', body: '' };
    expect(spec.problems({ ...answer, body: JSON.stringify(client) })).toEqual([]);
    expect(spec.problems({ ...answer, body: JSON.stringify({ ...client, geboortedatum: '2011-05-14' }) })).not.toEqual([]);
    expect(spec.problems({ ...answer, body: JSON.stringify({ ...client, extra: 1 }) })).not.toEqual([]);
    expect(spec.problems({ ...answer, status: 500 })).not.toEqual([]);
  });
  it('the receiving POSTs answer 201, 200 for a repeat, 400 (no minor), 405 and 503 as declared', async () => {
    const aanmelding = {
      handelingId: 'conf-1', soort: 'politie-bjz', van: 'POL-NN', afzenderReferentie: 'ZM-2026-1', verzondenOp: '06-10-2026 09:00:00 +0200',
      gemeente: 'Groningen', gezinsleden: [{ relatie: 'ouder-met-gezag' }], kinderen: [{ geboortedatum: '14-05-2011' }], veiligheidsafspraken: [],
    };
    const post = (path: string, body: unknown) => conforming(path, path, search(body));
    expect((await post('/v2/aanmeldingen', aanmelding)).status).toBe(201);
    expect((await post('/v2/aanmeldingen', aanmelding)).status).toBe(200);
    expect((await post('/v2/aanmeldingen', { ...aanmelding, handelingId: 'conf-2', kinderen: [{ geboortedatum: '14-05-2001' }] })).status).toBe(400);
    const besluit = { handelingId: 'conf-3', beantwoordeHandeling: 'act-1', van: 'AMK-GRN', afzenderReferentie: 'AMK-1', verzondenOp: '06-10-2026 09:00:00 +0200', besluit: 'geweigerd' };
    expect((await post('/v2/aanmeldingen/besluiten', besluit)).status).toBe(201);
    expect((await conforming('/v2/aanmeldingen/besluiten', '/v2/aanmeldingen/besluiten')).status).toBe(405);
    mock.failInbound(1);
    expect((await post('/v2/aanmeldingen/besluiten', { ...besluit, handelingId: 'conf-4' })).status).toBe(503);
  });

  it('what an aanmelding stored reads back conforming: its new gezin and client, by id, BSN, gezin and page, and the aanmelding', async () => {
    const aanmelding = {
      handelingId: 'conf-read-1', soort: 'politie-bjz', van: 'POL-NN', afzenderReferentie: 'ZM-2026-2', verzondenOp: '06-10-2026 09:00:00 +0200',
      gemeente: 'Groningen', adres: { straat: 'Vinkenstraat', huisnummer: 12, toevoeging: 'a', postcode: '9727 BW', woonplaats: 'Groningen' },
      gezinsleden: [{ relatie: 'ouder-met-gezag' }], kinderen: [{ naam: 'Daan Bakker', bsn: bsnFromSerial(9_000_021), geboortedatum: '03-02-2014', betrokkenheid: 'direct-slachtoffer' }],
      veiligheidsafspraken: ['Geen contact met vader'], reden: 'Zorgmelding 0-18',
    };
    const { id } = (await conforming('/v2/aanmeldingen', '/v2/aanmeldingen', search(aanmelding))).json() as { id: string };
    const client = (await conforming('/v2/clienten/{id}', `/v2/clienten/${id}-k1`)).json() as { gezin: { id: string } };
    expect(client.gezin.id).toBe(`${id}-gezin`);
    await conforming('/v2/clienten/zoeken', '/v2/clienten/zoeken', search({ bsns: [bsnFromSerial(9_000_021)] }));
    await conforming('/v2/clienten/zoeken', '/v2/clienten/zoeken', search({ gezinIds: [`${id}-gezin`] }));
    await conforming('/v2/clienten', '/v2/clienten?gemeente=Groningen&limit=100');
    const found = (await conforming('/v2/aanmeldingen/zoeken', '/v2/aanmeldingen/zoeken', search({ clientIds: [`${id}-k1`] }))).json();
    expect(found).toMatchObject({ data: [{ id, status: 'aangeboden', clientIds: [`${id}-k1`], naar: 'BJZ-GRN' }] });
  });

  it('the wijzigingen conform: the position, then pages of what testers and an aanmelding changed', async () => {
    const position = (await conforming('/v2/wijzigingen', '/v2/wijzigingen')).json() as { data: unknown[]; nextCursor: string; hasMore: boolean };
    expect(position).toEqual({ data: [], nextCursor: expect.any(String), hasMore: false });
    const source = world.households.find((household) => household.cases['bjz-groningen'])!;
    const bjzCase = source.cases['bjz-groningen']!;
    // Ids and BSNs of its own: the copy must not collide with the fixtures' gezin.
    const bsns = new Map(source.members.map((member, index) => [member.bsn, bsnFromSerial(9_700_000 + index)]));
    const copy = {
      ...source, key: 'conf-copy', members: source.members.map((member) => ({ ...member, bsn: bsns.get(member.bsn)! })),
      cases: { 'bjz-groningen': {
        ...bjzCase, householdLocalId: 'bjz-gezin-conf', memberBsns: bjzCase.memberBsns.map((bsn) => bsns.get(bsn)!),
        children: bjzCase.children.map((child) => ({ ...child, bsn: bsns.get(child.bsn)! })),
        referrals: bjzCase.referrals.map((referral, index) => ({ ...referral, localId: `bjz-aanmelding-conf-${index}` })),
      } },
    };
    expect(mock.records!.addHousehold(copy)).toBe('bjz-gezin-conf');
    expect(mock.records!.removeHousehold(bjzCase.householdLocalId)).toBe(true);
    await conforming('/v2/aanmeldingen', '/v2/aanmeldingen', search({
      handelingId: 'conf-wijziging-1', soort: 'politie-bjz', van: 'POL-NN', afzenderReferentie: 'ZM-2026-3', verzondenOp: '06-10-2026 09:00:00 +0200',
      gemeente: 'Groningen', gezinsleden: [], kinderen: [{ naam: 'Sem de Boer', bsn: bsnFromSerial(9_700_100), geboortedatum: '01-01-2015' }], veiligheidsafspraken: [],
    }));
    const first = (await conforming('/v2/wijzigingen', `/v2/wijzigingen?after=${position.nextCursor}&limit=2`)).json() as typeof position;
    expect(first).toMatchObject({ data: [{ gezinId: 'bjz-gezin-conf', type: 'changed' }, { gezinId: bjzCase.householdLocalId, type: 'deleted' }], hasMore: true });
    const second = (await conforming('/v2/wijzigingen', `/v2/wijzigingen?after=${first.nextCursor}`)).json() as typeof position;
    expect(second).toMatchObject({ data: [{ gezinId: expect.stringMatching(/^bjz-aanm-in-\d+-gezin$/), type: 'changed' }], hasMore: false });
    await conforming('/v2/clienten/zoeken', '/v2/clienten/zoeken', search({ gezinIds: ['bjz-gezin-conf'] }));
  });
});
