/**
 * Verifies the caller's bearer token: signed by the calling agency's key (a local JWKS, or the keys its
 * identity provider publishes, src/identity/remote-keys.ts),
 * algorithms pinned, issuer = the agency id, audience = the gateway, exp/nbf with bounded skew.
 * Verified tokens are cached per process in a bounded LRU until they expire.
 */
import { createHash } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, errors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { amsterdamDay, withinDays } from '#domain/calendar.ts';
import type { AgencyKind } from '#domain/records.ts';
import type { GatewayErrorCode } from '#domain/errors.ts';

export interface VerifiedToken {
  readonly agencyId: string;
  readonly kind: AgencyKind;
  readonly region: string;
  readonly userId: string;
  readonly role: string;
  readonly purposes: readonly string[];
  readonly expiresAt: number;
  /** Whom the user acted for (RFC 8693 `act`: the token's `sub`), or null. */
  readonly responsibleUserId: string | null;
  /** The client system the token was issued to (`azp`, else `client_id`), or null. */
  readonly accessPoint: string | null;
}

export class IdentityError extends Error {
  readonly code: GatewayErrorCode;
  constructor(code: GatewayErrorCode, message: string) {
    super(message);
    this.name = 'IdentityError';
    this.code = code;
  }
}

export interface TokenVerifierOptions {
  /** The agencies that may call; tokens carry the agency id as issuer, or its OpenID Connect issuer URL when it has one. */
  readonly agencies: readonly { id: string; kind: AgencyKind; region: string; oidcIssuer?: string | undefined; validFrom?: string | null | undefined; validTo?: string | null | undefined }[];
  /** Each agency's keys: a key set held locally, or a function that finds the key (a remote key set). */
  readonly jwksByAgency: ReadonlyMap<string, JSONWebKeySet | JWTVerifyGetKey>;
  readonly audience: string;
  /** Allowed skew for exp and nbf, in seconds. */
  readonly clockSkewSeconds: number;
  /** Clock; default the wall clock. */
  readonly now?: () => Date;
  /** Verified tokens kept. Default 10000. */
  readonly cacheSize?: number;
  /** Pinned algorithms. Default ES256, EdDSA, RS256, PS256. */
  readonly algorithms?: readonly string[];
}

export interface TokenVerifier {
  verify(authorization: string | undefined): Promise<VerifiedToken>;
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const now = options.now ?? (() => new Date());
  const agencies = new Map(options.agencies.map((agency) => [agency.oidcIssuer ?? agency.id, agency]));
  const byId = new Map(options.agencies.map((agency) => [agency.id, agency]));
  const keySets = new Map([...options.jwksByAgency].map(([id, jwks]) => [id, typeof jwks === 'function' ? jwks : createLocalJWKSet(jwks)]));
  const cache = new LRUCache<string, VerifiedToken>({ max: options.cacheSize ?? 10_000 });
  const algorithms = [...(options.algorithms ?? ['ES256', 'EdDSA', 'RS256', 'PS256'])];

  return {
    async verify(authorization) {
      const token = bearer(authorization);
      const cacheKey = createHash('sha256').update(token).digest('base64url');
      const cached = cache.get(cacheKey);
      const nowSeconds = now().getTime() / 1000;
      if (cached && cached.expiresAt + options.clockSkewSeconds > nowSeconds) return inForce(cached, now());

      let issuer: string | undefined;
      try {
        issuer = decodeJwt(token).iss;
      } catch {
        throw new IdentityError('TOKEN_MALFORMED', 'The bearer token is not a well-formed JWT.');
      }
      const agency = issuer ? agencies.get(issuer) : undefined;
      const keySet = agency ? keySets.get(agency.id) : undefined;
      if (!agency || !keySet) throw new IdentityError('TOKEN_ISSUER_UNKNOWN', 'The token was issued by an agency the gateway does not know.');

      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keySet, {
          issuer: agency.oidcIssuer ?? agency.id,
          audience: options.audience,
          algorithms,
          clockTolerance: options.clockSkewSeconds,
          currentDate: now(),
          requiredClaims: ['exp', 'iat', 'sub'],
        }));
      } catch (error) {
        throw toIdentityError(error);
      }
      const verified = claims(payload, agency);
      cache.set(cacheKey, verified, { ttl: Math.max(1, (verified.expiresAt - nowSeconds) * 1000) });
      return inForce(verified, now());
    },
  };

  /**
   * A well-signed token of an organisation that does not exist on the day (covenants/organisations.yaml)
   * is refused: its successor controls its records, and no covenant binds it. Checked on every request,
   * cached tokens too, since a token may outlive the organisation's last day.
   */
  function inForce(verified: VerifiedToken, at: Date): VerifiedToken {
    const agency = byId.get(verified.agencyId);
    if (agency && !withinDays(amsterdamDay(at), agency.validFrom, agency.validTo)) {
      throw new IdentityError('ORGANISATION_NOT_IN_FORCE', 'The organisation that issued the token does not exist on this day; its successor acts for it.');
    }
    return verified;
  }
}

