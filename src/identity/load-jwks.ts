/**
 * The public keys each agency signs its callers' tokens with: fetched from its JWKS URL (named or found
 * by OpenID Connect discovery), read from a
 * JWKS file, or in development the generated dev keys. A production agency without keys cannot call
 * (and production does not start with one: src/config/production-checks.ts).
 */
import { readFileSync } from 'node:fs';
import type { JSONWebKeySet, JWTVerifyGetKey } from 'jose';
import type { GatewayConfig } from '#src/config/config.ts';
import { ensureDevKeys } from '#src/identity/dev-keys.ts';
import { createDiscoveredKeys, createRemoteKeys } from '#src/identity/remote-keys.ts';

export async function loadJwks(config: GatewayConfig): Promise<Map<string, JSONWebKeySet | JWTVerifyGetKey>> {
  const keys = new Map<string, JSONWebKeySet | JWTVerifyGetKey>();
  for (const agency of config.agencies) {
    if (agency.oidcIssuer) keys.set(agency.id, createDiscoveredKeys(agency.oidcIssuer));
    else if (agency.jwksUrl) keys.set(agency.id, createRemoteKeys(agency.jwksUrl));
    else if (agency.jwksFile) keys.set(agency.id, JSON.parse(readFileSync(agency.jwksFile, 'utf8')) as JSONWebKeySet);
    else if (config.mode === 'development') keys.set(agency.id, (await ensureDevKeys(config.dataDir, agency.id)).publicJwks as JSONWebKeySet);
  }
  return keys;
}
