/**
 * A gateway killed between queueing an act and delivering it (issue 13), with a real kill: the gateway runs as
 * its own process (`node src/main.ts`, development mode, SQLite in a temp folder), the agency systems stand
 * alone in the test process, the ASHG hands a case over to the AMK over HTTP, and the gateway gets SIGKILL (no
 * draining, no shutdown hooks). A second process on the same data folder delivers the act, and the AMK's system
 * holds it exactly once. Two windows:
 *
 * - the AMK's inbound operation is down (a soap:Server fault) when the act is queued, so the act waits in the
 *   outbox for its next attempt when the gateway dies; the AMK holds nothing yet;
 * - the AMK's system stores the act but its answer never comes back (held by a gate in front of it), so the
 *   gateway dies mid-delivery with the act leased: the next gateway takes it once the lease ends (30 s, the
 *   default) and delivers it again, and the AMK's inbound, idempotent by the act's id, stores nothing twice.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gatewayConfigFile, standaloneAgencies, startStandaloneMocks, type MockServer, type StandaloneMocks } from '#testkit';
import { ensureDevKeys } from '#src/identity/dev-keys.ts';
import { signDevToken } from '#src/identity/sign-dev-token.ts';
import { startReplica, type Replica } from '../deploy/replica.ts';

const ASHG = 'ashg-groningen';
const AMK = 'amk-groningen';
const PURPOSE = 'child-abuse-assessment';
const HAND_OVER = 'mutation($input: HandOverCaseInput!) { handOverCase(input: $input) { id status } }';
const REPORTS = 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { reports { id owner { id } } } }';
const GET_ACT = 'query($id: ID!) { act(id: $id) { id status attempts lastError } }';

type Act = { id: string; status: string; attempts: number; lastError: string | null };

/**
 * A pass-through in front of the AMK's system that counts its inbound calls (SOAPAction Ontvang...) and, while
 * `hold` is on, forwards them and keeps the system's answer from the caller: the answer lost on the way back.
 */
interface InboundGate {
  readonly url: string;
  hold: boolean;
  /** Inbound calls that reached the system through the gate. */
  inboundCalls(): number;
  /** Inbound calls the system answered whose answer the gate holds (caller still connected). */
  held(): number;
  close(): Promise<void>;
}

