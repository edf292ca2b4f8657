/**
 * The AMK mock against its contract (adapters/amk/service.wsdl): the mock serves the WSDL at `?wsdl`, every
 * response and fault it sends (and every request the client builds) is structurally valid against the XSD in
 * it, and the WSDL's operations and SOAPActions are the ones the adapter speaks. A mock that drifts fails here.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMK_SOAP_PATH } from '#adapters/amk/client.ts';
import * as codes from '#adapters/amk/codes.ts';
import { AMK_MOCK_CREDENTIALS, AMK_MOCK_ENDPOINTS, startAmkMock } from '#adapters/amk/mock.ts';
import { AMK_OPERATIONS, buildRequest, soapActionOf, type AmkOperation } from '#adapters/amk/soap-envelope.ts';
import { AMK_NS, SOAP_ENV_NS } from '#adapters/amk/soap-xml.ts';
import { toAmkInbound } from '#adapters/amk/deliver-mapping.ts';
import { WORLD_AGENCIES, WORLD_AGENCY_CODES, createWorld } from '#mock-world/index.ts';
import { actOfKind } from '../act-deliveries.ts';
import { ACT_KINDS } from '#domain/acts.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { parseOrdered, readXsd, type XmlNode } from '../../support/xsd-structure.ts';

const WSDL = readFileSync('adapters/amk/service.wsdl', 'utf8');
const xsd = readXsd(WSDL);
const world = createWorld({ households: 80 });
let mock: MockServer;

beforeAll(async () => {
  mock = await startAmkMock({ world });
});
afterAll(() => mock.close());

/** The problems of a SOAP envelope: one Body holding either `expected` or a soap:Fault with an amk:fout detail. */
function envelopeProblems(xml: string, expected: string): string[] {
  const envelope = parseOrdered(xml);
  if (envelope.ns !== SOAP_ENV_NS || envelope.name !== 'Envelope') return ['not a SOAP 1.1 Envelope'];
  const bodies = envelope.children.filter((child) => child.ns === SOAP_ENV_NS && child.name === 'Body');
  const [entry, ...more] = bodies[0]?.children ?? [];
  if (bodies.length !== 1 || !entry || more.length > 0) return ['not exactly one Body with one element'];
  if (entry.ns === SOAP_ENV_NS && entry.name === 'Fault') return faultProblems(entry);
  return xsd.problemsOf(expected, entry);
}

function faultProblems(fault: XmlNode): string[] {
  const names = fault.children.map((child) => `${child.ns}|${child.name}`);
  if (names.join(',') !== '|faultcode,|faultstring,|detail') return [`fault children ${names.join(',')}`];
  const [faultcode, , detail] = fault.children;
  const problems = /^soap:(Client|Server)$/.test(faultcode?.text ?? '') ? [] : [`faultcode ${faultcode?.text}`];
  const [fout, ...rest] = detail?.children ?? [];
  if (!fout || rest.length > 0) return [...problems, 'detail without exactly one element'];
  return [...problems, ...xsd.problemsOf('fout', fout)];
}

async function soap(operation: AmkOperation, content: object, init: { headers?: Record<string, string>; body?: string } = {}) {
  const body = init.body ?? buildRequest(operation, content, AMK_MOCK_CREDENTIALS);
  const response = await fetch(`${mock.url}${AMK_SOAP_PATH}`, {
    method: 'POST', body, headers: init.headers ?? { 'content-type': 'text/xml; charset=utf-8', soapaction: soapActionOf(operation) },
  });
  return { status: response.status, contentType: response.headers.get('content-type'), request: body, body: await response.text() };
}

/** Calls an operation; the request the client builds and the answer must both conform. */
async function conforming(operation: AmkOperation, content: object, init?: { headers?: Record<string, string>; body?: string }) {
  const answer = await soap(operation, content, init);
  if (init?.body === undefined) expect(envelopeProblems(answer.request, operation), `request ${operation}`).toEqual([]);
  expect(answer.contentType).toMatch(/^text\/xml/);
  expect(envelopeProblems(answer.body, `${operation}Response`), `${operation} -> ${answer.status}`).toEqual([]);
  return answer;
}

