/**
 * docs/errors.md is what `npm run errors:print` makes of the closed list now, and the statuses it states are
 * what the gateway answers: a sample of codes from every stage (door, purpose, limits, parsing, resolvers,
 * upstream, audit, rate limit), each asked of the gateway in-process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { ERROR_REFERENCE } from '#domain/error-reference.ts';
import { GATEWAY_ERROR_CODES, type GatewayErrorCode } from '#domain/errors.ts';
import { createSqliteAuditStore } from '#src/audit/sqlite/store.ts';
import type { AuditStore } from '#src/audit/store.ts';
import { SCENARIO_NOW, startTestGateway, type TestGateway } from '../support/test-gateway.ts';

it('docs/errors.md is fresh', () => {
  const output = execFileSync(process.execPath, ['scripts/errors-print.ts', '--check'], { encoding: 'utf8' });
  expect(output).toContain('matches');
}, 30_000);

it('gives every code a real HTTP status and a meaning', () => {
  for (const code of GATEWAY_ERROR_CODES) {
    const { status, also = [], meaning } = ERROR_REFERENCE[code];
    for (const each of [status, ...also.map((other) => other.status)]) expect([200, 400, 401, 403, 404, 405, 408, 413, 415, 429, 431, 500, 503], code).toContain(each);
    expect(meaning.length, code).toBeGreaterThan(20);
  }
});

interface Answer { readonly status: number; readonly codes: readonly string[] }
interface Case { readonly code: GatewayErrorCode; readonly also?: number; readonly label: string; readonly send: () => Promise<Answer> }

describe('the statuses the reference states are the gateway\'s', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ketenpoort-errors-'));
  let real: AuditStore;
  let broken = false;
  let gateway: TestGateway;
  let limited: TestGateway;
  beforeAll(async () => {
    real = createSqliteAuditStore({ path: join(folder, 'audit.sqlite') });
    const switchable: AuditStore = {
      ...real, kind: real.kind,
      append: (entries) => (broken ? Promise.reject(new Error('disk I/O error')) : real.append(entries)),
      close: async () => {},
    };
    gateway = await startTestGateway({ audit: switchable });
    limited = await startTestGateway({ env: { KETENPOORT_RATE_LIMIT: 'on', KETENPOORT_RATE_LIMIT_USER: '0.01/1', KETENPOORT_RATE_LIMIT_ORGANISATION: '100/1000' } });
  });
  afterAll(async () => {
    await gateway?.close();
    await limited?.close();
    await real?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const AS = { agencyId: 'ashg-groningen', purpose: 'case-conference' };
  const codesOf = (body: unknown) => ((body as { errors?: { extensions?: { code?: string } }[] }).errors ?? []).map((error) => error.extensions?.code ?? '');
  const asked = async (response: Promise<{ status: number; body: unknown }>): Promise<Answer> => {
    const { status, body } = await response;
    return { status, codes: codesOf(body) };
  };
  const query = (text: string, variables?: Record<string, unknown>, as: { agencyId: string; purpose: string; role?: string } = AS) => asked(gateway.query(as, text, variables));
  const withToken = async (headers: (token: string) => Record<string, string>, body: unknown, claims: Parameters<TestGateway['token']>[0] = { agencyId: AS.agencyId, purposes: [AS.purpose] }) =>
    asked(gateway.raw(headers(await gateway.token(claims)), body));
  const inject = async (options: InjectOptions): Promise<Answer> => {
    const response = await gateway.gateway.app.inject(options);
    return { status: response.statusCode, codes: codesOf(response.json()) };
  };
  const bearer = (purpose = AS.purpose) => (token: string) => ({ authorization: `Bearer ${token}`, 'x-purpose': purpose });
  const ME = { query: '{ me { role } }' };
  const bsn = createWorld().households[0]!.members[0]!.bsn;

  const cases: Case[] = [
    { code: 'TOKEN_MISSING', label: 'no Authorization header', send: () => asked(gateway.raw({ 'x-purpose': AS.purpose }, ME)) },
    { code: 'TOKEN_MALFORMED', label: 'not a JWT', send: () => asked(gateway.raw({ authorization: 'Bearer nope', 'x-purpose': AS.purpose }, ME)) },
    {
      code: 'TOKEN_EXPIRED', label: 'a token two hours old',
      send: () => withToken(bearer(), ME, { agencyId: AS.agencyId, purposes: [AS.purpose], issuedAt: new Date(SCENARIO_NOW.getTime() - 7_200_000) }),
    },
    { code: 'PURPOSE_MISSING', label: 'no X-Purpose', send: () => withToken((token) => ({ authorization: `Bearer ${token}` }), ME) },
    { code: 'PURPOSE_UNKNOWN', label: 'a purpose no agreement knows', send: () => withToken(bearer('curiosity'), ME) },
    { code: 'PURPOSE_NOT_PERMITTED', label: 'a purpose the token lacks', send: () => withToken(bearer('privacy-audit'), ME) },
    { code: 'BATCH_NOT_SUPPORTED', label: 'an array of operations', send: () => withToken(bearer(), [ME, ME]) },
    { code: 'QUERY_TOO_DEEP', label: 'a deep query', send: () => query(`{ households(municipality: "Groningen") { edges { node { ${'children { household { '.repeat(6)}id${' } }'.repeat(6)} } } } }`) },
    { code: 'GRAPHQL_PARSE_FAILED', label: 'bad syntax', send: () => query('{ me ') },
    { code: 'GRAPHQL_VALIDATION_FAILED', label: 'an unknown field', send: () => query('{ nope }') },
    { code: 'OPERATION_RESOLUTION_FAILURE', label: 'two operations, no name', send: () => query('query A { me { role } } query B { me { role } }') },
    { code: 'BAD_USER_INPUT', label: 'a variable of the wrong type', send: () => query('query($d: Date) { agreements(inForceAt: $d) { id } }', { d: 'tomorrow' }) },
    { code: 'BAD_USER_INPUT', also: 0, label: 'a BSN failing the eleven-test', send: () => query('{ householdsOfPerson(bsn: "123456789") { id } }') },
    { code: 'BAD_REQUEST', label: 'no query', send: () => withToken(bearer(), { nothing: true }) },
    { code: 'NOT_FOUND', label: 'an unknown path', send: () => inject({ method: 'GET', url: '/nowhere' }) },
    { code: 'PAYLOAD_TOO_LARGE', label: 'a body over 256 KiB', send: () => inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query: ' '.repeat(300_000) }) }) },
    { code: 'UNSUPPORTED_MEDIA_TYPE', label: 'a body that is not JSON', send: () => inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/xml' }, payload: '<query/>' }) },
    {
      // A caseworker's schema has no officer queries at all (GRAPHQL_VALIDATION_FAILED); an officer asking under another purpose is refused.
      code: 'FORBIDDEN', label: 'a privacy officer asking for an explanation under a case purpose',
      send: () => query('{ explainDecision(id: "d") { __typename } }', undefined, { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment', role: 'privacy-officer' }),
    },
    {
      code: 'UPSTREAM_UNAVAILABLE', label: 'an agency answering 500',
      send: async () => {
        const mock = gateway.mocks.get('amk-groningen')!;
        mock.setKnobs({ errorRate: 1 });
        try {
          return await query('query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id } }', { bsn });
        } finally {
          mock.setKnobs({ errorRate: 0 });
        }
      },
    },
    {
      code: 'AUDIT_UNAVAILABLE', label: 'an audit store that cannot commit',
      send: async () => {
        broken = true;
        try {
          return await query('query($bsn: String!) { householdsOfPerson(bsn: $bsn) { id members { name } } }', { bsn });
        } finally {
          broken = false;
        }
      },
    },
    {
      code: 'RATE_LIMITED', label: 'a user past their burst',
      send: async () => {
        await limited.query(AS, ME.query);
        return asked(limited.query(AS, ME.query));
      },
    },
  ];

  it.each(cases)('$code ($label)', async ({ code, also, send }) => {
    const reference = ERROR_REFERENCE[code];
    const expected = also === undefined ? reference.status : reference.also?.[also]?.status;
    const answer = await send();
    expect(answer.codes).toContain(code);
    expect(answer.status).toBe(expected);
  });
});
