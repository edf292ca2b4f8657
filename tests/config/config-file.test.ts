/** The configuration file: placeholders from the environment, the JSON Schema, errors by key path. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/config.ts';
import { ConfigError } from '#src/config/config-error.ts';

const EXAMPLE = JSON.parse(readFileSync(new URL('../../config/production.example.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const folder = mkdtempSync(join(tmpdir(), 'ketenpoort-config-'));
const examplePath = join(folder, 'example.json');
writeFileSync(examplePath, JSON.stringify(EXAMPLE));
let written = 0;

/** Every `${NAME}` of the example, filled with something valid for where it stands. */
function exampleEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [, name] of JSON.stringify(EXAMPLE).matchAll(/\$\{([A-Z0-9_]+)\}/g)) {
    env[name!] = /_URL$/.test(name!) ? `http://127.0.0.1:9/${name!.toLowerCase()}` : `value-of-${name!.toLowerCase()}`;
  }
  return env;
}

function problemsOf(document: unknown, env: Record<string, string> = exampleEnv()): readonly string[] {
  const path = join(folder, `config-${++written}.json`);
  writeFileSync(path, typeof document === 'string' ? document : JSON.stringify(document));
  try {
    loadConfig({ ...env, KETENPOORT_CONFIG: path });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => problem.slice(path.length + 2));
  }
}

/** The example with one change made to a copy. */
function changed(edit: (copy: { agencies: Record<string, unknown>[]; rateLimits: Record<string, unknown> }) => void): unknown {
  const copy = structuredClone(EXAMPLE) as { agencies: Record<string, unknown>[]; rateLimits: Record<string, unknown> };
  edit(copy);
  return copy;
}

describe('the configuration file', () => {
  it('accepts the committed example with its placeholders filled, secrets and URLs from the environment', () => {
    const env = exampleEnv();
    const config = loadConfig({ ...env, KETENPOORT_CONFIG: examplePath });
    expect(config.agencies.map((agency) => agency.id)).toEqual(['ashg-groningen', 'amk-groningen', 'politie-noord-nederland', 'bjz-groningen', 'wijkteam-groningen', 'raad-voor-de-kinderbescherming']);
    expect(config.agencies[5]).toMatchObject({ kind: 'RAAD', region: 'nederland', name: 'Raad voor de Kinderbescherming' });
    expect(config.agencies[0]?.upstream?.credentials).toEqual({ apiKey: env.ASHG_GRONINGEN_API_KEY });
    expect(config.agencies[0]?.jwksUrl).toBe(env.ASHG_GRONINGEN_JWKS_URL);
    expect(config.configFile).toBe(examplePath);
  });

  it('takes rateLimits.organisations from the file', () => {
    const config = loadConfig({ ...exampleEnv(), KETENPOORT_RATE_LIMIT: 'on', KETENPOORT_CONFIG: examplePath });
    expect(config.rateLimits?.organisations['politie-noord-nederland']).toEqual({ perSecond: 100, burst: 200 });
  });

  it.each([
    ['an unknown adapter', changed((c) => { (c.agencies[2]!.upstream as Record<string, unknown>).adapter = 'marechaussee'; }), 'agencies[2].upstream.adapter: must be one of ashg, amk, bjz, politie'],
    ['a misspelt key', changed((c) => { c.agencies[0]!.jwksFiel = 'keys.json'; }), 'agencies[0].jwksFiel: is not a key the configuration knows (misspelt?)'],
    ['an unknown top-level key', changed((c) => { (c as Record<string, unknown>).retention = {}; }), 'retention: is not a key the configuration knows (misspelt?)'],
    ['an unknown resilience option', changed((c) => { ((c.agencies[0]!.upstream as Record<string, Record<string, unknown>>).resilience!).timeout = 5; }), 'agencies[0].upstream.resilience.timeout: is not a key the configuration knows (misspelt?)'],
    ['an unknown credential name', changed((c) => { (c.agencies[0]!.upstream as Record<string, unknown>).credentials = { apikey: 'x' }; }), 'agencies[0].upstream.credentials.apikey: is not a key the configuration knows; must be one of apiKey, username, password, clientId, clientSecret'],
    ['an unknown kind', changed((c) => { c.agencies[4]!.kind = 'GGD'; }), 'agencies[4].kind: must be one of AMK, ASHG, BJZ, POLITIE, RAAD, VEILIG_THUIS, WIJKTEAM, CERTIFIED_INSTITUTION'],
    ['an organisation the registry lacks', changed((c) => { c.agencies[5]!.id = 'ggd-groningen'; }), 'agencies[5].id: "ggd-groningen" is not in the organisations registry (covenants/organisations.yaml); add it there first'],
    ['a kind that contradicts the registry', changed((c) => { c.agencies[4]!.kind = 'RAAD'; }), 'agencies[4].kind: "RAAD" contradicts the registry\'s "WIJKTEAM" (covenants/organisations.yaml)'],
    ['an adapter kind that contradicts the registry', changed((c) => { (c.agencies[2]!.upstream as Record<string, unknown>).adapter = 'bjz'; }), 'agencies[2].upstream.adapter: "bjz", but the registry gives politie-noord-nederland a politie system'],
    ['a fractional burst', changed((c) => { c.rateLimits = { organisations: { 'amk-groningen': { perSecond: 5, burst: 1.5 } } }; }), 'rateLimits.organisations.amk-groningen.burst: must be integer'],
    ['an unknown rate-limit key', changed((c) => { c.rateLimits = { organisations: { 'amk-groningen': { perSecond: 5, burst: 10, window: 1 } } }; }), 'rateLimits.organisations.amk-groningen.window: is not a key the configuration knows (misspelt?)'],
    ['a default bucket in the file (it is set in the environment)', changed((c) => { c.rateLimits = { user: { perSecond: 5, burst: 10 } }; }), 'rateLimits.user: is not a key the configuration knows (misspelt?)'],
    ['both a key file and a key URL', changed((c) => { c.agencies[4]!.jwksFile = 'keys.json'; }), 'agencies[4]: give at most one of jwksUrl, oidcIssuer and jwksFile'],
    ['both a key URL and an OpenID Connect issuer', changed((c) => { c.agencies[5]!.oidcIssuer = 'https://idp.example'; }), 'agencies[5]: give at most one of jwksUrl, oidcIssuer and jwksFile'],
    ['a base URL that is no URL', changed((c) => { (c.agencies[0]!.upstream as Record<string, unknown>).baseUrl = 'ashg.internal'; }), 'agencies[0].upstream.baseUrl: must match pattern "^https?://[^\\s]+$"'],
  ])('refuses %s, naming the key path', (_name, document, problem) => {
    expect(problemsOf(document)).toEqual([problem]);
  });

  it('names every unset placeholder once, by key path and variable, and nothing else about those values', () => {
    const env = exampleEnv();
    delete env.AMK_GRONINGEN_PASSWORD;
    delete env.BJZ_GRONINGEN_BASE_URL;
    expect(problemsOf(EXAMPLE, env)).toEqual([
      'agencies[1].upstream.credentials.password: set the environment variable AMK_GRONINGEN_PASSWORD (the file refers to ${AMK_GRONINGEN_PASSWORD})',
      'agencies[3].upstream.baseUrl: set the environment variable BJZ_GRONINGEN_BASE_URL (the file refers to ${BJZ_GRONINGEN_BASE_URL})',
    ]);
  });

  it('lists all problems at once', () => {
    const document = changed((c) => {
      c.agencies[0]!.jwksFiel = 'x';
      (c.agencies[1]!.upstream as Record<string, unknown>).adapter = 'soap';
    });
    expect(problemsOf(document)).toHaveLength(2);
  });

  it('refuses a file that is not JSON, or not there', () => {
    expect(problemsOf('{ "agencies": [')[0]).toMatch(/is not JSON/);
    expect(() => loadConfig({ KETENPOORT_CONFIG: join(folder, 'missing.json') })).toThrow(/KETENPOORT_CONFIG: cannot read .*missing\.json \(ENOENT\)/);
  });
});

