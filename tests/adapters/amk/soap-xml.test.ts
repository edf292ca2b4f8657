import { describe, expect, it } from 'vitest';
import {
  PASSWORD_TEXT, buildFault, buildRequest, buildResponse, decodeEnvelope, readUsernameToken,
} from '#adapters/amk/soap-envelope.ts';
import { AMK_NS, SOAP_ENV_NS, WSSE_NS, XmlDecodeError } from '#adapters/amk/soap-xml.ts';

const envelope = (body: string, extra = '') =>
  `<?xml version="1.0"?><s:Envelope xmlns:s="${SOAP_ENV_NS}"${extra}><s:Body>${body}</s:Body></s:Envelope>`;

function content(xml: string): unknown {
  const decoded = decodeEnvelope(xml);
  if (decoded.body.kind !== 'message') throw new Error('expected a message');
  return decoded.body.content;
}

describe('AMK SOAP decoding', () => {
  it('keeps a list of one a list, and an empty list container an empty list', () => {
    const xml = envelope(`<a:HaalZakenOpResponse xmlns:a="${AMK_NS}"><a:zaken><a:zaak><a:zaakId>Z1</a:zaakId>`
      + '<a:gezin/><a:kinderen><a:kind><a:kindnummer>K1</a:kindnummer></a:kind></a:kinderen></a:zaak></a:zaken></a:HaalZakenOpResponse>');
    expect(content(xml)).toEqual({
      zaken: { zaak: [{ zaakId: 'Z1', gezin: { gezinslid: [] }, kinderen: { kind: [{ kindnummer: 'K1' }] } }] },
    });
  });

  it('matches on namespace URI whatever the prefixes, including a default namespace', () => {
    const xml = `<Envelope xmlns="${SOAP_ENV_NS}"><Body><HaalZakenOpResponse xmlns="${AMK_NS}"><zaken>`
      + '<zaak><zaakId>Z1</zaakId></zaak><zaak><zaakId>Z2</zaakId></zaak></zaken></HaalZakenOpResponse></Body></Envelope>';
    expect(content(xml)).toEqual({ zaken: { zaak: [{ zaakId: 'Z1' }, { zaakId: 'Z2' }] } });
  });

  it('leaves out elements of other namespaces and xsi:nil elements', () => {
    const xml = envelope(`<a:R xmlns:a="${AMK_NS}" xmlns:x="urn:other" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`
      + '<a:naam>N</a:naam><x:naam>other</x:naam><a:school xsi:nil="true"/></a:R>');
    expect(content(xml)).toEqual({ naam: 'N' });
  });

  it('knows the xml prefix without a declaration (xml:lang on a text)', () => {
    const xml = envelope(`<a:R xmlns:a="${AMK_NS}"><a:relaas xml:lang="nl">Tekst</a:relaas></a:R>`);
    expect(content(xml)).toEqual({ relaas: 'Tekst' });
  });

  it('decodes entities and numeric character references, and keeps leading zeros as text', () => {
    const xml = envelope(`<a:R xmlns:a="${AMK_NS}"><a:naam>Ren&#233; &amp; Zo&#xEB; &lt;b&gt; &amp;#233; &#38;</a:naam><a:nr>007</a:nr></a:R>`);
    expect(content(xml)).toEqual({ naam: 'René & Zoë <b> &#233; &', nr: '007' });
  });

  it.each([
    ['truncated XML', `<s:Envelope xmlns:s="${SOAP_ENV_NS}"><s:Body><a:R xmlns:a="${AMK_NS}"><a:zaken>`],
    ['not XML', 'Service Unavailable'],
    ['a SOAP 1.2 envelope', `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><a:R xmlns:a="${AMK_NS}"/></s:Body></s:Envelope>`],
    ['a body element of another namespace', envelope('<x:R xmlns:x="urn:amk:zaken:v2"/>')],
    ['an empty body', envelope('')],
    ['an undeclared prefix', envelope('<a:R/>')],
    ['a document type declaration', `<!DOCTYPE s:Envelope [<!ENTITY e "x">]>${envelope(`<a:R xmlns:a="${AMK_NS}">&e;</a:R>`)}`],
  ])('rejects %s', (_, xml) => {
    expect(() => decodeEnvelope(xml)).toThrow(XmlDecodeError);
  });

  it('reads faults: side from the faultcode QName (sub-codes too), code from the AMK detail', () => {
    expect(decodeEnvelope(buildFault('Client', 'AUTH', 'nee')).body).toEqual({ kind: 'fault', side: 'Client', code: 'AUTH' });
    expect(decodeEnvelope(buildFault('Server', 'STORING', 'stuk')).body).toEqual({ kind: 'fault', side: 'Server', code: 'STORING' });
    const dotted = envelope('<s:Fault><faultcode>s:Client.Authentication</faultcode><faultstring>x</faultstring></s:Fault>');
    expect(decodeEnvelope(dotted).body).toEqual({ kind: 'fault', side: 'Client', code: null });
  });
});

describe('AMK SOAP writing', () => {
  it('escapes every value it writes, and what it writes reads back the same', () => {
    const nasty = 'A & B <c> "d" \'e\' ]]> &amp;';
    const xml = buildResponse('HaalZakenOp', { zaken: { zaak: [{ zaakId: nasty, gemeente: undefined, school: null }] } });
    expect(xml).not.toContain('<c>');
    expect(content(xml)).toEqual({ zaken: { zaak: [{ zaakId: nasty }] } });
  });

  it('puts a WS-Security UsernameToken (PasswordText) in the request header', () => {
    const xml = buildRequest('HaalZakenOp', { zaakIds: { zaakId: ['Z1'] } }, { username: 'u<1>', password: 'p&"2' });
    const decoded = decodeEnvelope(xml);
    expect(readUsernameToken(decoded.header)).toEqual({ username: 'u<1>', password: 'p&"2', type: PASSWORD_TEXT });
    expect(xml).toContain(`xmlns:wsse="${WSSE_NS}"`);
    expect(decoded.body).toEqual({ kind: 'message', name: 'HaalZakenOp', content: { zaakIds: { zaakId: ['Z1'] } } });
  });
});
