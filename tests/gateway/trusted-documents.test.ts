/**
 * Trusted documents (src/gateway/trusted-documents.ts): in production only operations registered for
 * the caller's organisation run; by documentId, by Apollo's persistedQuery hash, or as the registered
 * text. The privacy console's operations are registered for privacy officers and kept in step with
 * the console's own queries.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from 'graphql';
import { registerOperations } from '#src/gateway/register-operations.ts';
import { loadTrustedDocuments, readManifest, sha256Hex } from '#src/gateway/trusted-documents.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const MINE = 'query Mine { me { agency { id } role } }';
const OTHER = 'query Other { agencies { id } }';
const CONSOLE = new URL('../../operations/privacy-console.json', import.meta.url).pathname;
const consoleQueries = (await import(pathToFileURL('src/web/assets/queries.js').href)) as Record<string, unknown>;

function operationsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-operations-'));
  mkdirSync(join(dir, 'organisations'));
  writeFileSync(join(dir, 'organisations', 'amk-groningen.json'), JSON.stringify({ [sha256Hex(MINE)]: MINE }));
  writeFileSync(join(dir, 'privacy-console.json'), readFileSync(CONSOLE));
  return dir;
}

describe('admit', () => {
  const dir = operationsDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const amk = { agencyId: 'amk-groningen', role: 'caseworker' };
  const enforced = loadTrustedDocuments({ enforced: true, dir, consoleRoles: ['privacy-officer'] });
  const relaxed = loadTrustedDocuments({ enforced: false, dir, consoleRoles: ['privacy-officer'] });
  const hash = sha256Hex(MINE);

  it.each([
    ['a registered text', enforced, amk, { query: MINE }, { ok: true, query: MINE }],
    ['an unregistered text', enforced, amk, { query: OTHER }, { ok: false, code: 'OPERATION_NOT_TRUSTED' }],
    ['an unregistered text, not enforced', relaxed, amk, { query: OTHER }, { ok: true, query: OTHER }],
    ['a documentId', enforced, amk, { documentId: `sha256:${hash}` }, { ok: true, query: MINE }],
    ['a persistedQuery hash', enforced, amk, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, { ok: true, query: MINE }],
    ['an unknown hash, not enforced', relaxed, amk, { documentId: `sha256:${'0'.repeat(64)}` }, { ok: false, code: 'PERSISTED_QUERY_NOT_FOUND' }],
    ["another organisation's hash", enforced, { agencyId: 'ashg-groningen', role: 'caseworker' }, { documentId: `sha256:${hash}` }, { ok: false, code: 'PERSISTED_QUERY_NOT_FOUND' }],
    ['a hash that is not the text sent', enforced, amk, { query: OTHER, documentId: `sha256:${hash}` }, { ok: false, code: 'BAD_REQUEST' }],
    ['a malformed documentId', enforced, amk, { documentId: hash }, { ok: false, code: 'BAD_REQUEST' }],
    ["the console's text, as a caseworker", enforced, amk, { query: consoleQueries.OPTIONS_QUERY }, { ok: false, code: 'OPERATION_NOT_TRUSTED' }],
    ["the console's text, as a privacy officer", enforced, { agencyId: 'wijkteam-groningen', role: 'privacy-officer' }, { query: consoleQueries.OPTIONS_QUERY }, { ok: true }],
  ] as const)('%s', (_name, documents, caller, params, expected) => {
    expect(documents.admit(caller, params)).toMatchObject(expected);
  });

  it('refuses to start on a manifest whose key is not its document\'s hash', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ [sha256Hex(MINE)]: OTHER }));
    expect(() => readManifest(bad)).toThrow(/not the sha256 of its document/);
  });
});

describe('registering', () => {
  const schema = buildSchema('type Query { me: String }');
  it('keeps each document verbatim under its hash, sorted, and refuses one that does not validate', () => {
    const ok = registerOperations({}, [{ name: 'me.graphql', text: '{ me }\n' }], schema);
    expect(ok.errors).toEqual([]);
    expect(ok.manifest).toEqual({ [sha256Hex('{ me }\n')]: '{ me }\n' });
    const bad = registerOperations(ok.manifest, [{ name: 'bad.graphql', text: '{ narrative }' }, { name: 'frag.graphql', text: 'fragment F on Query { me }' }], schema);
    expect(bad.errors).toEqual(['bad.graphql: Cannot query field "narrative" on type "Query".', 'frag.graphql: holds no operation']);
  });

  it("holds operations/privacy-console.json to the console's queries (npm run operations:register -- --console)", () => {
    const expected = Object.entries(consoleQueries).filter(([name, text]) => name.endsWith('_QUERY') && typeof text === 'string')
      .map(([, text]) => sha256Hex(text as string)).sort();
    expect(Object.keys(readManifest(CONSOLE)).sort()).toEqual(expected);
  });
});

describe('in production', () => {
  let gateway: TestGateway;
  let dir: string;
  beforeAll(async () => {
    dir = operationsDir();
    gateway = await startTestGateway({
      env: {
        NODE_ENV: 'production', KETENPOORT_OPERATIONS_DIR: dir,
        KETENPOORT_ID_SECRET: 'test-id-secret-0123456789-abcdefghijklmnop', KETENPOORT_PSEUDONYM_SECRET: 'test-pseudonym-secret-0123456789-abcdefgh',
      },
      configure: (config) => ({ ...config, agencies: config.agencies.map((agency) => ({ ...agency, jwksFile: join(config.dataDir, 'dev-keys', `${agency.id}.jwks.json`) })) }),
    });
  }, 60_000);
  afterAll(async () => {
    await gateway?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const AMK = { agencyId: 'amk-groningen', purpose: 'child-abuse-assessment' };
  async function send(as: { agencyId: string; purpose: string; role?: string }, body: Record<string, unknown>) {
    const token = await gateway.token({ agencyId: as.agencyId, role: as.role ?? 'caseworker', purposes: [as.purpose] });
    return gateway.raw({ authorization: `Bearer ${token}`, 'x-purpose': as.purpose }, body);
  }

  it('refuses an unregistered document with a coded 400, before anything runs', async () => {
    const response = await gateway.query(AMK, OTHER);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'OPERATION_NOT_TRUSTED' } }] });
  });

  it('runs the registered text, its documentId and its persistedQuery hash alike', async () => {
    const expected = { me: { agency: { id: 'amk-groningen' }, role: 'caseworker' } };
    for (const body of [{ query: MINE }, { documentId: `sha256:${sha256Hex(MINE)}` }, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(MINE) } } }]) {
      const response = await send(AMK, body);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body.data).toEqual(expected);
    }
  });

  it('answers an unknown hash PERSISTED_QUERY_NOT_FOUND, and another organisation\'s too', async () => {
    for (const [as, hash] of [[AMK, '0'.repeat(64)], [{ agencyId: 'ashg-groningen', purpose: 'case-conference' }, sha256Hex(MINE)]] as const) {
      const response = await send(as, { documentId: `sha256:${hash}` });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    }
  });

  it("runs the console's operations for privacy officers only", async () => {
    const officer = { agencyId: 'amk-groningen', purpose: 'privacy-audit', role: 'privacy-officer' };
    const allowed = await send(officer, { query: consoleQueries.OPTIONS_QUERY });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    expect(allowed.body.data?.me).toEqual({ agency: { id: 'amk-groningen', name: expect.any(String) }, role: 'privacy-officer', purpose: 'privacy-audit' });
    const refused = await send({ ...officer, role: 'caseworker' }, { query: consoleQueries.OPTIONS_QUERY });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_TRUSTED');
  });
});
