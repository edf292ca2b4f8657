/**
 * What production will not start without: a configuration file, every agency's own keys (never the
 * development keys), every agency's real system (never the embedded mocks), the gateway's secrets and
 * a PostgreSQL audit trail. main.ts runs this before anything opens; each problem is one line saying
 * what to set. Scripts that load the configuration for other jobs (policy:matrix, token) do not.
 */
import { relative, resolve, isAbsolute } from 'node:path';
import type { GatewayConfig } from './config.ts';

/** Secrets shorter than this are refused: 32 characters of base64 carry 192 bits. */
const MIN_SECRET_LENGTH = 32;

export function productionProblems(config: GatewayConfig): string[] {
  if (config.mode !== 'production') return [];
  const problems: string[] = [];
  if (!config.configFile) {
    problems.push('KETENPOORT_CONFIG: set it to the configuration file (see config/production.example.json); production never runs on the embedded agencies');
  } else {
    const devKeys = resolve(config.dataDir, 'dev-keys');
    config.agencies.forEach((agency, index) => {
      const at = `agencies[${index}] (${agency.id})`;
      if (agency.upstream && !agency.upstream.baseUrl) {
        problems.push(`${at}.upstream.baseUrl: set the URL of the agency's system; production never starts the embedded mocks`);
      }
      if (!agency.jwksFile && !agency.jwksUrl && !agency.oidcIssuer) {
        problems.push(`${at}.jwksUrl: set the URL of the agency's published keys (or oidcIssuer, or jwksFile); production never uses development keys`);
      } else if (agency.jwksFile && within(devKeys, agency.jwksFile)) {
        problems.push(`${at}.jwksFile: ${agency.jwksFile} is a development key; set jwksUrl or jwksFile to the agency's own published keys`);
      }
      if (agency.webhook && !agency.webhook.url.startsWith('https://')) {
        problems.push(`${at}.webhook.url: use https; notices and act events are not sent in the clear`);
      }
    });
  }
  for (const [name, value] of [['KETENPOORT_ID_SECRET', config.idSecret], ['KETENPOORT_PSEUDONYM_SECRET', config.pseudonymSecret]] as const) {
    if (!value) problems.push(`${name}: set it (at least ${MIN_SECRET_LENGTH} random characters, the same on every replica)`);
    else if (value.length < MIN_SECRET_LENGTH) problems.push(`${name}: set it to at least ${MIN_SECRET_LENGTH} random characters (it has ${value.length})`);
  }
  if (config.auditStore !== 'postgres' || !config.databaseUrl) {
    problems.push('DATABASE_URL: set the PostgreSQL connection string; production keeps its audit trail in PostgreSQL (KETENPOORT_AUDIT_STORE=postgres)');
  }
  return problems;
}

function within(folder: string, file: string): boolean {
  const path = relative(folder, resolve(file));
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}
