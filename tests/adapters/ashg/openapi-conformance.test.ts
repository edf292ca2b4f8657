/**
 * The ASHG mock against its contract (adapters/ashg/openapi.yaml): every answer it gives, errors included,
 * must be declared there and match the schema, and the mock's route table must be the document's paths.
 * A mock that drifts (a key renamed, a code added, a status changed) fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASHG_MOCK_ENDPOINTS, startAshgMock } from '#adapters/ashg/mock.ts';
import { createWorld } from '#mock-world/index.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { createOpenApiValidator, operationsOf, type OpenApiAnswer } from '../../support/openapi-validator.ts';

const spec = createOpenApiValidator('adapters/ashg/openapi.yaml');
const world = createWorld({ households: 80 });
const KEY = { 'x-api-key': 'ashg-dev-key' };
let mock: MockServer;

beforeAll(async () => {
  mock = await startAshgMock({ world });
});
afterAll(() => mock.close());

async function call(template: string, target: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<OpenApiAnswer & { json: () => unknown }> {
  const response = await fetch(`${mock.url}${target}`, { method: init.method ?? 'GET', headers: init.headers ?? KEY });
  const body = await response.text();
  return { method: init.method ?? 'GET', path: template, status: response.status, contentType: response.headers.get('content-type'), body, json: () => JSON.parse(body) };
}

async function conforming(template: string, target: string, init?: { method?: string; headers?: Record<string, string> }) {
  const answer = await call(template, target, init);
  expect(spec.problems(answer), `${target} -> ${answer.status}`).toEqual([]);
  return answer;
}

describe('ASHG mock conforms to adapters/ashg/openapi.yaml', () => {
  it('declares the same operations as the document', () => {
    const declared = [...new Set(ASHG_MOCK_ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path.split('?')[0]}`))].sort();
    expect(declared).toEqual(operationsOf(spec.document));
  });

  it('every page of every municipality, and every record by id, matches the schemas', async () => {
    const dossierIds: string[] = [];
    for (const gemeente of new Set(world.households.map((household) => household.municipality))) {
      for (let offset = 0; ; offset += 100) {
        const page = await conforming('/api/v1/dossiers', `/api/v1/dossiers?gemeente=${encodeURIComponent(gemeente)}&offset=${offset}&limiet=100`);
        const body = page.json() as { totaal: number; dossiers: { dossiernummer: string }[] };
        dossierIds.push(...body.dossiers.map((dossier) => dossier.dossiernummer));
        if (offset + 100 >= body.totaal) break;
      }
    }
    expect(dossierIds.length).toBeGreaterThan(10);
    for (let at = 0; at < dossierIds.length; at += 50) {
      const batch = dossierIds.slice(at, at + 50).join(',');
      await conforming('/api/v1/dossiers', `/api/v1/dossiers?ids=${batch}`);
      const meldingen = await conforming('/api/v1/meldingen', `/api/v1/meldingen?dossiers=${batch}`);
      const verwijzingen = await conforming('/api/v1/doorverwijzingen', `/api/v1/doorverwijzingen?dossiers=${batch}`);
      const meldingIds = (meldingen.json() as { meldingen: { meldingnummer: string }[] }).meldingen.map((melding) => melding.meldingnummer);
      const verwijzingIds = (verwijzingen.json() as { doorverwijzingen: { verwijzingsnummer: string }[] }).doorverwijzingen.map((v) => v.verwijzingsnummer);
      if (meldingIds.length > 0) await conforming('/api/v1/meldingen', `/api/v1/meldingen?ids=${meldingIds.slice(0, 50).join(',')}`);
      if (verwijzingIds.length > 0) await conforming('/api/v1/doorverwijzingen', `/api/v1/doorverwijzingen?ids=${verwijzingIds.slice(0, 50).join(',')}`);
    }
    const [first] = dossierIds;
    expect((await conforming('/api/v1/dossiers/{dossiernummer}', `/api/v1/dossiers/${first}`)).status).toBe(200);
    const bsn = world.households[0]?.members[0]?.bsn ?? '';
    expect((await conforming('/api/v1/dossiers', `/api/v1/dossiers?bsn=${bsn}`)).status).toBe(200);
  });

  it.each([
    ['no API key', '/api/v1/dossiers', '/api/v1/dossiers?ids=D-1', { headers: {} }, 401],
    ['a wrong API key', '/api/v1/meldingen', '/api/v1/meldingen?ids=M-1', { headers: { 'x-api-key': 'nope' } }, 401],
    ['not a GET', '/api/v1/doorverwijzingen', '/api/v1/doorverwijzingen?ids=V-1', { method: 'POST' }, 405],
    ['an unknown dossier', '/api/v1/dossiers/{dossiernummer}', '/api/v1/dossiers/D-0000-0000', {}, 404],
    ['two filters', '/api/v1/dossiers', '/api/v1/dossiers?ids=D-1&bsn=900000107', {}, 400],
    ['an unknown parameter', '/api/v1/meldingen', '/api/v1/meldingen?zaak=1', {}, 400],
    ['paging without gemeente', '/api/v1/dossiers', '/api/v1/dossiers?ids=D-1&offset=0', {}, 400],
    ['limiet above 100', '/api/v1/dossiers', '/api/v1/dossiers?gemeente=Groningen&limiet=101', {}, 400],
    ['a change feed parameter it does not know', '/api/v1/dossiers/wijzigingen', '/api/v1/dossiers/wijzigingen?sinds=0&gemeente=Groningen', {}, 400],
    ['a change feed limiet above 100', '/api/v1/dossiers/wijzigingen', '/api/v1/dossiers/wijzigingen?sinds=0&limiet=101', {}, 400],
    ['a sinds that is not an integer', '/api/v1/dossiers/wijzigingen', '/api/v1/dossiers/wijzigingen?sinds=-1', {}, 400],
    ['a sinds the feed never gave', '/api/v1/dossiers/wijzigingen', '/api/v1/dossiers/wijzigingen?sinds=999999', {}, 410],
    ['the change feed without a key', '/api/v1/dossiers/wijzigingen', '/api/v1/dossiers/wijzigingen', { headers: {} }, 401],
    ['the change feed by POST', '/api/v1/dossiers/wijzigingen', '/api/v1/dossiers/wijzigingen', { method: 'POST' }, 405],
    ['more than 50 ids', '/api/v1/doorverwijzingen', `/api/v1/doorverwijzingen?ids=${Array.from({ length: 51 }, (_, i) => `V-${i}`).join(',')}`, {}, 400],
  ] as const)('errors conform: %s', async (_name, template, target, init, status) => {
    expect((await conforming(template, target, init)).status).toBe(status);
  });

  it('the change feed conforms page by page, and the dossiers it names read back by ids', async () => {
    const records = mock.records;
    if (!records) throw new Error('the ASHG mock has record control');
    const start = (await conforming('/api/v1/dossiers/wijzigingen', '/api/v1/dossiers/wijzigingen')).json() as { laatsteVolgnummer: number };
    const extra = createWorld({ households: 120 }).households.slice(80, 120).filter((household) => household.cases['ashg-groningen']);
    const added = extra.map((household) => records.addHousehold(household));
    const [gone] = added;
    if (gone) records.removeHousehold(gone);
    const named: string[] = [];
    for (let sinds = start.laatsteVolgnummer; ;) {
      const page = (await conforming('/api/v1/dossiers/wijzigingen', `/api/v1/dossiers/wijzigingen?sinds=${sinds}&limiet=3`)).json() as {
        wijzigingen: { dossiernummer: string }[]; laatsteVolgnummer: number; meer: boolean;
      };
      named.push(...page.wijzigingen.map((wijziging) => wijziging.dossiernummer));
      sinds = page.laatsteVolgnummer;
      if (!page.meer) break;
    }
    expect(named).toEqual([...added, gone]);
    expect(named.length).toBeGreaterThan(3);
    const found = await conforming('/api/v1/dossiers', `/api/v1/dossiers?ids=${[...new Set(named)].join(',')}`);
    expect((found.json() as { dossiers: unknown[] }).dossiers).toHaveLength(added.length - 1);
  });

  it('the check can fail: a drifted body or an undeclared status is reported', async () => {
    const dossier = (await call('/api/v1/dossiers', '/api/v1/dossiers?gemeente=Groningen&limiet=1')).json() as { dossiers: Record<string, unknown>[] };
    const [one] = dossier.dossiers;
    const { faseSinds, ...rest } = one ?? {};
    const renamed = { ...rest, fase_sinds: faseSinds };
    const drifted = { method: 'GET', path: '/api/v1/dossiers/{dossiernummer}', status: 200, contentType: 'application/json', body: JSON.stringify(renamed) };
    expect(spec.problems(drifted).join('\n')).toMatch(/faseSinds|fase_sinds/);
    expect(spec.problems({ ...drifted, body: JSON.stringify({ ...one, fase: 'onbekend' }) })).not.toEqual([]);
    expect(spec.problems({ ...drifted, status: 418 })).not.toEqual([]);
    expect(spec.problems({ ...drifted, contentType: 'text/plain' })).not.toEqual([]);
  });
  it('the receiving POSTs answer 201, 200 for a repeat, 400, 405 and 503 as declared', async () => {
    const post = async (path: string, body: unknown, method = 'POST') => {
      const response = await fetch(`${mock.url}${path}`, { method, headers: { ...KEY, 'content-type': 'application/json' }, ...(method === 'POST' ? { body: JSON.stringify(body) } : {}) });
      const text = await response.text();
      const answer = { method, path, status: response.status, contentType: response.headers.get('content-type'), body: text };
      expect(spec.problems(answer), `${method} ${path} -> ${response.status}`).toEqual([]);
      return answer.status;
    };
    const antwoord = {
      handelingId: 'conf-1', beantwoordeHandeling: 'act-0', afzender: 'AMK-GRN', afzenderReferentie: 'AMK-2026-1',
      verzonden: '2026-11-02T10:15:00+01:00', besluit: 'geaccepteerd', reden: null,
    };
    const terugkoppeling = {
      handelingId: 'conf-2', afzender: 'AMK-GRN', afzenderReferentie: 'AMK-2026-1', verzonden: '2026-11-02T10:15:00+01:00',
      gemeente: 'Groningen', faseCategorie: 'zorg', ontvangendeInstelling: null, ontvangendeZorgaanbieder: 'Kompaan',
    };
    expect(await post('/api/v1/doorverwijzingen/antwoorden', antwoord)).toBe(201);
    expect(await post('/api/v1/doorverwijzingen/antwoorden', antwoord)).toBe(200);
    expect(await post('/api/v1/terugkoppelingen', terugkoppeling)).toBe(201);
    expect(await post('/api/v1/terugkoppelingen', { ...terugkoppeling, faseCategorie: 'onbekend' })).toBe(400);
    expect(await post('/api/v1/terugkoppelingen', null, 'GET')).toBe(405);
    mock.failInbound(1);
    expect(await post('/api/v1/doorverwijzingen/antwoorden', { ...antwoord, handelingId: 'conf-3' })).toBe(503);
  });

  it('what the receiving POSTs stored reads back conforming: an added doorverwijzing, a melding with its care provider', async () => {
    // Scenario 1's melding: the answer adds a doorverwijzing to the AMK, the feedback its care provider.
    const send = (path: string, body: unknown) => fetch(`${mock.url}${path}`, { method: 'POST', headers: { ...KEY, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const common = { afzender: 'AMK-GRN', afzenderReferentie: 'M-2026-000101', verzonden: '2026-11-02T10:15:00+01:00' };
    expect((await send('/api/v1/doorverwijzingen/antwoorden', { ...common, handelingId: 'conf-read-1', beantwoordeHandeling: 'act-0', besluit: 'geweigerd', reden: 'Nee' })).status).toBe(201);
    expect((await send('/api/v1/terugkoppelingen', {
      ...common, handelingId: 'conf-read-2', gemeente: 'Groningen', faseCategorie: null, ontvangendeInstelling: null, ontvangendeZorgaanbieder: 'Kompaan',
    })).status).toBe(201);
    const verwijzingen = await conforming('/api/v1/doorverwijzingen', '/api/v1/doorverwijzingen?dossiers=D-2026-000101');
    expect((verwijzingen.json() as { doorverwijzingen: { status: string }[] }).doorverwijzingen.map((v) => v.status)).toEqual(['onveilig-retour', 'geaccepteerd', 'geweigerd']);
    const meldingen = await conforming('/api/v1/meldingen', '/api/v1/meldingen?ids=M-2026-000101');
    expect(meldingen.json()).toMatchObject({ meldingen: [{ ontvangendeZorgaanbieder: 'Kompaan' }] });
  });
});
