/**
 * Every edge of the HTTP contract answers with a code (docs/http.md), over a real socket where the
 * request is one fetch and inject cannot send: malformed HTTP, repeated headers, oversized headers, a
 * body or headers that trickle in (cut within the configured bound, here 500 ms).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { rawRequest, requestHead } from '../support/raw-http.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const AS = { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' };
const BOUND_MS = 500;

describe('HTTP edges', () => {
  let gateway: TestGateway;
  let port: number;
  let auth: [string, string][];
  beforeAll(async () => {
    gateway = await startTestGateway({ env: { KETENPOORT_BODY_TIMEOUT_MS: String(BOUND_MS), KETENPOORT_HEADERS_TIMEOUT_MS: String(BOUND_MS) } });
    await gateway.gateway.app.listen({ host: '127.0.0.1', port: 0 });
    port = (gateway.gateway.app.server.address() as AddressInfo).port;
    const token = await gateway.token({ agencyId: AS.agencyId, purposes: [AS.purpose] });
    auth = [['Authorization', `Bearer ${token}`], ['X-Purpose', AS.purpose]];
  });
  afterAll(async () => gateway?.close());

  const inject = (options: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; headers?: Record<string, string>; payload?: string }) =>
    gateway.gateway.app.inject({ ...options, headers: { ...Object.fromEntries(auth), ...options.headers } });

  describe('operations the schema does not have', () => {
    it.each(['mutation { x }', 'subscription { x }', 'subscription S { __typename }'])('refuses "%s" with 400 GRAPHQL_VALIDATION_FAILED', async (query) => {
      const response = await gateway.query(AS, query);
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(response.body.data ?? null).toBeNull();
    });
  });

  describe('GET /graphql', () => {
    it('answers a query', async () => {
      const response = await inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent('{ me { role purpose } }')}` });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ data: { me: { role: 'caseworker', purpose: AS.purpose } } });
    });

    it('admits the caller first, as POST does', async () => {
      const response = await gateway.gateway.app.inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent('{ me { role } }')}` });
      expect(response.statusCode).toBe(401);
      expect(response.json().errors[0].extensions.code).toBe('TOKEN_MISSING');
    });

    it('never runs a mutation: 405 with Allow: POST', async () => {
      const response = await inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent('mutation { __typename }')}` });
      expect(response.statusCode).toBe(405);
      expect(response.headers.allow).toBe('POST');
      expect(response.json().errors[0].extensions.code).toBe('BAD_REQUEST');
    });

    it('answers application/graphql-response+json when accepted, with 400 for a parse error', async () => {
      const accept = { accept: 'application/graphql-response+json' };
      const ok = await inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent('{ me { role } }')}`, headers: accept });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['content-type']).toMatch(/^application\/graphql-response\+json/);
      const broken = await inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent('{ me { ')}`, headers: accept });
      expect(broken.statusCode).toBe(400);
      expect(broken.headers['content-type']).toMatch(/^application\/graphql-response\+json/);
      expect(broken.json().errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(broken.json()).not.toHaveProperty('data');
    });
  });

  describe('methods and paths', () => {
    it.each(['PUT', 'DELETE'] as const)('answers %s /graphql with 405 METHOD_NOT_ALLOWED and Allow', async (method) => {
      const response = await inject({ method, url: '/graphql' });
      expect(response.statusCode).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD, POST');
      expect(response.json().errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
    });

    it('answers an unknown path with 404 NOT_FOUND', async () => {
      const response = await inject({ method: 'GET', url: '/nothing-here' });
      expect(response.statusCode).toBe(404);
      expect(response.json().errors[0].extensions.code).toBe('NOT_FOUND');
    });

    it('answers a body of another type with 415 UNSUPPORTED_MEDIA_TYPE and a too large one with 413 PAYLOAD_TOO_LARGE', async () => {
      const plain = await inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'text/plain' }, payload: '{ me { role } }' });
      expect(plain.statusCode).toBe(415);
      expect(plain.json().errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const large = await inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query: `{ me { role } } #${'x'.repeat(300 * 1024)}` }) });
      expect(large.statusCode).toBe(413);
      expect(large.json().errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('answers a body that is not JSON with 400 BAD_REQUEST', async () => {
      const response = await inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: '{"query": ' });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].extensions.code).toBe('BAD_REQUEST');
    });
  });

  describe('page sizes', () => {
    it.each([-1, 0, 101])('refuses households(first: %i) with BAD_USER_INPUT', async (first) => {
      const response = await gateway.query(AS, `{ households(municipality: "Groningen", first: ${first}) { edges { node { id } } } }`);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.body.data ?? null).toBeNull();
    });

    it('still answers the bounds themselves', async () => {
      for (const first of [1, 100]) {
        const response = await gateway.query(AS, `{ households(municipality: "Groningen", first: ${first}) { edges { node { id } } } }`);
        expect(response.body.errors).toBeUndefined();
      }
    });
  });

  describe('over a raw socket', () => {
    const body = JSON.stringify({ query: '{ me { role } }' });
    const json = (length = body.length): [string, string][] => [['Content-Type', 'application/json'], ['Content-Length', String(length)]];

    it('answers a well-formed request (the harness itself works)', async () => {
      const response = await rawRequest(port, requestHead('POST', '/graphql', [...auth, ...json()], body));
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ data: { me: { role: 'caseworker' } } });
    });

    it.each(['X-Purpose', 'Authorization'])('refuses %s sent twice with 400 DUPLICATE_HEADER', async (name) => {
      const repeated = auth.find(([header]) => header === name)!;
      const response = await rawRequest(port, requestHead('POST', '/graphql', [...auth, repeated, ...json()], body));
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(response.body).errors[0].extensions.code).toBe('DUPLICATE_HEADER');
    });

    const malformed = [
      { name: 'a request line that is not HTTP', head: 'HELLO THERE\r\n\r\n' },
      { name: 'a header line without a colon (header injection)', head: 'POST /graphql HTTP/1.1\r\nHost: x\r\nX-Purpose: a\r\ninjected\r\n\r\n' },
      { name: 'two different Content-Length headers', head: `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nContent-Length: 3\r\n\r\n${body}` },
      { name: 'Content-Length with Transfer-Encoding', head: `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n` },
    ];
    it.each(malformed)('refuses $name with 400 MALFORMED_REQUEST', async ({ head }) => {
      const response = await rawRequest(port, head);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body).errors[0].extensions.code).toBe('MALFORMED_REQUEST');
    });

    it('refuses headers over node\'s limit with 431 HEADERS_TOO_LARGE', async () => {
      const response = await rawRequest(port, requestHead('GET', '/healthz', [['X-Big', 'a'.repeat(20_000)]]));
      expect(response.status).toBe(431);
      expect(JSON.parse(response.body).errors[0].extensions.code).toBe('HEADERS_TOO_LARGE');
    });

    // The drip would take 6 s to finish; the bound is 500 ms. Node checks on a timer of a quarter of it.
    it('cuts a body that trickles in (one byte every 100 ms) with 408 REQUEST_TIMEOUT within the bound', async () => {
      const response = await rawRequest(port, requestHead('POST', '/graphql', [...auth, ...json(60)]), { drip: { chunks: Array.from({ length: 60 }, () => ' '), everyMs: 100 } });
      expect(response.status).toBe(408);
      expect(JSON.parse(response.body).errors[0].extensions.code).toBe('REQUEST_TIMEOUT');
      expect(response.closedAfterMs).toBeGreaterThanOrEqual(BOUND_MS - 50);
      expect(response.closedAfterMs).toBeLessThan(BOUND_MS * 4);
    });

    // Browsers open spare connections ahead of time; a 408 written into one unasked would be read as the
    // answer to the next request sent on it (the privacy console's sign-in failed on exactly that).
    it('closes a connection that sends nothing within the bound, without writing a 408 into it', async () => {
      const response = await rawRequest(port, '');
      expect(response.status).toBe(0);
      expect(response.body).toBe('');
      expect(response.closedAfterMs).toBeLessThan(BOUND_MS * 4);
    });

    it('cuts headers that trickle in with 408 REQUEST_TIMEOUT within the bound', async () => {
      const response = await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', { drip: { chunks: Array.from({ length: 60 }, (_, i) => `X-Slow-${i}: a\r\n`), everyMs: 100 } });
      expect(response.status).toBe(408);
      expect(JSON.parse(response.body).errors[0].extensions.code).toBe('REQUEST_TIMEOUT');
      expect(response.closedAfterMs).toBeLessThan(BOUND_MS * 4);
    });
  });
});
