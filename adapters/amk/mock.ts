/**
 * A runnable mock of the AMK's SOAP endpoint, serving the world's AMK cases on loopback:
 * `POST /soap/amk` with `Content-Type: text/xml` and a SOAPAction matching the body's operation,
 * a WS-Security UsernameToken (PasswordText) in the header, faults with the AMK's detail codes.
 * SOAP 1.1 puts every fault on HTTP 500, but this system (like many SOAP stacks) answers client
 * faults with 4xx and keeps 500 for soap:Server: 401 AUTH, 404 ONBEKEND, 400 LIMIET / VERZOEK.
 * Testers register and remove households while it runs (`records`); HaalWijzigingenOp reports each.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { MockKnobs } from '#kit/contract.ts';
import {
  startMockServer, type MockEndpoint, type MockRecordControl, type MockReply, type MockServer,
} from '#mock-world/mock-server.ts';
import { WORLD_AGENCIES, createWorld, type World } from '#mock-world/index.ts';
import { AMK_SOAP_PATH } from './client.ts';
import { projectAmk, projectAmkHousehold } from './fixtures.ts';
import { createAmkStore } from './mock-operations.ts';
import { createActLedger } from '#mock-world/act-ledger.ts';
import { worldAgencyCode, worldContact } from '#mock-world/receiving.ts';
import type { ReceivingAmk } from './mock-received.ts';
import {
  AMK_OPERATIONS, PASSWORD_TEXT, buildFault, buildResponse, decodeEnvelope, readUsernameToken, soapActionOf,
  type AmkCredentials, type AmkOperation, type DecodedEnvelope,
} from './soap-envelope.ts';
import { AMK_NS, SOAP_ENV_NS } from './soap-xml.ts';
import type { AmkFoutcode } from './wire-types.ts';

/** The UsernameToken the mock accepts unless told otherwise: user `amk-gateway`, password `amk-dev-secret`. */
export const AMK_MOCK_CREDENTIALS: AmkCredentials = { username: 'amk-gateway', password: 'amk-dev-secret' };

export interface AmkMockOptions {
  /** The population to serve. Default `createWorld()` (the six scenarios). */
  readonly world?: World;
  /**
   * The organisation whose system this is: the mock serves the world's cases filed under this id and
   * reports it as its agency. Default WORLD_AGENCIES.amk (`amk-groningen`).
   */
  readonly agencyId?: string;
  /** Latency, error, timeout and malformed-body knobs. Default none. */
  readonly knobs?: MockKnobs;
  /** Port to listen on. Default 0 (any free port). */
  readonly port?: number;
  /** Host to listen on. Default 127.0.0.1. */
  readonly host?: string;
  /** The only UsernameToken accepted. Default AMK_MOCK_CREDENTIALS. */
  readonly credentials?: AmkCredentials;
}

/** A response cut off mid-record, as a dropped connection behind a proxy delivers it. */
const MALFORMED_BODY = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_ENV_NS}" `
  + `xmlns:amk="${AMK_NS}"><soap:Body><amk:HaalZakenOpResponse><amk:zaken><amk:zaak><amk:zaakId>AMK-2026-00`;

const XML_HEADERS = { 'content-type': 'text/xml; charset=utf-8' };

/** The AMK's SOAP endpoint as the mock serves it (specified in service.wsdl). */
export const AMK_MOCK_ENDPOINTS: readonly MockEndpoint[] = [
  { method: 'POST', path: AMK_SOAP_PATH, does: 'SOAP 1.1 (WS-Security UsernameToken): HaalZakenOp, ZoekZakenOpBsn, ZoekZakenOpGemeente, HaalMeldingenOp, HaalOverdrachtenOp; change feed: HaalWijzigingenOp; receiving acts (once per handelingId): OntvangOverdracht, OntvangAntwoord, OntvangTerugkoppeling' },
  { method: 'GET', path: `${AMK_SOAP_PATH}?wsdl`, does: 'the WSDL 1.1 with its XSD (service.wsdl), addressed to this mock' },
];

/** The service description, read once; its soap:address is set to the URL the caller reached the mock at. */
const WSDL = readFileSync(new URL('./service.wsdl', import.meta.url), 'utf8');
const WSDL_ADDRESS = 'http://localhost/soap/amk';