async function startInboundGate(target: string): Promise<InboundGate> {
  const to = new URL(target);
  const holding = new Set<ServerResponse>();
  let inbound = 0;
  const gate: InboundGate = {
    url: '', hold: false,
    inboundCalls: () => inbound,
    held: () => holding.size,
    close: async () => {
      for (const response of holding) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const isInbound = String(incoming.headers.soapaction ?? '').includes('/Ontvang');
    if (isInbound) inbound++;
    const holdThis = isInbound && gate.hold;
    const upstream = request({ host: to.hostname, port: to.port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
      if (holdThis) {
        answer.resume();
        holding.add(response);
        response.on('close', () => holding.delete(response));
        return;
      }
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(gate, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

let mocks: StandaloneMocks;
let amk: MockServer;
let gate: InboundGate;
let configFile: string;
const dirs: string[] = [];
const running: Replica[] = [];

beforeAll(async () => {
  mocks = await startStandaloneMocks({ households: 60 });
  amk = mocks.byAgency.get(AMK)!;
  gate = await startInboundGate(amk.url);
  const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-killed-config-'));
  dirs.push(dir);
  configFile = join(dir, 'gateway.json');
  // Every agency at its standalone system; the AMK's behind the gate.
  writeFileSync(configFile, JSON.stringify(gatewayConfigFile(standaloneAgencies((agency) => (agency.id === AMK ? gate.url : mocks.byAgency.get(agency.id)!.url)))));
});

afterAll(async () => {
  await Promise.all(running.map((replica) => replica.kill()));
  await gate?.close();
  await mocks?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** `node src/main.ts` in development mode on the data folder, its agencies from the configuration file. */
async function startGateway(dataDir: string): Promise<Replica> {
  const replica = await startReplica({
    NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', KETENPOORT_CONFIG: configFile, KETENPOORT_DATA_DIR: dataDir,
  }, 30_000);
  running.push(replica);
  return replica;
}

async function kill(replica: Replica): Promise<void> {
  expect(await replica.kill()).toBe('SIGKILL');
  running.splice(running.indexOf(replica), 1);
}

/** POST /graphql as the ASHG's caseworker, with a development token from the keys in the data folder. */
async function ask(replica: Replica, dataDir: string, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { privateJwk } = await ensureDevKeys(dataDir, ASHG);
  const token = await signDevToken(privateJwk, { agencyId: ASHG, role: 'caseworker', purposes: [PURPOSE], issuedAt: new Date() });
  const response = await fetch(replica.url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-purpose': PURPOSE, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

async function handOver(replica: Replica, dataDir: string, idempotencyKey: string): Promise<string> {
  const bsn = mocks.world.households[0]!.members[0]!.bsn;
  const households = (await ask(replica, dataDir, REPORTS, { bsn })).householdsOfPerson as { reports: { id: string; owner: { id: string } }[] }[];
  const reportId = households.flatMap((household) => household.reports).find((report) => report.owner.id === ASHG)!.id;
  const act = (await ask(replica, dataDir, HAND_OVER, { input: { idempotencyKey, reportId, to: AMK, referralKind: 'HANDOVER_ASHG_TO_AMK' } })).handOverCase as Act;
  expect(act.status).toBe('PENDING');
  return act.id;
}

async function actOf(replica: Replica, dataDir: string, id: string): Promise<Act> {
  return (await ask(replica, dataDir, GET_ACT, { id })).act as Act;
}

async function until<T>(what: string, timeoutMs: number, look: () => Promise<T> | T, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await look();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const receivedByAmk = (actId: string) => amk.receivedActs().filter((received) => received.actId === actId);

it('killed while the act waits for its next attempt (the AMK\'s inbound down): the next gateway delivers it, once', { timeout: 60_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ketenpoort-killed-'));
  dirs.push(dataDir);
  amk.failInbound(1_000_000);
  const first = await startGateway(dataDir);
  const id = await handOver(first, dataDir, 'killed-queued-1');
  // One attempt failed and the act is back in the outbox, unleased, until its back-off (0.5 to 1 s) ends.
  const waiting = await until('a failed first attempt', 10_000, () => actOf(first, dataDir, id), (act) => act.attempts >= 1 && act.lastError !== null);
  expect(waiting.status).toBe('PENDING');
  await kill(first);
  expect(receivedByAmk(id)).toEqual([]);

  amk.failInbound(0);
  const second = await startGateway(dataDir);
  const delivered = await until('DELIVERED', 40_000, () => actOf(second, dataDir, id), (act) => act.status !== 'PENDING');
  expect(delivered.status).toBe('DELIVERED');
  expect(receivedByAmk(id)).toHaveLength(1);
});

it('killed mid-delivery, the AMK having stored the act but its answer lost: after the lease the next gateway delivers it again, stored once', { timeout: 90_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ketenpoort-killed-'));
  dirs.push(dataDir);
  const callsBefore = gate.inboundCalls();
  gate.hold = true;
  const first = await startGateway(dataDir);
  const id = await handOver(first, dataDir, 'killed-leased-1');
  // The AMK's system answered; the gate holds the answer, the gateway waits for it with the act leased.
  await until('the AMK\'s answer held', 10_000, () => gate.held(), (held) => held === 1);
  expect(receivedByAmk(id)).toHaveLength(1);
  expect(await actOf(first, dataDir, id)).toMatchObject({ status: 'PENDING', attempts: 1, lastError: null });
  await kill(first);

  gate.hold = false;
  const second = await startGateway(dataDir);
  const delivered = await until('DELIVERED', 45_000, () => actOf(second, dataDir, id), (act) => act.status !== 'PENDING');
  expect(delivered).toMatchObject({ status: 'DELIVERED', attempts: 2 });
  // Delivered twice (the second after the lease), stored once.
  expect(gate.inboundCalls() - callsBefore).toBe(2);
  expect(receivedByAmk(id)).toHaveLength(1);
});