describe('the audit store choice', () => {
  it('is PostgreSQL with DATABASE_URL and SQLite without, unless KETENPOORT_AUDIT_STORE says', () => {
    expect(loadConfig({}).auditStore).toBe('sqlite');
    expect(loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/y' }).auditStore).toBe('postgres');
    expect(loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/y', KETENPOORT_AUDIT_STORE: 'sqlite' }).auditStore).toBe('sqlite');
  });

  it('bounds a request\'s wait on the store at 2 s, or audit.timeoutMs from the file, or KETENPOORT_AUDIT_TIMEOUT_MS over both', () => {
    expect(loadConfig({}).auditTimeoutMs).toBe(2000);
    const withTimeout = { ...(EXAMPLE as object), audit: { timeoutMs: 1500 } };
    const path = join(folder, 'audit-timeout.json');
    writeFileSync(path, JSON.stringify(withTimeout));
    expect(loadConfig({ ...exampleEnv(), KETENPOORT_CONFIG: path }).auditTimeoutMs).toBe(1500);
    expect(loadConfig({ ...exampleEnv(), KETENPOORT_CONFIG: path, KETENPOORT_AUDIT_TIMEOUT_MS: '700' }).auditTimeoutMs).toBe(700);
    expect(() => loadConfig({ KETENPOORT_AUDIT_TIMEOUT_MS: '0' })).toThrow(/KETENPOORT_AUDIT_TIMEOUT_MS must be at least 1/);
    expect(problemsOf({ ...(EXAMPLE as object), audit: { timeoutMs: 0, timeout: 5 } })).toEqual([
      'audit.timeout: is not a key the configuration knows (misspelt?)',
      'audit.timeoutMs: must be >= 1',
    ]);
  });

  it('refuses postgres without DATABASE_URL, and any other store', () => {
    expect(() => loadConfig({ KETENPOORT_AUDIT_STORE: 'postgres' })).toThrow(/DATABASE_URL: set the PostgreSQL connection string/);
    expect(() => loadConfig({ KETENPOORT_AUDIT_STORE: 'mysql' })).toThrow(/KETENPOORT_AUDIT_STORE: set it to postgres or sqlite/);
  });
});
