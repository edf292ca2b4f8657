/**
 * The gateway's own secrets: one seals identifiers, one keys the BSN pseudonyms of the audit trail.
 * Production requires both from configuration; development generates them once in the data folder,
 * so ids and pseudonyms stay stable across restarts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GatewayConfig } from '#src/config/config.ts';

export interface GatewaySecrets {
  readonly idSecret: string;
  readonly pseudonymSecret: string;
}

export function loadSecrets(config: GatewayConfig): GatewaySecrets {
  if (config.idSecret && config.pseudonymSecret) return { idSecret: config.idSecret, pseudonymSecret: config.pseudonymSecret };
  if (config.mode === 'production') {
    throw new Error('KETENPOORT_ID_SECRET and KETENPOORT_PSEUDONYM_SECRET are required in production.');
  }
  const file = join(config.dataDir, 'dev-secrets.json');
  let stored: Partial<GatewaySecrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<GatewaySecrets>;
  const secrets = {
    idSecret: config.idSecret ?? stored.idSecret ?? randomBytes(32).toString('base64url'),
    pseudonymSecret: config.pseudonymSecret ?? stored.pseudonymSecret ?? randomBytes(32).toString('base64url'),
  };
  if (secrets.idSecret !== stored.idSecret || secrets.pseudonymSecret !== stored.pseudonymSecret) {
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  }
  return secrets;
}

/**
 * The pseudonym secret the gateway uses, for the tools beside it (audit:access-request): from
 * configuration, else in development the one the gateway generated in the data folder; null when
 * there is none. Never generated here: a new secret would pseudonymise a BSN to a subject no entry has.
 */
export function existingPseudonymSecret(config: GatewayConfig): string | null {
  if (config.pseudonymSecret) return config.pseudonymSecret;
  const file = join(config.dataDir, 'dev-secrets.json');
  if (config.mode === 'production' || !existsSync(file)) return null;
  return (JSON.parse(readFileSync(file, 'utf8')) as Partial<GatewaySecrets>).pseudonymSecret ?? null;
}