function wsdlReply(host: string | undefined): MockReply {
  const address = /^[\w.:[\]-]+$/.test(host ?? '') ? `http://${host}${AMK_SOAP_PATH}` : WSDL_ADDRESS;
  return { status: 200, headers: XML_HEADERS, body: WSDL.replace(`location="${WSDL_ADDRESS}"`, `location="${address}"`) };
}

function faultReply(status: number, side: 'Client' | 'Server', code: AmkFoutcode, description: string): MockReply {
  return { status, headers: XML_HEADERS, body: buildFault(side, code, description) };
}

// Compares digests so the time taken does not tell how much of a guess was right.
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function authorised(envelope: DecodedEnvelope, credentials: AmkCredentials): boolean {
  const token = readUsernameToken(envelope.header);
  if (!token || (token.type !== undefined && token.type !== PASSWORD_TEXT)) return false;
  return sameSecret(token.username, credentials.username) && sameSecret(token.password, credentials.password);
}

/** The organisation's own code and contact desk, which the zaken it opens for received acts carry. */
function ownSystem(agencyId: string): ReceivingAmk {
  const contact = worldContact(agencyId);
  return { code: worldAgencyCode(agencyId), contact: contact && { naam: contact.name, telefoon: contact.phone, email: contact.email } };
}

const isOperation = (name: string): name is AmkOperation => (AMK_OPERATIONS as readonly string[]).includes(name);

export async function startAmkMock(options: AmkMockOptions = {}): Promise<MockServer> {
  const agencyId = options.agencyId ?? WORLD_AGENCIES.amk;
  const ledger = createActLedger();
  const store = createAmkStore(projectAmk(options.world ?? createWorld(), agencyId), ledger, ownSystem(agencyId));
  const credentials = options.credentials ?? AMK_MOCK_CREDENTIALS;

  function handle(method: string | undefined, headers: Record<string, string | string[] | undefined>, body: string, url: URL): MockReply | null {
    if (url.pathname !== AMK_SOAP_PATH) return null;
    if (method === 'GET' && url.search === '?wsdl') return wsdlReply(typeof headers.host === 'string' ? headers.host : undefined);
    if (method !== 'POST') return { status: 405, headers: { allow: 'POST', 'content-type': 'text/plain' }, body: 'Method Not Allowed' };
    if (!String(headers['content-type'] ?? '').toLowerCase().startsWith('text/xml')) {
      return faultReply(415, 'Client', 'VERZOEK', 'Content-Type moet text/xml zijn');
    }
    let envelope: DecodedEnvelope;
    try {
      envelope = decodeEnvelope(body);
    } catch {
      return faultReply(400, 'Client', 'VERZOEK', 'ongeldig SOAP-bericht');
    }
    if (!authorised(envelope, credentials)) return faultReply(401, 'Client', 'AUTH', 'authenticatie mislukt');
    const message = envelope.body;
    if (message.kind !== 'message' || !isOperation(message.name)) return faultReply(400, 'Client', 'VERZOEK', 'onbekende operatie');
    const action = String(headers.soapaction ?? '');
    if (action !== soapActionOf(message.name) && `"${action}"` !== soapActionOf(message.name)) {
      return faultReply(400, 'Client', 'VERZOEK', 'SOAPAction past niet bij de operatie');
    }
    const result = store.run(message.name, message.content);
    if (result.kind === 'fault') return faultReply(result.status, result.side ?? 'Client', result.code, result.description);
    return { status: 200, headers: XML_HEADERS, body: buildResponse(message.name, result.content) };
  }

  const records: MockRecordControl = {
    addHousehold(household) {
      const held = projectAmkHousehold(household, agencyId);
      if (!held) return null;
      store.register(held);
      return held.zaken[0]?.zaakId ?? null;
    },
    removeHousehold: (zaakId) => store.remove(zaakId),
  };

  return startMockServer({
    agencyId,
    ledger,
    records,
    endpoints: AMK_MOCK_ENDPOINTS,
    handle: (request, body, url) => {
      try {
        return handle(request.method, request.headers, body, url);
      } catch {
        // What a SOAP 1.1 server does with its own failure: a soap:Server fault on HTTP 500.
        return faultReply(500, 'Server', 'STORING', 'interne fout');
      }
    },
    malformedBody: MALFORMED_BODY,
    ...(options.knobs ? { knobs: options.knobs } : {}),
    ...(options.host ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
}
