/** Signs a token the way an agency's identity provider would; for development and tests only. */
import { importJWK, SignJWT, type JWK } from 'jose';
import { DEV_TOKEN_ALGORITHM } from './dev-keys.ts';

export interface DevTokenClaims {
  readonly agencyId: string;
  /** Pseudonymous user id. Default `dev-user`. */
  readonly userId?: string;
  readonly role: string;
  readonly purposes: readonly string[];
  /** Default `ketenpoort`. */
  readonly audience?: string;
  /** Lifetime in seconds. Default 3600. */
  readonly ttlSeconds?: number;
  /** Issue time; default now. */
  readonly issuedAt?: Date;
  /** Not-before, when it should differ from the issue time. */
  readonly notBefore?: Date;
}

export async function signDevToken(privateJwk: JWK, claims: DevTokenClaims): Promise<string> {
  const key = await importJWK(privateJwk, DEV_TOKEN_ALGORITHM);
  const issuedAt = Math.floor((claims.issuedAt ?? new Date()).getTime() / 1000);
  const jwt = new SignJWT({ role: claims.role, purposes: [...claims.purposes] })
    .setProtectedHeader({ alg: DEV_TOKEN_ALGORITHM, typ: 'JWT', ...(privateJwk.kid ? { kid: privateJwk.kid } : {}) })
    .setIssuer(claims.agencyId)
    .setSubject(claims.userId ?? 'dev-user')
    .setAudience(claims.audience ?? 'ketenpoort')
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (claims.ttlSeconds ?? 3600));
  if (claims.notBefore) jwt.setNotBefore(Math.floor(claims.notBefore.getTime() / 1000));
  return jwt.sign(key);
}