function bearer(authorization: string | undefined): string {
  if (!authorization) throw new IdentityError('TOKEN_MISSING', 'An Authorization: Bearer token is required.');
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization.trim());
  if (!match?.[1]) throw new IdentityError('TOKEN_MALFORMED', 'The Authorization header must read "Bearer <token>".');
  return match[1];
}

function claims(payload: JWTPayload, agency: { id: string; kind: AgencyKind; region: string }): VerifiedToken {
  const { role, purposes, sub, exp, act, azp, client_id: clientId } = payload as JWTPayload & { role?: unknown; purposes?: unknown; act?: unknown; azp?: unknown; client_id?: unknown };
  if (typeof role !== 'string' || !/^[a-z][a-z-]{1,40}$/.test(role)) throw new IdentityError('TOKEN_CLAIMS_INVALID', 'The token has no valid role claim.');
  if (!Array.isArray(purposes) || purposes.length === 0 || !purposes.every((p) => typeof p === 'string' && /^[a-z0-9-]{1,60}$/.test(p))) {
    throw new IdentityError('TOKEN_CLAIMS_INVALID', 'The token has no valid purposes claim.');
  }
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 128) throw new IdentityError('TOKEN_CLAIMS_INVALID', 'The token has no valid subject.');
  // RFC 8693 delegation: `act.sub` acted, on behalf of `sub` (NEN 7513: user and responsible user).
  let actor: string | null = null;
  if (act !== undefined) {
    const actSub = typeof act === 'object' && act !== null ? (act as { sub?: unknown }).sub : undefined;
    if (typeof actSub !== 'string' || actSub.length === 0 || actSub.length > 128) throw new IdentityError('TOKEN_CLAIMS_INVALID', 'The token\'s act claim has no valid subject.');
    actor = actSub;
  }
  const client = azp ?? clientId;
  if (client !== undefined && (typeof client !== 'string' || !/^[A-Za-z0-9._:/-]{1,128}$/.test(client))) {
    throw new IdentityError('TOKEN_CLAIMS_INVALID', 'The token\'s azp or client_id claim is not a valid client id.');
  }
  return {
    agencyId: agency.id, kind: agency.kind, region: agency.region, userId: actor ?? sub, role, purposes: purposes as string[], expiresAt: exp ?? 0,
    responsibleUserId: actor === null ? null : sub, accessPoint: client ?? null,
  };
}

function toIdentityError(error: unknown): IdentityError {
  if (error instanceof IdentityError) return error;
  if (error instanceof errors.JWTExpired) return new IdentityError('TOKEN_EXPIRED', 'The token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf' || error.claim === 'iat') return new IdentityError('TOKEN_NOT_YET_VALID', 'The token is not yet valid.');
    if (error.claim === 'iss') return new IdentityError('TOKEN_ISSUER_INVALID', 'The token issuer does not match the signing agency.');
    if (error.claim === 'aud') return new IdentityError('TOKEN_AUDIENCE_INVALID', 'The token is not meant for this gateway.');
    return new IdentityError('TOKEN_CLAIMS_INVALID', 'The token is missing a required claim.');
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new IdentityError('TOKEN_ALGORITHM_NOT_ALLOWED', 'The token is signed with an algorithm the gateway does not accept.');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return new IdentityError('TOKEN_SIGNATURE_INVALID', 'The token signature does not verify against the agency\'s keys.');
  }
  return new IdentityError('TOKEN_MALFORMED', 'The bearer token could not be read.');
}
