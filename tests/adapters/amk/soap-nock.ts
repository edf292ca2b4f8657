/** nock helpers for the AMK's SOAP endpoint: match a call by operation and exact content, reply with an envelope. */
import { isDeepStrictEqual } from 'node:util';
import type nock from 'nock';
import { buildFault, buildResponse, decodeEnvelope, readUsernameToken, soapActionOf, type AmkOperation } from '#adapters/amk/soap-envelope.ts';
import type { AmkFoutcode } from '#adapters/amk/wire-types.ts';
import { CREDENTIALS } from './context.ts';

export const BASE_URL = 'http://amk.test';
export const XML_HEADERS = { 'content-type': 'text/xml; charset=utf-8' };

/** What a matched call carried, for assertions after the fact. */
export interface SeenCall {
  readonly operation: string;
  readonly content: unknown;
}

/**
 * Intercepts one SOAP call of `operation` whose body content equals `content` exactly and whose
 * header carries the test credentials; `seen` collects what matched.
 */
export function soapCall(scope: nock.Scope, operation: AmkOperation, content: unknown, seen?: SeenCall[]): nock.Interceptor {
  return scope
    .post('/soap/amk', (body: string) => {
      const envelope = decodeEnvelope(body);
      const token = readUsernameToken(envelope.header);
      const matches = envelope.body.kind === 'message' && envelope.body.name === operation
        && isDeepStrictEqual(envelope.body.content, content)
        && token?.username === CREDENTIALS.username && token.password === CREDENTIALS.password;
      if (matches) seen?.push({ operation, content });
      return matches;
    })
    .matchHeader('content-type', 'text/xml; charset=utf-8')
    .matchHeader('soapaction', soapActionOf(operation));
}

export const ok = (operation: AmkOperation, content: object): [number, string, Record<string, string>] =>
  [200, buildResponse(operation, content), XML_HEADERS];

export const fault = (status: number, side: 'Client' | 'Server', code: AmkFoutcode): [number, string, Record<string, string>] =>
  [status, buildFault(side, code, 'omschrijving'), XML_HEADERS];
