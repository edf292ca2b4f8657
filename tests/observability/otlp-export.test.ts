/**
 * With OTEL_EXPORTER_OTLP_ENDPOINT set, the gateway's spans go over OTLP/HTTP to `/v1/traces` (here
 * a loopback receiver standing in for a collector), flushed at close at the latest; the payload holds
 * the request's trace id and none of the world's personal data.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestGateway } from '../support/test-gateway.ts';
import { firstLeak, personalDataOf } from './personal-data.ts';
import { AMK, HOUSEHOLD_QUERY, scenario5Bsn } from './queries.ts';

interface Received { readonly path: string; readonly contentType: string; readonly body: Buffer }

let collector: Server;
const received: Received[] = [];

beforeAll(async () => {
  collector = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', contentType: String(request.headers['content-type']), body: Buffer.concat(chunks) });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => new Promise<void>((resolve) => collector.close(() => resolve())));

it('sends the spans of a query to the collector, without personal data', async () => {
  const { port } = collector.address() as AddressInfo;
  const gateway = await startTestGateway({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` } });
  let traceId: string;
  let token: string;
  try {
    token = await gateway.token({ agencyId: AMK.agencyId, purposes: [AMK.purpose] });
    const response = await gateway.raw({ authorization: `Bearer ${token}`, 'x-purpose': AMK.purpose }, { query: HOUSEHOLD_QUERY, variables: { bsn: scenario5Bsn() } });
    expect(response.status).toBe(200);
    traceId = String(response.headers.traceparent).split('-')[1]!;
    // Sampled: tracing is on.
    expect(String(response.headers.traceparent)).toMatch(/-01$/);
  } finally {
    await gateway.close();
  }
  expect(received.length).toBeGreaterThan(0);
  for (const request of received) expect(request.path).toBe('/v1/traces');
  const payload = Buffer.concat(received.map((request) => request.body));
  // OTLP/HTTP protobuf carries ids as raw bytes, JSON as hex: either way the trace is in there.
  expect(payload.includes(Buffer.from(traceId, 'hex')) || payload.includes(Buffer.from(traceId))).toBe(true);
  expect(payload.toString('utf8')).toContain('audit commit');
  expect(firstLeak(payload.toString('utf8'), [...personalDataOf(), token, token.split('.')[2]!])).toBeUndefined();
});
