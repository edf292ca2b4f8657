/**
 * The deploy test: the image's entrypoint (`node src/main.ts`) started twice in production mode from
 * config/production.example.json (its ${...} placeholders filled here, as a platform's secret store
 * would), against the agency systems standing alone on loopback, one PostgreSQL both replicas share,
 * and each agency's keys served from a JWKS URL. And production refusing each wrong start.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPostgresAuditStore } from '#src/audit/postgres/store.ts';
import type { AuditEntry } from '#src/audit/entry.ts';
import { DATABASE_URL, describePostgres, dropSchema, uniqueSchema } from '../audit/postgres-env.ts';
import { startJwksServer, type JwksServer } from '#testkit';
import { startStandaloneAgencies, type StandaloneAgencies } from '../support/standalone-agencies.ts';
import { startRefused, startReplica, type Replica } from './replica.ts';

const EXAMPLE = fileURLToPath(new URL('../../config/production.example.json', import.meta.url));
const QUERY = readFileSync(new URL('./operations/DeployHouseholds.graphql', import.meta.url), 'utf8');
const PURPOSE = 'child-abuse-assessment';
const AGENCY_IDS = (JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { agencies: { id: string }[] }).agencies.map((agency) => agency.id);

/** The example's placeholders, by name: `<AGENCY>_JWKS_URL`, `<AGENCY>_BASE_URL` and the systems' credentials. */
function placeholders(keys: JwksServer, systems: StandaloneAgencies): Record<string, string> {
  const credentialNames: Record<string, string> = { apiKey: 'API_KEY', username: 'USERNAME', password: 'PASSWORD', clientId: 'CLIENT_ID', clientSecret: 'CLIENT_SECRET' };
  const env: Record<string, string> = {};
  for (const id of AGENCY_IDS) {
    const prefix = id.toUpperCase().replaceAll('-', '_');
    env[`${prefix}_JWKS_URL`] = keys.jwksUrl(id);
    const system = systems.agencies.get(id);
    if (!system) continue;
    env[`${prefix}_BASE_URL`] = system.url;
    for (const [name, value] of Object.entries(system.credentials)) env[`${prefix}_${credentialNames[name]}`] = value;
  }
  return env;
}

