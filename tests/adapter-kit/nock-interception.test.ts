/**
 * Pins what nock 15 intercepts, because createUpstreamHttp depends on it (see the comment at the
 * top of src/adapter-kit/http.ts). If an upgrade of nock, @mswjs/interceptors or undici changes the
 * answer, these tests say so before every adapter test starts failing in confusing ways.
 */
import nock from 'nock';
import pino from 'pino';
import { Pool } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUpstreamHttp } from '#kit/http.ts';

const silent = pino({ level: 'silent' });

beforeEach(() => {
  nock.cleanAll();
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('nock 15 and the undici call path createUpstreamHttp uses', () => {
  it('intercepts Dispatcher.request() on an undici Pool (the production path)', async () => {
    const scope = nock('http://ashg.test').get('/ping').reply(200, 'pong', { 'x-origin': 'nock' });
    const pool = new Pool('http://ashg.test', { connections: 2 });
    try {
      const response = await pool.request({ method: 'GET', path: '/ping' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-origin']).toBe('nock');
      expect(await response.body.text()).toBe('pong');
      expect(scope.isDone()).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('intercepts createUpstreamHttp with its default Pool, query string included', async () => {
    const scope = nock('http://ashg.test').get('/api/v1/meldingen').query({ id: ['a', 'b'] }).reply(200, '[]');
    const http = createUpstreamHttp({ agencyId: 'ashg-groningen', baseUrl: 'http://ashg.test/api/v1/', logger: silent });
    try {
      const response = await http.request({ method: 'GET', path: '/meldingen', query: { id: ['a', 'b'] } });
      expect(response).toMatchObject({ status: 200, body: '[]' });
      expect(scope.isDone()).toBe(true);
      expect(http.stats()).toEqual({ calls: 1, failures: 0, shortCircuited: 0 });
    } finally {
      await http.close();
    }
  });

  it('refuses an unmatched call under disableNetConnect instead of reaching the network', async () => {
    const http = createUpstreamHttp({ agencyId: 'ashg-groningen', baseUrl: 'http://ashg.test', logger: silent, resilience: { retries: 0 } });
    try {
      const error = await http.request({ method: 'GET', path: '/nobody-mocked-this', query: { bsn: '123456782' } }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', agency: 'ashg-groningen' });
      // nock's own message quotes the URL with its query; the AdapterError and its cause must not.
      expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('123456782');
      expect(String((error as Error).message) + String((error as Error).cause)).not.toContain('123456782');
    } finally {
      await http.close();
    }
  });

  it('times out a .delay()ed reply mid-body and keeps the pool usable, given a Content-Length', async () => {
    const scope = nock('http://ashg.test').replyContentLength();
    scope.get('/slow').delay(3000).reply(200, 'slow body');
    scope.get('/after').reply(200, 'fine');
    const http = createUpstreamHttp({
      agencyId: 'ashg-groningen', baseUrl: 'http://ashg.test', logger: silent, resilience: { timeoutMs: 250, retries: 0, connections: 1 },
    });
    try {
      await expect(http.request({ method: 'GET', path: '/slow' })).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
      // With one connection, a connection left stuck by the abort would hang this call.
      await expect(http.request({ method: 'GET', path: '/after' })).resolves.toMatchObject({ status: 200, body: 'fine' });
      expect(scope.isDone()).toBe(true);
    } finally {
      await http.close();
    }
  });

  it('surfaces replyWithError(Error) as a connection failure', async () => {
    nock('http://ashg.test').get('/reset').replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const http = createUpstreamHttp({ agencyId: 'ashg-groningen', baseUrl: 'http://ashg.test', logger: silent, resilience: { retries: 0 } });
    try {
      const error = await http.request({ method: 'GET', path: '/reset' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', cause: { code: 'ECONNRESET' } });
    } finally {
      await http.close();
    }
  });
});
