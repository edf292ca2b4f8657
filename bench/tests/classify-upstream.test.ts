import { describe, expect, it } from 'vitest';
import { operationOf } from '../classify-upstream.ts';

describe('operationOf', () => {
  it.each([
    ['GET', '/api/v1/dossiers?ids=D-1,D-2', {}, '', 'GET /api/v1/dossiers?ids'],
    ['GET', '/api/v1/dossiers?gemeente=Groningen&offset=100&limiet=100', {}, '', 'GET /api/v1/dossiers?gemeente,limiet,offset'],
    ['GET', '/api/v1/dossiers/D-2026-000101', {}, '', 'GET /api/v1/dossiers/{id}'],
    ['POST', '/soap/amk', { soapaction: '"urn:amk:v1/HaalZakenOp"', 'content-type': 'text/xml' }, '<soap:Envelope>', 'POST /soap/amk [HaalZakenOp]'],
    ['POST', '/export/zorgmeldingen.csv', { 'content-type': 'application/x-www-form-urlencoded' }, 'persoonssleutels=P1,P2', 'POST /export/zorgmeldingen.csv {persoonssleutels}'],
    ['POST', '/sleutels/vertaling', { 'content-type': 'text/csv; charset=utf-8' }, '\uFEFF"bsn"\r\n900000107', 'POST /sleutels/vertaling {bsn}'],
    ['POST', '/v2/clienten/zoeken', { 'content-type': 'application/json' }, '{"gezinIds":["G1"]}', 'POST /v2/clienten/zoeken {gezinIds}'],
  ])('%s %s is named without values', (method, url, headers, body, expected) => {
    expect(operationOf(method, url, headers, body)).toBe(expected);
  });

  it('never carries a value from the query or body', () => {
    const name = operationOf('GET', '/api/v1/dossiers?bsn=900000107', {}, '');
    expect(name).not.toContain('900000107');
  });
});
