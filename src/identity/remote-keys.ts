/**
 * An agency's keys fetched from its identity provider's JWKS URL (jose's remote key set): cached,
 * refetched when a token names a kid the cache lacks (at most once per cooldown) or when the cache is
 * older than its maximum age, each fetch bounded by a timeout. A key server that cannot be reached
 * makes the token unverifiable, never valid: IDENTITY_UNAVAILABLE (503), not a 401, 500 or accept.
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
