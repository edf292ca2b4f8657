/**
 * The shared frame of every agency mock: real HTTP on loopback, with the knobs integration testers
 * turn (latency, error rate, timeouts, malformed bodies). Each adapter supplies only its routes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockKnobs, RunningMock } from '../adapter-kit/contract.ts';
import { createActLedger, type ActLedger, type ReceivedAct } from './act-ledger.ts';
import { createRandom } from './random.ts';
import type { WorldHousehold } from './model.ts';

export interface MockReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

/** One endpoint a mock answers, declared once: `npm run mocks -- --help` and the spec tests read it. */
export interface MockEndpoint {
  readonly method: 'GET' | 'POST';
  /** Path on the mock, with `{name}` for a path parameter and `?query` where the query selects the endpoint. */
  readonly path: string;
  /** What it does, in one line. */
  readonly does: string;
}

export interface MockServerOptions {
  readonly agencyId: string;
  /** The mock's route table, for listings and spec checks (the handler does the routing). */
  readonly endpoints: readonly MockEndpoint[];
  /** Answers one request; the body is read in full first. Return null for 404. */
  readonly handle: (request: IncomingMessage, body: string, url: URL) => MockReply | null | Promise<MockReply | null>;
  /** A broken body in the agency's own dialect (truncated XML, a CSV with the wrong columns...). */
  readonly malformedBody: string;
  readonly knobs?: MockKnobs;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0 (any free port). */
  readonly port?: number;
  /** Where the mock's inbound operations (deliveries of acts) store what they receive. Default an empty ledger. */
  readonly ledger?: ActLedger;
  /** The mock's records as integration testers change them (its change feed reports the changes). */
  readonly records?: MockRecordControl;
}

/**
 * Changes to a mock agency's household records while it runs, as its staff would make them in the
 * legacy system: what the agency's change feed (AgencyAdapter.householdChanges) then reports, and what
 * the involvement index's tests change (issue 12).
 */
export interface MockRecordControl {
  /**
   * Registers the world household with this agency as its fixtures would have (its household record,
   * and whatever else the dialect files with it); answers the agency's id of the new household record,
   * or null when the agency would not hold it (not its region, nothing for it to file).
   */
  addHousehold(household: WorldHousehold): string | null;
  /** Removes the household record (and what hangs off it) from every listing and lookup; false when unknown. */
  removeHousehold(householdLocalId: string): boolean;
}

export interface MockServer extends RunningMock {
  /** The route table the mock was started with. */
  readonly endpoints: readonly MockEndpoint[];
  /** Requests served since start, for tests and benchmarks that count upstream calls. */
  requestCount(): number;
  /** Change knobs while running (e.g. to take the agency "down" mid-test). */
  setKnobs(knobs: MockKnobs): void;
  /** Requests the mock is holding unanswered (the `timeoutRate` knob) whose caller is still connected. */
  hangingCount(): number;
  /**
   * The W3C `traceparent` headers of the requests received, oldest first (the last 1000; a request
   * without one is not listed): tests check that a gateway query's trace reaches the agency.
   */
  receivedTraceparents(): readonly string[];
  /** The acts the agency's inbound operations stored, oldest first, one per act id (tests check idempotency on it). */
  receivedActs(): readonly ReceivedAct[];
  /**
   * Makes the next `times` calls of the mock's inbound operations fail as a transient outage (503, or
   * a soap:Server fault on 500), then work again; 0 turns it off. Reads are not affected.
   */
  failInbound(times: number): void;
  /** Changes to the agency's records (MockRecordControl); null for a mock without them. */
  readonly records: MockRecordControl | null;
}

/** How many received traceparents a mock keeps: a long benchmark run must not grow it without end. */
const KEPT_TRACEPARENTS = 1000;

export async function startMockServer(options: MockServerOptions): Promise<MockServer> {
  let knobs: MockKnobs = options.knobs ?? {};
  let dice = createRandom(knobs.seed ?? 1);
  let served = 0;
  const hanging = new Set<ServerResponse>();
  const traceparents: string[] = [];
  const ledger = options.ledger ?? createActLedger();

  const server = createServer((request, response) => {
    const traceparent = request.headers.traceparent;
    if (typeof traceparent === 'string') {
      traceparents.push(traceparent);
      if (traceparents.length > KEPT_TRACEPARENTS) traceparents.shift();
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      served++;
      void answer(request, response, Buffer.concat(chunks).toString('utf8'));
    });
  });
  server.keepAliveTimeout = 30_000;

  async function answer(request: IncomingMessage, response: ServerResponse, body: string): Promise<void> {
    if (knobs.timeoutRate && dice() < knobs.timeoutRate) {
      hanging.add(response);
      response.on('close', () => hanging.delete(response));
      return;
    }
    if (knobs.latencyMs) await new Promise((resolve) => setTimeout(resolve, knobs.latencyMs));
    if (knobs.rateLimitRate && dice() < knobs.rateLimitRate) {
      send(response, { status: 429, headers: { 'content-type': 'text/plain', 'retry-after': '1' }, body: 'Too Many Requests' });
      return;
    }
    if (knobs.errorRate && dice() < knobs.errorRate) {
      send(response, { status: 503, headers: { 'content-type': 'text/plain' }, body: 'Service Unavailable' });
      return;
    }
    let reply: MockReply | null;
    try {
      reply = await options.handle(request, body, new URL(request.url ?? '/', 'http://mock.invalid'));
    } catch {
      reply = { status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' };
    }
    reply ??= { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
    if (reply.status < 300 && knobs.malformedRate && dice() < knobs.malformedRate) {
      reply = { ...reply, body: options.malformedBody };
    }
    send(response, reply);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    agencyId: options.agencyId,
    endpoints: options.endpoints,
    url: `http://${host}:${address.port}`,
    requestCount: () => served,
    setKnobs(next) {
      knobs = next;
      dice = createRandom(next.seed ?? 1);
    },
    hangingCount: () => hanging.size,
    receivedTraceparents: () => [...traceparents],
    receivedActs: () => ledger.all(),
    failInbound: (times) => ledger.failNext(times),
    records: options.records ?? null,
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(response: ServerResponse, reply: MockReply): void {
  response.writeHead(reply.status, { 'content-length': Buffer.byteLength(reply.body), ...reply.headers });
  response.end(reply.body);
}
