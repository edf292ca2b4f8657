/**
 * A caller that hangs up is not waited for: the gateway cancels the upstream calls its request still
 * has open, instead of holding the agencies' connections until their timeouts; and a caller hanging
 * up while a listing walk it shares with others is running does not fail the others.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

// Long enough that only a cancelled call, never a timed-out one, frees the mock within the test.
const UPSTREAM_TIMEOUT_MS = 20_000;

let gateway: TestGateway;
let baseUrl = '';
beforeAll(async () => {
  gateway = await startTestGateway({
    env: { PORT: '0' },
    configure: (config) => ({
      ...config,
      agencies: config.agencies.map((agency) => agency.upstream
        ? { ...agency, upstream: { ...agency.upstream, resilience: { timeoutMs: UPSTREAM_TIMEOUT_MS, retries: 0, breakerThreshold: 1000 } } }
        : agency),
    }),
  });
  baseUrl = await gateway.gateway.listen();
});
afterAll(async () => gateway?.close());

async function until(condition: () => boolean, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}

/** Sends a query over a real socket and returns the request, so the test can hang up on it. */
async function send(token: string, purpose: string, body: unknown) {
  const url = new URL('/graphql', baseUrl);
  const payload = JSON.stringify(body);
  const client = httpRequest(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${token}`, 'x-purpose': purpose },
  });
  client.on('error', () => undefined);
  client.end(payload);
  return client;
}

it('cancels the upstream calls of a request whose caller hung up', async () => {
  const mock = gateway.mocks.get('amk-groningen')!;
  const bsn = createWorld().households[1]!.members[0]!.bsn;
  const token = await gateway.token({ agencyId: 'ashg-groningen', purposes: ['case-conference'] });
  mock.setKnobs({ timeoutRate: 1 });
  try {
    const client = await send(token, 'case-conference', {
      query: 'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id } }', variables: { bsn },
    });
    expect(await until(() => mock.hangingCount() > 0, 5_000)).toBe(true);
    client.destroy();
    // Freed well before the 20 s upstream timeout: the gateway closed its call to the AMK.
    expect(await until(() => mock.hangingCount() === 0, 5_000)).toBe(true);
  } finally {
    mock.setKnobs({});
  }
});

it('still answers the gateway\'s other callers after one hung up', async () => {
  const bsn = createWorld().households[1]!.members[0]!.bsn;
  const response = await gateway.query({ agencyId: 'ashg-groningen', purpose: 'case-conference' },
    'query($bsn: String!) { householdsOfPerson(bsn: $bsn) { caseStatus { involvements { agency { id } } } } }', { bsn });
  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
});

it('finishes a listing walk that a caller who hung up shared with another', async () => {
  const mock = gateway.mocks.get('ashg-groningen')!;
  const token = await gateway.token({ agencyId: 'amk-groningen', purposes: ['child-abuse-assessment'] });
  const query = 'query($m: String!) { households(municipality: $m, first: 5) { edges { node { id } } } }';
  mock.setKnobs({ latencyMs: 400 });
  try {
    const leaving = await send(token, 'child-abuse-assessment', { query, variables: { m: 'Groningen' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const staying = gateway.query({ agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' }, query, { m: 'Groningen' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    leaving.destroy();
    const response = await staying;
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect((response.body.data?.households as { edges: unknown[] }).edges.length).toBeGreaterThan(0);
  } finally {
    mock.setKnobs({});
  }
});
