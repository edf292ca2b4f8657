/** createUpstreamHttp against real loopback sockets: body bound, aborts, connection errors, pooling. */
import { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestHttp } from './http-harness.ts';
import { startLoopbackServer, type LoopbackServer } from './loopback-server.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(handle: Parameters<typeof startLoopbackServer>[0]): Promise<LoopbackServer> {
  const started = await startLoopbackServer(handle);
  cleanups.push(() => started.close());
  return started;
}

function http(baseUrl: string, resilience: Parameters<typeof createTestHttp>[0] = {}) {
  const made = createTestHttp({ baseUrl, ...resilience });
  cleanups.push(() => made.http.close());
  return made;
}

describe('body bound', () => {
  it('stops reading a streamed body (no Content-Length) at maxResponseBytes', async () => {
    let written = 0;
    const upstream = await server((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/csv' });
      const timer = setInterval(() => {
        written += 16 * 1024;
        response.write(Buffer.alloc(16 * 1024, 0x61));
      }, 1);
      response.on('close', () => clearInterval(timer));
    });
    const { http: client } = http(upstream.url, { resilience: { maxResponseBytes: 64 * 1024, timeoutMs: 5000, retries: 2 } });
    await expect(client.request({ method: 'GET', path: '/export' })).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', status: 200 });
    expect(written).toBeLessThan(1024 * 1024);
    expect(upstream.requests()).toBe(1); // not retried: a bad answer is not a transient one
  });
});

describe('caller abort', () => {
  it('aborts an in-flight call at once, without retry and without counting it as an upstream failure', async () => {
    const upstream = await server(() => undefined); // never answers
    const { http: client } = http(upstream.url, { resilience: { timeoutMs: 5000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('client went away')), 30);
    const started = Date.now();
    const error = await client.request({ method: 'GET', path: '/meldingen', signal: controller.signal }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', agency: 'ashg-groningen', cause: { name: 'CallerAbortedError' } });
    expect(client.stats()).toEqual({ calls: 1, failures: 0, shortCircuited: 0 });
    expect(upstream.requests()).toBe(1);
  });

  it('does not call at all with an already aborted signal', async () => {
    const upstream = await server((_request, response) => response.end('ok'));
    const { http: client } = http(upstream.url);
    await expect(client.request({ method: 'GET', path: '/', signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(upstream.requests()).toBe(0);
  });

  it('cuts a back-off wait short (default sleep)', async () => {
    const upstream = await server((_request, response) => {
      response.statusCode = 503;
      response.end();
    });
    const { http: client } = http(upstream.url, {
      sleep: undefined, random: () => 0.99, resilience: { backoffBaseMs: 1500, backoffMaxMs: 2000 },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(client.request({ method: 'GET', path: '/', signal: controller.signal })).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(upstream.requests()).toBe(1);
  });
});

describe('connection failures', () => {
  it('maps connection refused to UPSTREAM_UNAVAILABLE after retrying', async () => {
    const gone = await startLoopbackServer(() => undefined);
    await gone.close();
    const { http: client, sleeps } = http(gone.url);
    const error = await client.request({ method: 'GET', path: '/' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', agency: 'ashg-groningen', cause: { code: 'ECONNREFUSED' } });
    expect(sleeps).toHaveLength(2);
    expect(client.stats()).toMatchObject({ calls: 3, failures: 3 });
  });

  it('maps a connection reset mid-answer to UPSTREAM_UNAVAILABLE', async () => {
    const upstream = await server((request) => request.socket.destroy());
    const { http: client } = http(upstream.url, { resilience: { retries: 0 } });
    await expect(client.request({ method: 'GET', path: '/' })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });

  it('maps a silent upstream to UPSTREAM_TIMEOUT', async () => {
    const upstream = await server(() => undefined);
    const { http: client } = http(upstream.url, { resilience: { timeoutMs: 40, retries: 1 } });
    await expect(client.request({ method: 'GET', path: '/' })).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(upstream.requests()).toBe(2);
  });
});

describe('keep-alive pool', () => {
  it('reuses connections and never opens more than `connections`', async () => {
    const upstream = await server((_request, response) => setTimeout(() => response.end('ok'), 10));
    const { http: client } = http(upstream.url, { resilience: { connections: 2 } });
    // undici may open the second connection a tick before the first is marked free; reuse still shows.
    for (let i = 0; i < 6; i++) await client.request({ method: 'GET', path: `/${i}` });
    expect(upstream.connections()).toBeLessThanOrEqual(2);
    await Promise.all(Array.from({ length: 10 }, (_, i) => client.request({ method: 'GET', path: `/p/${i}` })));
    expect(upstream.requests()).toBe(16);
    expect(upstream.connections()).toBe(2);
  });

  it('closes the Pool it created, but leaves an injected dispatcher to its owner', async () => {
    const upstream = await server((_request, response) => response.end('ok'));
    const own = createTestHttp({ baseUrl: upstream.url, resilience: { retries: 0 } });
    await own.http.close();
    await expect(own.http.request({ method: 'GET', path: '/' })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });

    await own.http.close(); // a second close (adapter, then gateway) is harmless

    const pool = new Pool(upstream.url);
    cleanups.push(() => pool.close());
    const borrowed = createTestHttp({ baseUrl: upstream.url, dispatcher: pool });
    await borrowed.http.close();
    const response = await pool.request({ method: 'GET', path: '/' });
    expect(await response.body.text()).toBe('ok');
  });

  it('refuses nonsensical resilience options at construction', () => {
    expect(() => createTestHttp({ resilience: { connections: 0 } })).toThrow(RangeError);
    expect(() => createTestHttp({ baseUrl: 'not a url' })).toThrow();
  });
});
