import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../load.ts';

describe('runLoad with a fixed number of requests', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    // Each reply after 20 ms: 10 requests over 2 connections take about 0.1 s.
    server = createServer((_request, response) => {
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}'), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('times the run to its last reply, not to autocannon\'s next whole second', async () => {
    const sample = await runLoad({ url, headers: {}, body: '{}' }, { connections: 2, durationSeconds: 30, requests: 10 });
    expect(sample.served).toBe(10);
    // At least the physical minimum (5 rounds of 20 ms); well under the 1 s autocannon itself reports.
    expect(sample.seconds).toBeGreaterThanOrEqual(0.09);
    expect(sample.seconds).toBeLessThan(0.9);
  });
});