const texts = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<amk:${name}>([^<]*)</amk:${name}>`, 'g'))].map((match) => match[1] ?? '');
const chunks = <T>(items: readonly T[], size: number) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

describe('AMK mock conforms to adapters/amk/service.wsdl', () => {
  it('serves the WSDL at ?wsdl, addressed to itself', async () => {
    const response = await fetch(`${mock.url}${AMK_SOAP_PATH}?wsdl`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
    const served = await response.text();
    expect(served).toContain(`<soap:address location="${mock.url}${AMK_SOAP_PATH}"/>`);
    expect(served.replace(/location="[^"]*"/, '')).toBe(WSDL.replace(/location="[^"]*"/, ''));
    expect(AMK_MOCK_ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path}`)).toEqual([`POST ${AMK_SOAP_PATH}`, `GET ${AMK_SOAP_PATH}?wsdl`]);
  });

  it('declares the operations and SOAPActions the adapter speaks', () => {
    const definitions = parseOrdered(WSDL);
    const portType = definitions.children.find((child) => child.name === 'portType');
    expect(portType?.children.map((operation) => operation.attributes.name)).toEqual([...AMK_OPERATIONS]);
    const binding = definitions.children.find((child) => child.name === 'binding');
    const actions = binding?.children.filter((child) => child.name === 'operation').map((operation) => [
      operation.attributes.name, `"${operation.children.find((child) => child.name === 'operation')?.attributes.soapAction}"`,
    ]);
    expect(actions).toEqual(AMK_OPERATIONS.map((operation) => [operation, soapActionOf(operation)]));
    expect(xsd.targetNamespace).toBe(AMK_NS);
    for (const operation of AMK_OPERATIONS) expect(xsd.elementNames).toEqual(expect.arrayContaining([operation, `${operation}Response`]));
  });

  // The XSD's code lists are the code tables' keys, list by list: a code the mapping knows but the contract
  // lacks (or the other way round) would let the mock send what the contract forbids, or the reverse.
  it.each([
    ['Fase', codes.FASE], ['GezinsRol', codes.GEZINSROL], ['Betrokkenheid', codes.BETROKKENHEID], ['Kanaal', codes.KANAAL],
    ['MeldingSoort', codes.MELDING_SOORT], ['MelderType', codes.MELDER_TYPE], ['Geweldsvorm', codes.GEWELDSVORM],
    ['Urgentie', codes.URGENTIE], ['Uitkomst', codes.UITKOMST], ['OverdrachtSoort', codes.OVERDRACHT_SOORT],
    ['OverdrachtStatus', codes.OVERDRACHT_STATUS],
  ] as const)('declares the code list %s exactly as the mapping reads it', (name, table) => {
    const schema = parseOrdered(WSDL).children.find((child) => child.name === 'types')?.children.find((child) => child.name === 'schema');
    const simpleType = schema?.children.find((child) => child.name === 'simpleType' && child.attributes.name === name);
    const enumeration = simpleType?.children[0]?.children.filter((child) => child.name === 'enumeration').map((child) => child.attributes.value);
    expect(enumeration?.toSorted()).toEqual(Object.keys(table).toSorted());
  });

  it('every page of every municipality and every record by id conforms', async () => {
    const zaakIds: string[] = [];
    for (const gemeente of new Set(world.households.map((household) => household.municipality))) {
      for (let pagina = 1; ; pagina++) {
        const page = await conforming('ZoekZakenOpGemeente', { gemeente, pagina: String(pagina), paginagrootte: '50' });
        zaakIds.push(...texts(page.body, 'zaakId'));
        if (pagina >= Number(texts(page.body, 'aantalPaginas')[0] ?? 0)) break;
      }
    }
    expect(zaakIds.length).toBeGreaterThan(5);
    for (const batch of chunks([...new Set(zaakIds)], 25)) {
      await conforming('HaalZakenOp', { zaakIds: { zaakId: batch } });
      const meldingen = await conforming('HaalMeldingenOp', { zaakIds: { zaakId: batch } });
      const overdrachten = await conforming('HaalOverdrachtenOp', { zaakIds: { zaakId: batch } });
      const meldingIds = [...new Set(texts(meldingen.body, 'meldingId'))].slice(0, 25);
      const overdrachtIds = [...new Set(texts(overdrachten.body, 'overdrachtId'))].slice(0, 25);
      if (meldingIds.length > 0) await conforming('HaalMeldingenOp', { meldingIds: { meldingId: meldingIds } });
      if (overdrachtIds.length > 0) await conforming('HaalOverdrachtenOp', { overdrachtIds: { overdrachtId: overdrachtIds } });
    }
    const bsns = world.households.flatMap((household) => household.members.map((member) => member.bsn)).filter((bsn) => bsn !== null);
    for (const batch of chunks(bsns.slice(0, 100), 25)) await conforming('ZoekZakenOpBsn', { bsns: { bsn: batch } });
  });

  it.each([
    ['AUTH: a wrong password', 'HaalZakenOp', { body: buildRequest('HaalZakenOp', { zaakIds: { zaakId: ['Z'] } }, { username: 'amk-gateway', password: 'nope' }) }, 401, 'AUTH'],
    ['ONBEKEND: one unknown zaak', 'HaalZakenOp', undefined, 404, 'ONBEKEND'],
    ['VERZOEK: not text/xml', 'HaalZakenOp', { headers: { 'content-type': 'application/json', soapaction: soapActionOf('HaalZakenOp') } }, 415, 'VERZOEK'],
    ['VERZOEK: SOAPAction of another operation', 'HaalZakenOp', { headers: { 'content-type': 'text/xml', soapaction: soapActionOf('HaalMeldingenOp') } }, 400, 'VERZOEK'],
    ['VERZOEK: not XML', 'HaalZakenOp', { body: '<soap:Envelope' }, 400, 'VERZOEK'],
  ] as const)('faults conform: %s', async (_name, operation, init: { headers?: Readonly<Record<string, string>>; body?: string } | undefined, status, code) => {
    const request = init ? { ...(init.body === undefined ? {} : { body: init.body }), ...(init.headers ? { headers: { ...init.headers } } : {}) } : undefined;
    const answer = await conforming(operation, { zaakIds: { zaakId: ['AMK-0000-0000'] } }, request);
    expect(answer.status).toBe(status);
    expect(texts(answer.body, 'foutcode')).toEqual([code]);
  });

  it('faults conform: LIMIET (26 ids) and VERZOEK (both lists)', async () => {
    const limiet = await soap('HaalZakenOp', { zaakIds: { zaakId: Array.from({ length: 26 }, (_, i) => `Z-${i}`) } });
    expect([limiet.status, texts(limiet.body, 'foutcode')]).toEqual([400, ['LIMIET']]);
    expect(envelopeProblems(limiet.body, 'HaalZakenOpResponse')).toEqual([]);
    const both = await soap('HaalMeldingenOp', { zaakIds: { zaakId: ['Z'] }, meldingIds: { meldingId: ['M'] } });
    expect([both.status, texts(both.body, 'foutcode')]).toEqual([400, ['VERZOEK']]);
    expect(envelopeProblems(both.body, 'HaalMeldingenOpResponse')).toEqual([]);
  });

  it('the check can fail: drifted responses are reported', async () => {
    const page = (await soap('ZoekZakenOpGemeente', { gemeente: 'Groningen', paginagrootte: '1' })).body;
    expect(envelopeProblems(page, 'ZoekZakenOpGemeenteResponse')).toEqual([]);
    const drifts = [
      page.replace('<amk:faseDatum>', '<amk:fasedatum>').replace('</amk:faseDatum>', '</amk:fasedatum>'),
      page.replace(/<amk:zaakId>[^<]*<\/amk:zaakId>/, ''),
      page.replace(/<amk:fase>[^<]*<\/amk:fase>/, '<amk:fase>onbekend</amk:fase>'),
      page.replace('<amk:gemeente>', '<amk:extra>x</amk:extra><amk:gemeente>'),
      page.replace(/<amk:totaalAantal>([^<]*)<\/amk:totaalAantal><amk:pagina>([^<]*)<\/amk:pagina>/, '<amk:pagina>$2</amk:pagina><amk:totaalAantal>$1</amk:totaalAantal>'),
      page.replace(`xmlns:amk="${AMK_NS}"`, 'xmlns:amk="urn:amk:zaken:v2"'),
      page.replace(/<amk:faseDatum>[^<]*<\/amk:faseDatum>/, '<amk:faseDatum>2026-06-18</amk:faseDatum>'),
    ];
    for (const drifted of drifts) {
      expect(drifted).not.toBe(page);
      expect(envelopeProblems(drifted, 'ZoekZakenOpGemeenteResponse')).not.toEqual([]);
    }
  });
  it('the receiving operations conform, request and answer, first and repeated, and their VERZOEK and STORING faults', async () => {
    for (const kind of ACT_KINDS) {
      const inbound = toAmkInbound({ ...actOfKind(kind, 'amk-groningen'), actId: `conformance-${kind}` }, WORLD_AGENCY_CODES);
      if (!inbound) throw new Error(`no inbound operation for ${kind}`);
      const first = await conforming(inbound.operation, inbound.content);
      const again = await conforming(inbound.operation, inbound.content);
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(texts(again.body, 'kenmerk')).toEqual(texts(first.body, 'kenmerk'));
    }
    const verzoek = await soap('OntvangAntwoord', { handelingId: 'x', beantwoordeHandeling: 'y', van: { instelling: 'ASHG-GRN' }, afzenderReferentie: 'z', verzonden: '02-11-2026 10:15', besluit: 'misschien' });
    expect([verzoek.status, texts(verzoek.body, 'foutcode')]).toEqual([400, ['VERZOEK']]);
    expect(envelopeProblems(verzoek.body, 'OntvangAntwoordResponse')).toEqual([]);
    mock.failInbound(1);
    const storing = await conforming('OntvangTerugkoppeling', { handelingId: 'x2', van: { instelling: 'ASHG-GRN' }, afzenderReferentie: 'z', verzonden: '02-11-2026 10:15', gemeente: 'Groningen' });
    expect([storing.status, texts(storing.body, 'foutcode')]).toEqual([500, ['STORING']]);
  });

  it('what the receiving operations stored reads back conforming: the new zaak, its melding and overdracht, a registered answer', async () => {
    const handover = toAmkInbound({ ...actOfKind('HAND_OVER_CASE', 'amk-groningen'), actId: 'conformance-read-1' }, WORLD_AGENCY_CODES)!;
    const [zaakId = ''] = texts((await conforming(handover.operation, handover.content)).body, 'kenmerk');
    const answer = toAmkInbound({ ...actOfKind('ANSWER_REFERRAL', 'amk-groningen'), actId: 'conformance-read-2', senderReference: 'AMK-M-2026-0042' }, WORLD_AGENCY_CODES)!;
    await conforming(answer.operation, answer.content);
    expect(texts((await conforming('HaalZakenOp', { zaakIds: { zaakId: [zaakId] } })).body, 'zaakId')).toEqual([zaakId]);
    expect(texts((await conforming('HaalMeldingenOp', { zaakIds: { zaakId: [zaakId] } })).body, 'meldingId')).toEqual([`${zaakId}-M1`]);
    expect(texts((await conforming('HaalOverdrachtenOp', { zaakIds: { zaakId: [zaakId, 'AMK-2026-0042'] } })).body, 'status')).toEqual(['aangeboden', 'geaccepteerd']);
    const page = await conforming('ZoekZakenOpGemeente', { gemeente: 'Groningen', paginagrootte: '50' });
    const last = Number(texts(page.body, 'aantalPaginas')[0]);
    expect(texts((await conforming('ZoekZakenOpGemeente', { gemeente: 'Groningen', pagina: String(last), paginagrootte: '50' })).body, 'zaakId')).toContain(zaakId);
  });

  it('the change feed conforms: the position, a page with more after it, the last page, and its ONBEKEND, VERZOEK and LIMIET faults', async () => {
    const position = await conforming('HaalWijzigingenOp', {});
    expect(texts(position.body, 'volgnummer')).toEqual([]);
    const [vanaf = ''] = texts(position.body, 'laatsteVolgnummer');
    // A household removed and registered again: two changes of one zaak, its records as they were.
    const household = world.households.find((candidate) => candidate.cases[WORLD_AGENCIES.amk])!;
    const zaakId = household.cases[WORLD_AGENCIES.amk]!.householdLocalId;
    expect(mock.records?.removeHousehold(zaakId)).toBe(true);
    expect(mock.records?.addHousehold(household)).toBe(zaakId);
    const first = await conforming('HaalWijzigingenOp', { vanafVolgnummer: vanaf, maximumAantal: '1' });
    expect([texts(first.body, 'zaakId'), texts(first.body, 'soort'), texts(first.body, 'meer')]).toEqual([[zaakId], ['verwijderd'], ['J']]);
    const [next = ''] = texts(first.body, 'laatsteVolgnummer');
    const last = await conforming('HaalWijzigingenOp', { vanafVolgnummer: next, maximumAantal: '100' });
    expect([texts(last.body, 'zaakId'), texts(last.body, 'soort'), texts(last.body, 'meer')]).toEqual([[zaakId], ['gewijzigd'], ['N']]);
    expect(texts(last.body, 'laatsteVolgnummer')).toEqual([String(Number(vanaf) + 2)]);
    const unknown = await conforming('HaalWijzigingenOp', { vanafVolgnummer: '999999' });
    expect([unknown.status, texts(unknown.body, 'foutcode')]).toEqual([404, ['ONBEKEND']]);
    for (const [content, code] of [[{ vanafVolgnummer: 'gisteren' }, 'VERZOEK'], [{ vanafVolgnummer: vanaf, maximumAantal: '101' }, 'LIMIET']] as const) {
      const refused = await soap('HaalWijzigingenOp', content);
      expect([refused.status, texts(refused.body, 'foutcode')]).toEqual([400, [code]]);
      expect(envelopeProblems(refused.body, 'HaalWijzigingenOpResponse')).toEqual([]);
    }
  });
});
