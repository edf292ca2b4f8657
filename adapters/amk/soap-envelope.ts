/**
 * The SOAP 1.1 envelopes the AMK system exchanges: requests carrying a WS-Security UsernameToken,
 * responses, and faults whose `detail` holds the AMK's own error code. Shared by the client and the
 * mock, so both speak exactly one dialect.
 */
import type { AmkFoutcode } from './wire-types.ts';
import {
  AMK_NS, SOAP_ENV_NS, WSSE_NS, XmlDecodeError, attribute, childElements, parseDocument, textOf, toPlain, type XmlElement,
} from './soap-xml.ts';
import { buildDocument, qualify } from './xml-write.ts';

/** The operations that receive acts from chain partners (issue 13); the others only read. */
export const AMK_INBOUND_OPERATIONS = ['OntvangOverdracht', 'OntvangAntwoord', 'OntvangTerugkoppeling'] as const;
export type AmkInboundOperation = (typeof AMK_INBOUND_OPERATIONS)[number];

/** In service.wsdl's order; HaalWijzigingenOp is the change feed (issue 12). */
export const AMK_OPERATIONS = [
  'HaalZakenOp', 'ZoekZakenOpBsn', 'ZoekZakenOpGemeente', 'HaalMeldingenOp', 'HaalOverdrachtenOp', 'HaalWijzigingenOp',
  ...AMK_INBOUND_OPERATIONS,
] as const;
export type AmkOperation = (typeof AMK_OPERATIONS)[number];

export const PASSWORD_TEXT =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';

export interface AmkCredentials {
  readonly username: string;
  readonly password: string;
}

/** The SOAPAction header value of an operation (quoted, as SOAP 1.1 writes it). */
export const soapActionOf = (operation: AmkOperation): string => `"${AMK_NS}/${operation}"`;

function envelope(header: unknown, body: unknown): string {
  return buildDocument({
    'soap:Envelope': {
      '@_xmlns:soap': SOAP_ENV_NS,
      '@_xmlns:amk': AMK_NS,
      ...(header === undefined ? {} : { 'soap:Header': header }),
      'soap:Body': body,
    },
  });
}

export function buildRequest(operation: AmkOperation, content: object, credentials: AmkCredentials): string {
  const security = {
    'wsse:Security': {
      '@_xmlns:wsse': WSSE_NS,
      '@_soap:mustUnderstand': '1',
      'wsse:UsernameToken': {
        'wsse:Username': credentials.username,
        'wsse:Password': { '@_Type': PASSWORD_TEXT, '#text': credentials.password },
      },
    },
  };
  return envelope(security, { [`amk:${operation}`]: qualify(content, 'amk') });
}

export function buildResponse(operation: AmkOperation, content: object): string {
  return envelope(undefined, { [`amk:${operation}Response`]: qualify(content, 'amk') });
}

export function buildFault(side: 'Client' | 'Server', code: AmkFoutcode, description: string): string {
  return envelope(undefined, {
    'soap:Fault': {
      faultcode: `soap:${side}`,
      faultstring: description,
      detail: { 'amk:fout': { 'amk:foutcode': code, 'amk:omschrijving': description } },
    },
  });
}

export type DecodedBody =
  | { readonly kind: 'message'; readonly name: string; readonly content: Readonly<Record<string, unknown>> }
  | { readonly kind: 'fault'; readonly side: 'Client' | 'Server' | 'other'; readonly code: string | null };

export interface DecodedEnvelope {
  readonly header: XmlElement | null;
  readonly body: DecodedBody;
}

function decodeFault(fault: XmlElement): DecodedBody {
  const parts = childElements(fault);
  // SOAP 1.1 fault children are unqualified; `faultcode` is a QName with dotted sub-codes (Client.Auth).
  const faultcode = parts.find((part) => part.ns === '' && part.name === 'faultcode');
  if (!faultcode) throw new XmlDecodeError('SOAP fault without faultcode');
  const local = textOf(faultcode).slice(textOf(faultcode).indexOf(':') + 1).split('.')[0];
  const side = local === 'Client' || local === 'Server' ? local : 'other';
  const detail = parts.find((part) => part.ns === '' && part.name === 'detail');
  const fout = detail ? childElements(detail).find((part) => part.ns === AMK_NS && part.name === 'fout') : undefined;
  const foutcode = fout ? childElements(fout).find((part) => part.ns === AMK_NS && part.name === 'foutcode') : undefined;
  return { kind: 'fault', side, code: foutcode ? textOf(foutcode) : null };
}

/** Reads an envelope; throws XmlDecodeError when it is not a SOAP 1.1 envelope with one AMK body element or a fault. */
export function decodeEnvelope(xml: string): DecodedEnvelope {
  const root = parseDocument(xml);
  if (root.ns !== SOAP_ENV_NS || root.name !== 'Envelope') throw new XmlDecodeError('not a SOAP 1.1 envelope');
  const parts = childElements(root).filter((part) => part.ns === SOAP_ENV_NS);
  const header = parts.find((part) => part.name === 'Header') ?? null;
  const bodies = parts.filter((part) => part.name === 'Body');
  if (bodies.length !== 1 || bodies[0] === undefined) throw new XmlDecodeError('envelope without exactly one Body');
  const entries = childElements(bodies[0]);
  const fault = entries.find((entry) => entry.ns === SOAP_ENV_NS && entry.name === 'Fault');
  if (fault) return { header, body: decodeFault(fault) };
  const messages = entries.filter((entry) => entry.ns === AMK_NS);
  if (messages.length !== 1 || messages[0] === undefined) throw new XmlDecodeError('Body without exactly one AMK element');
  const content = toPlain(messages[0], AMK_NS);
  return {
    header,
    body: { kind: 'message', name: messages[0].name, content: typeof content === 'object' && content !== null ? content as Record<string, unknown> : {} },
  };
}

/** The UsernameToken in a request's wsse:Security header, or null when there is none. */
export function readUsernameToken(header: XmlElement | null): { username: string; password: string; type: string | undefined } | null {
  const security = header ? childElements(header).find((part) => part.ns === WSSE_NS && part.name === 'Security') : undefined;
  const token = security ? childElements(security).find((part) => part.ns === WSSE_NS && part.name === 'UsernameToken') : undefined;
  if (!token) return null;
  const fields = childElements(token).filter((part) => part.ns === WSSE_NS);
  const username = fields.find((part) => part.name === 'Username');
  const password = fields.find((part) => part.name === 'Password');
  if (!username || !password) return null;
  return { username: textOf(username), password: textOf(password), type: attribute(password, '', 'Type') };
}
