/**
 * Child process of the benchmark: the four agency mocks over one scaled world, on loopback. They run
 * apart from the contender so their CPU (serialising thousands of legacy records a second) is not
 * billed to the gateway's event loop; on a 2-core box the OS still shares the cores, which is the
 * same for every contender. Counts every request per agency and per legacy operation.
 * Usage (by bench/run.ts only): node bench/mocks-process.ts <households> [bjz-rate-limit-per-second|''] [covenants-dir]
 */
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startBjzMock } from '#adapters/bjz/mock.ts';
import type { MockServer } from '#mock-world/mock-server.ts';
import { createWorld } from '#mock-world/index.ts';
import { agenciesInFolder, EMBEDDED_AGENCIES, type AdapterName } from '#src/config/agencies.ts';
import { MOCKS } from '#src/dev/embedded-agencies.ts';
import { operationOf } from './classify-upstream.ts';
import { serve } from './ipc.ts';

export interface MockAgency {
  readonly agencyId: string;
  readonly adapter: AdapterName;
  readonly url: string;
}

export interface MockCounts {
  /** Requests each mock served since start (MockServer.requestCount). */
  readonly perAgency: Readonly<Record<string, number>>;
  /** Requests per agency per legacy operation since start. */
  readonly operations: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Replies with status 400 or more, per agency per status (429: the BJZ rate limit), since start. */
  readonly rejected: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

const households = Number(process.argv[2] ?? '10000');
// The BJZ mock answers 429 (Retry-After: 1) above a per-client rate, 200/s by default; the benchmark
// may lift it so the figures measure the contenders rather than that limit (bench/README.md).
const bjzRateLimit = process.argv[3] ? Number(process.argv[3]) : undefined;
// A covenants folder with generated organisations (--organisations): a mock for each of their systems too.
const covenantsDir = process.argv[4] || null;
const agencies = covenantsDir ? agenciesInFolder(covenantsDir) : EMBEDDED_AGENCIES;
const world = createWorld({ households });
const mocks: { agencyId: string; adapter: AdapterName; mock: MockServer; port: number }[] = [];
for (const agency of agencies) {
  if (!agency.upstream) continue;
  const mock = agency.upstream.adapter === 'bjz' && bjzRateLimit !== undefined
    ? await startBjzMock({ world, agencyId: agency.id, host: '127.0.0.1', rateLimitPerSecond: bjzRateLimit })
    : await MOCKS[agency.upstream.adapter].start({ world, agencyId: agency.id, host: '127.0.0.1' });
  mocks.push({ agencyId: agency.id, adapter: agency.upstream.adapter, mock, port: Number(new URL(mock.url).port) });
}

const operations = new Map<string, Map<string, number>>(mocks.map(({ agencyId }) => [agencyId, new Map()]));
const byPort = new Map(mocks.map(({ agencyId, port }) => [port, agencyId]));
// Published by Node's HTTP server before the mock's own handler sees the request, so listening
// here changes nothing in the mocks. The body start is read alongside the mock's own reader.
subscribe('http.server.request.start', (message) => {
  const { request } = message as { request: IncomingMessage };
  const agencyId = byPort.get(request.socket.localPort ?? -1);
  const counts = agencyId ? operations.get(agencyId) : undefined;
  if (!counts) return;
  let start = '';
  request.on('data', (chunk: Buffer) => {
    if (start.length < 256) start += chunk.toString('utf8', 0, 256);
  });
  request.on('end', () => {
    const name = operationOf(request.method ?? 'GET', request.url ?? '/', request.headers, start);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  });
});

const rejected = new Map<string, Map<string, number>>(mocks.map(({ agencyId }) => [agencyId, new Map()]));
subscribe('http.server.response.finish', (message) => {
  const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
  const counts = rejected.get(byPort.get(request.socket?.localPort ?? -1) ?? '');
  if (!counts || response.statusCode < 400) return;
  counts.set(String(response.statusCode), (counts.get(String(response.statusCode)) ?? 0) + 1);
});

serve({
  setKnobs: (knobs: { latencyMs: number }) => {
    for (const { mock } of mocks) mock.setKnobs({ latencyMs: knobs.latencyMs });
  },
  counts: (): MockCounts => ({
    perAgency: Object.fromEntries(mocks.map(({ agencyId, mock }) => [agencyId, mock.requestCount()])),
    operations: Object.fromEntries([...operations].map(([agencyId, counts]) => [agencyId, Object.fromEntries(counts)])),
    rejected: Object.fromEntries([...rejected].map(([agencyId, counts]) => [agencyId, Object.fromEntries(counts)])),
  }),
  close: async () => {
    await Promise.all(mocks.map(({ mock }) => mock.close()));
  },
}, { households: world.households.length, agencies: mocks.map(({ agencyId, adapter, mock }): MockAgency => ({ agencyId, adapter, url: mock.url })) });
