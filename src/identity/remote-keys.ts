/**
 * An agency's keys fetched from its identity provider's JWKS URL (jose's remote key set): cached,
 * refetched when a token names a kid the cache lacks (at most once per cooldown) or when the cache is
 * older than its maximum age, each fetch bounded by a timeout. A key server that cannot be reached
 * makes the token unverifiable, never valid: IDENTITY_UNAVAILABLE (503), not a 401, 500 or accept.
 * With OpenID Connect discovery the JWKS URL is read from the issuer's
 * `/.well-known/openid-configuration` on first use (and again after a failed attempt).
 */
import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import { IdentityError } from './verify-token.ts';

export interface RemoteKeyOptions {
  /** Longest wait for the key server, in ms. Default 2000. */
  readonly timeoutMs?: number;
  /** Shortest time between two fetches, in ms (an unknown kid cannot make the gateway hammer the server). Default 30000. */
  readonly cooldownMs?: number;
  /** Longest a fetched key set is trusted before it is fetched again, in ms. Default 600000 (10 min). */
  readonly cacheMaxAgeMs?: number;
}

export function createRemoteKeys(url: string, options: RemoteKeyOptions = {}): JWTVerifyGetKey {
  const keySet = createRemoteJWKSet(new URL(url), {
    timeoutDuration: options.timeoutMs ?? 2000,
    cooldownDuration: options.cooldownMs ?? 30_000,
    cacheMaxAge: options.cacheMaxAgeMs ?? 600_000,
  });
  return async (protectedHeader, token) => {
    try {
      return await keySet(protectedHeader, token);
    } catch (error) {
      // No matching key is the token's fault (unknown or retired kid): it stays a signature refusal.
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys
        || error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) throw error;
      // Timeout, refused connection, non-200, a body that is no key set: the keys are unknown right now.
      throw new IdentityError('IDENTITY_UNAVAILABLE', 'The calling agency\'s signing keys cannot be fetched right now; try again later.');
    }
  };
}

/**
 * The keys of an OpenID Connect issuer: its discovery document names `jwks_uri`. The document must
 * name the same issuer (OpenID Connect Discovery 1.0, section 4.3), or it is not that issuer's.
 */
export function createDiscoveredKeys(issuer: string, options: RemoteKeyOptions = {}): JWTVerifyGetKey {
  let keys: Promise<JWTVerifyGetKey> | null = null;
  const discover = async (): Promise<JWTVerifyGetKey> => {
    const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(options.timeoutMs ?? 2000) });
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (document.issuer !== issuer || typeof document.jwks_uri !== 'string') throw new Error('discovery document names another issuer or no jwks_uri');
    return createRemoteKeys(document.jwks_uri, options);
  };
  return async (protectedHeader, token) => {
    keys ??= discover();
    let found: JWTVerifyGetKey;
    try {
      found = await keys;
    } catch {
      keys = null;
      throw new IdentityError('IDENTITY_UNAVAILABLE', 'The calling agency\'s signing keys cannot be fetched right now; try again later.');
    }
    return found(protectedHeader, token);
  };
}
