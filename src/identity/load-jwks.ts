/**
 * The public keys each agency signs its callers' tokens with: a JWKS file from configuration, or in
 * development the generated dev keys. A production agency without keys simply cannot call.
 */
import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import type { GatewayConfig } from '#src/config/config.ts';
import { ensureDevKeys } from '#src/identity/dev-keys.ts';

export async function loadJwks(config: GatewayConfig): Promise<Map<string, JSONWebKeySet>> {
  const keys = new Map<string, JSONWebKeySet>();
  for (const agency of config.agencies) {
    if (agency.jwksFile) keys.set(agency.id, JSON.parse(readFileSync(agency.jwksFile, 'utf8')) as JSONWebKeySet);
    else if (config.mode === 'development') keys.set(agency.id, (await ensureDevKeys(config.dataDir, agency.id)).publicJwks as JSONWebKeySet);
  }
  return keys;
}