describePostgres('production deploy: two replicas from config/production.example.json', () => {
  const schema = uniqueSchema('deploy');
  const dataDir = mkdtempSync(join(tmpdir(), 'ketenpoort-deploy-'));
  let keys: JwksServer;
  let systems: StandaloneAgencies;
  let env: Record<string, string>;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    keys = await startJwksServer(AGENCY_IDS);
    systems = await startStandaloneAgencies();
    env = {
      ...placeholders(keys, systems),
      NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info',
      KETENPOORT_CONFIG: EXAMPLE, KETENPOORT_DATA_DIR: dataDir,
      // The test's own registered operation (operations:register with KETENPOORT_OPERATIONS_DIR set there), not shipped in operations/.
      KETENPOORT_OPERATIONS_DIR: fileURLToPath(new URL('./trusted-documents/', import.meta.url)),
      DATABASE_URL, KETENPOORT_AUDIT_SCHEMA: schema,
      KETENPOORT_ID_SECRET: randomBytes(32).toString('base64url'), KETENPOORT_PSEUDONYM_SECRET: randomBytes(32).toString('base64url'),
    };
    replicas.push(...(await Promise.all([startReplica(env), startReplica(env)])));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await Promise.all([keys?.close(), systems?.close()]);
    await dropSchema(schema);
  });

  async function ask(url: string, agencyId: string, traceId: string) {
    const token = await keys.sign({ agencyId, userId: `deploy-${traceId.slice(0, 8)}`, role: 'caseworker', purposes: [PURPOSE] });
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-purpose': PURPOSE, 'content-type': 'application/json', traceparent: `00-${traceId}-${'1'.repeat(16)}-01` },
      body: JSON.stringify({ query: QUERY, operationName: 'DeployHouseholds', variables: { municipality: 'Groningen', first: 3 } }),
    });
    return { status: response.status, body: (await response.json()) as { data?: { households: { edges: unknown[] } }; errors?: { extensions?: { code?: string } }[] } };
  }

  it('both replicas answer a real query signed by a key from the JWKS URL, and share one audit trail that verifies', async () => {
    const traces = replicas.map(() => randomBytes(16).toString('hex'));
    expect(new Set(replicas.map((replica) => replica.url)).size).toBe(2);
    for (const [index, replica] of replicas.entries()) {
      const { status, body } = await ask(replica.url, 'amk-groningen', traces[index]!);
      expect(body.errors).toBeUndefined();
      expect(status).toBe(200);
      expect(body.data?.households.edges.length).toBeGreaterThan(0);
    }
    expect(keys.fetches('amk-groningen')).toBeGreaterThanOrEqual(2);
    // Each replica carried the caller's trace into the agencies' systems (W3C traceparent, same trace id).
    const received = systems.receivedTraceparents().map((header) => header.split('-')[1]);
    for (const trace of traces) expect(received).toContain(trace);

    const store = await createPostgresAuditStore({ connectionString: DATABASE_URL, schema });
    try {
      const entries: AuditEntry[] = [];
      let after: string | undefined;
      do {
        const page = await store.query({}, after === undefined ? { first: 500 } : { first: 500, after });
        entries.push(...page.entries);
        after = page.hasNextPage ? (page.endCursor ?? undefined) : undefined;
      } while (after !== undefined);
      for (const trace of traces) expect(entries.filter((entry) => entry.traceId === trace).length).toBeGreaterThan(0);
      expect(await store.verify()).toMatchObject({ ok: true, entriesChecked: entries.length });
    } finally {
      await store.close();
    }
  }, 60_000);

  it('runs only registered operations: the same query is refused to an organisation it is not registered for, and any other text to all', async () => {
    const post = async (agencyId: string, query: string) => {
      const token = await keys.sign({ agencyId, role: 'caseworker', purposes: [PURPOSE] });
      const response = await fetch(replicas[0]!.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'x-purpose': PURPOSE, 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: { municipality: 'Groningen', first: 3 } }),
      });
      return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
    };
    const unregistered = await post('amk-groningen', '{ me { role } }');
    const elsewhere = await post('ashg-groningen', QUERY);
    for (const refused of [unregistered, elsewhere]) {
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.map((error) => error.extensions?.code)).toEqual(['OPERATION_NOT_TRUSTED']);
      expect(refused.body.data).toBeUndefined();
    }
  });

  it('answers IDENTITY_UNAVAILABLE (503), not a 500 or an accept, while an agency\'s key server is down', async () => {
    keys.setDown(true);
    try {
      const { status, body } = await ask(replicas[0]!.url, 'bjz-groningen', randomBytes(16).toString('hex'));
      expect(status).toBe(503);
      expect(body.errors?.[0]?.extensions?.code).toBe('IDENTITY_UNAVAILABLE');
      expect(body.data).toBeUndefined();
    } finally {
      keys.setDown(false);
    }
  }, 30_000);

  it.each([
    ['without a configuration file', () => without(env, 'KETENPOORT_CONFIG'), 'KETENPOORT_CONFIG: set it to the configuration file'],
    ['on development keys', () => ({ ...env, KETENPOORT_CONFIG: variant((agency) => agency.id === 'amk-groningen' ? { ...without(agency, 'jwksUrl'), jwksFile: join(dataDir, 'dev-keys', 'amk-groningen.jwks.json') } : agency) }), "agencies[1] (amk-groningen).jwksFile: " + join(dataDir, 'dev-keys', 'amk-groningen.jwks.json') + ' is a development key'],
    ['without a secret', () => without(env, 'KETENPOORT_PSEUDONYM_SECRET'), 'KETENPOORT_PSEUDONYM_SECRET: set it'],
    ['without a placeholder\'s variable', () => without(env, 'BJZ_GRONINGEN_CLIENT_SECRET'), 'agencies[3].upstream.credentials.clientSecret: set the environment variable BJZ_GRONINGEN_CLIENT_SECRET'],
    ['with an unknown key in the file', () => ({ ...env, KETENPOORT_CONFIG: variant((agency) => agency.id === 'ashg-groningen' ? { ...agency, jwksFiel: 'keys.json' } : agency) }), 'agencies[0].jwksFiel: is not a key the configuration knows'],
    ['without PostgreSQL', () => without(env, 'DATABASE_URL'), 'DATABASE_URL: set the PostgreSQL connection string'],
  ])('refuses to start %s, before any port opens, saying what to set', async (_name, wrongEnv, message) => {
    const refusal = await startRefused(wrongEnv());
    expect(refusal.code).toBe(1);
    const lines = refusal.stderr.trim().split('\n');
    // One line per problem, each saying what to set (a problem in the file names the file first).
    expect(lines.every((line) => line.startsWith('ketenpoort will not start: '))).toBe(true);
    expect(lines).toContainEqual(expect.stringContaining(message));
    expect(refusal.stdout).not.toContain('ketenpoort is listening');
  }, 60_000);

  /** The example with each agency passed through `edit`, written beside the data folder. */
  function variant(edit: (agency: Record<string, unknown>) => Record<string, unknown>): string {
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { agencies: Record<string, unknown>[] };
    const path = join(dataDir, `config-${randomBytes(4).toString('hex')}.json`);
    writeFileSync(path, JSON.stringify({ ...example, $schema: undefined, agencies: example.agencies.map(edit) }));
    return path;
  }
});

function without<T extends Record<string, unknown>>(record: T, key: string): T {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
