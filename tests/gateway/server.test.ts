/** Health, readiness, limits, and the production defaults (no suggestions, no stack traces, no introspection). */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { AuditStore } from '#src/audit/store.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const AS = { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' };

describe('development gateway', () => {
  let gateway: TestGateway;
  beforeAll(async () => { gateway = await startTestGateway(); });
  afterAll(async () => gateway?.close());

  it('is alive and ready', async () => {
    expect((await gateway.gateway.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const ready = await gateway.gateway.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('serves GraphiQL offline: every script and stylesheet from the gateway itself', async () => {
    const page = await gateway.gateway.app.inject({ url: '/graphiql' });
    expect(page.statusCode).toBe(200);
    const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      expect(source.startsWith('/')).toBe(true);
      expect((await gateway.gateway.app.inject({ url: source })).statusCode).toBe(200);
    }
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  const limitCases = [
    { name: 'depth', code: 'QUERY_TOO_DEEP', query: `{ household(id: "x") { ${'children { household { '.repeat(6)}id${' } }'.repeat(6)} } }` },
    { name: 'aliases', code: 'TOO_MANY_ALIASES', query: `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: me { role }`).join(' ')} }` },
    { name: 'tokens', code: 'TOO_MANY_TOKENS', query: `{ ${'me { role } '.repeat(800)} }` },
    { name: 'cost', code: 'QUERY_TOO_COSTLY', query: '{ households(municipality: "Groningen", first: 100) { edges { node { children { household { children { household { reports { narrative } } } } } } } } }' },
  ];
  it.each(limitCases)('refuses a query over the $name limit with $code and HTTP 400', async ({ code, query }) => {
    const response = await gateway.query(AS, query);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(response.body.data ?? null).toBeNull();
  });

  it('refuses batched requests', async () => {
    const token = await gateway.token({ agencyId: AS.agencyId, purposes: [AS.purpose] });
    const response = await gateway.raw({ authorization: `Bearer ${token}`, 'x-purpose': AS.purpose }, [{ query: '{ me { role } }' }, { query: '{ me { role } }' }]);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BATCH_NOT_SUPPORTED');
  });

  it('lets no client register a persisted query (no APQ): an unregistered hash is not found, with or without its text', async () => {
    const token = await gateway.token({ agencyId: AS.agencyId, purposes: [AS.purpose] });
    const headers = { authorization: `Bearer ${token}`, 'x-purpose': AS.purpose };
    const response = await gateway.raw(headers, { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // APQ's registration round (text and its hash) registers nothing ...
    const query = '{ me { role } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const registering = await gateway.raw(headers, { query, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(registering.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // ... so the hash alone is still unknown.
    const again = await gateway.raw(headers, { extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('is not ready while the audit store cannot be reached', async () => {
    const store = gateway.gateway.services.audit;
    const broken: AuditStore = { ...store, kind: store.kind, ping: async () => { throw new Error('down'); } } as AuditStore;
    const other = await startTestGateway({ audit: broken });
    try {
      expect((await other.gateway.app.inject({ url: '/readyz' })).statusCode).toBe(503);
      expect((await other.gateway.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('production defaults', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      env: { NODE_ENV: 'production', KETENPOORT_TRUSTED_DOCUMENTS: 'off', KETENPOORT_ID_SECRET: 'test-id-secret-0123456789-abcdefghijklmnop', KETENPOORT_PSEUDONYM_SECRET: 'test-pseudonym-secret-0123456789-abcdefgh' },
      configure: (config) => ({ ...config, agencies: config.agencies.map((agency) => ({ ...agency, jwksFile: join(config.dataDir, 'dev-keys', `${agency.id}.jwks.json`) })) }),
    });
  }, 60_000);
  afterAll(async () => gateway?.close());


  it('has introspection off', async () => {
    const response = await gateway.query(AS, '{ __schema { types { name } } }');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toContain('Household');
  });

  it('gives no "Did you mean" suggestions', async () => {
    const response = await gateway.query(AS, '{ househol(id: "x") { id } }');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toMatch(/Did you mean/i);
  });

  it('never sends stack traces', async () => {
    const response = await gateway.query(AS, '{ households(first: 5) { edges { cursor } } }');
    expect(response.body.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|\.ts:\d+|at .*\(/);
  });

  it('does not serve GraphiQL', async () => {
    expect((await gateway.gateway.app.inject({ url: '/graphiql' })).statusCode).toBe(404);
  });
});
