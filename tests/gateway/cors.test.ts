/** CORS is closed by default and opened only to the origins listed in KETENPOORT_CORS_ORIGINS. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/config.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const ALLOWED = 'https://console.ketenpartner.example';
const preflight = (origin: string) => ({
  method: 'OPTIONS' as const, url: '/graphql',
  headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, x-purpose' },
});

describe('CORS with an allow-list', () => {
  let gateway: TestGateway;
  beforeAll(async () => { gateway = await startTestGateway({ env: { KETENPOORT_CORS_ORIGINS: `${ALLOWED}, https://other.example:8443` } }); });
  afterAll(async () => gateway?.close());

  it('answers a preflight from a listed origin with the methods and headers /graphql takes', async () => {
    const response = await gateway.gateway.app.inject(preflight(ALLOWED));
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(String(response.headers['access-control-allow-methods'])).toBe('GET, POST');
    expect(String(response.headers['access-control-allow-headers'])).toContain('x-purpose');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('refuses a preflight from any other origin with 403 ORIGIN_NOT_ALLOWED and no CORS headers', async () => {
    for (const origin of ['https://evil.example', `${ALLOWED}.evil.example`, 'null', 'http://console.ketenpartner.example']) {
      const response = await gateway.gateway.app.inject(preflight(origin));
      expect(response.statusCode).toBe(403);
      expect(response.json().errors[0].extensions.code).toBe('ORIGIN_NOT_ALLOWED');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('gives an actual request CORS headers only for a listed origin', async () => {
    const ask = (origin: string) => gateway.gateway.app.inject({ method: 'GET', url: '/healthz', headers: { origin } });
    expect((await ask(ALLOWED)).headers['access-control-allow-origin']).toBe(ALLOWED);
    expect((await ask('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS by default', () => {
  let gateway: TestGateway;
  beforeAll(async () => { gateway = await startTestGateway(); });
  afterAll(async () => gateway?.close());

  it('refuses every preflight', async () => {
    const response = await gateway.gateway.app.inject(preflight(ALLOWED));
    expect(response.statusCode).toBe(403);
    expect(response.json().errors[0].extensions.code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('answers an OPTIONS that is no preflight as a method /graphql does not take', async () => {
    const response = await gateway.gateway.app.inject({ method: 'OPTIONS', url: '/graphql' });
    expect(response.statusCode).toBe(405);
    expect(response.json().errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
  });
});

describe('KETENPOORT_CORS_ORIGINS', () => {
  it.each(['*', 'null', 'console.example', 'https://console.example/path'])('refuses "%s": only exact origins', (value) => {
    expect(() => loadConfig({ KETENPOORT_CORS_ORIGINS: value })).toThrow(/KETENPOORT_CORS_ORIGINS/);
  });

  it('bounds the headers by the body timeout and refuses 0', () => {
    expect(loadConfig({ KETENPOORT_BODY_TIMEOUT_MS: '2000', KETENPOORT_HEADERS_TIMEOUT_MS: '5000' }).http).toMatchObject({ bodyTimeoutMs: 2000, headersTimeoutMs: 2000 });
    expect(loadConfig({}).http).toEqual({ bodyTimeoutMs: 10_000, headersTimeoutMs: 10_000, corsOrigins: [] });
    expect(() => loadConfig({ KETENPOORT_BODY_TIMEOUT_MS: '0' })).toThrow(/at least 1/);
  });
});
