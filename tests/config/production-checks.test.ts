/** What production refuses to start without, one line per problem saying what to set. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploymentEntry, EMBEDDED_AGENCIES } from '#src/config/agencies.ts';
import { loadConfig, type GatewayConfig } from '#src/config/config.ts';
import { productionProblems } from '#src/config/production-checks.ts';

const SECRETS = { KETENPOORT_ID_SECRET: 'i'.repeat(43), KETENPOORT_PSEUDONYM_SECRET: 'p'.repeat(43), DATABASE_URL: 'postgres://gateway@db.internal/ketenpoort' };
const dataDir = mkdtempSync(join(tmpdir(), 'ketenpoort-prod-'));

function production(agencies: unknown[], env: Record<string, string> = SECRETS): GatewayConfig {
  const file = join(dataDir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ agencies }));
  return loadConfig({ ...env, NODE_ENV: 'production', KETENPOORT_DATA_DIR: dataDir, KETENPOORT_CONFIG: file });
}

const READY = EMBEDDED_AGENCIES.map((agency) => ({
  ...deploymentEntry(agency),
  jwksUrl: `https://idp.${agency.id}.example/jwks.json`,
  ...(agency.upstream ? { upstream: { ...agency.upstream, baseUrl: `https://${agency.id}.example/api` } } : {}),
}));

describe('production start-up checks', () => {
  it('pass a complete production configuration', () => {
    expect(productionProblems(production(READY))).toEqual([]);
  });

  it('never apply in development', () => {
    expect(productionProblems(loadConfig({}))).toEqual([]);
  });

  it('refuse the embedded defaults: no configuration file', () => {
    expect(productionProblems(loadConfig({ ...SECRETS, NODE_ENV: 'production' }))).toEqual([
      'KETENPOORT_CONFIG: set it to the configuration file (see config/production.example.json); production never runs on the embedded agencies',
    ]);
  });

  it('refuse an agency whose system has no baseUrl (the embedded mock)', () => {
    const agencies = READY.map((agency, index) => (index === 1 ? { ...agency, upstream: { ...agency.upstream, baseUrl: undefined } } : agency));
    expect(productionProblems(production(agencies))).toEqual([
      "agencies[1] (amk-groningen).upstream.baseUrl: set the URL of the agency's system; production never starts the embedded mocks",
    ]);
  });

  it('refuse an agency without keys, and an agency on development keys', () => {
    const agencies = READY.map((agency, index) => {
      if (index === 0) return { ...agency, jwksUrl: undefined };
      if (index === 3) return { ...agency, jwksUrl: undefined, jwksFile: join(dataDir, 'dev-keys', 'bjz-groningen.jwks.json') };
      return agency;
    });
    expect(productionProblems(production(agencies))).toEqual([
      "agencies[0] (ashg-groningen).jwksUrl: set the URL of the agency's published keys (or oidcIssuer, or jwksFile); production never uses development keys",
      `agencies[3] (bjz-groningen).jwksFile: ${join(dataDir, 'dev-keys', 'bjz-groningen.jwks.json')} is a development key; set jwksUrl or jwksFile to the agency's own published keys`,
    ]);
  });

  it('refuse missing or short secrets and a trail outside PostgreSQL, each on its own line', () => {
    expect(productionProblems(production(READY, { KETENPOORT_ID_SECRET: 'short' }))).toEqual([
      'KETENPOORT_ID_SECRET: set it to at least 32 random characters (it has 5)',
      'KETENPOORT_PSEUDONYM_SECRET: set it (at least 32 random characters, the same on every replica)',
      'DATABASE_URL: set the PostgreSQL connection string; production keeps its audit trail in PostgreSQL (KETENPOORT_AUDIT_STORE=postgres)',
    ]);
    expect(productionProblems(production(READY, { ...SECRETS, KETENPOORT_AUDIT_STORE: 'sqlite' }))).toEqual([
      'DATABASE_URL: set the PostgreSQL connection string; production keeps its audit trail in PostgreSQL (KETENPOORT_AUDIT_STORE=postgres)',
    ]);
  });
});
