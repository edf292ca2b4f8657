/**
 * BJZ's OAuth2 client-credentials token, cached per adapter instance until shortly before it expires.
 * Concurrent callers share one in-flight token request, so a burst of loaders after expiry (or after
 * a 401) costs the token endpoint one call, not one per batch.
 */
import type { Clock } from '#kit/contract.ts';
import { AdapterError } from '#kit/errors.ts';
import type { UpstreamHttp } from '#kit/http-types.ts';

export interface TokenSourceOptions {
  readonly agencyId: string;
  readonly http: UpstreamHttp;
  readonly clock: Clock;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Path of the token endpoint. Default `/oauth/token`. */
  readonly tokenPath?: string;
  /** Seconds before `expires_in` runs out that the token is treated as expired. Default 30. */
  readonly skewSeconds?: number;
}

export interface TokenSource {
  /** A valid access token, from the cache or freshly requested. */
  get(): Promise<string>;
  /** Forgets `token` if it is still the cached one (after the API rejected it with 401). */
  invalidate(token: string): void;
  clear(): void;
}

export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const skewMs = (options.skewSeconds ?? 30) * 1000;
  let cached: { readonly token: string; readonly expiresAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const response = await options.http.request({
      method: 'POST',
      operation: 'token',
      path: options.tokenPath ?? '/oauth/token',
      headers: {
        authorization: `Basic ${basicCredentials(options.clientId, options.clientSecret)}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: 'grant_type=client_credentials',
      // A repeated grant is harmless (the unused token simply expires), so the kit may retry it.
      idempotent: true,
      // No caller's signal: the request is shared, and one caller going away must not fail the others.
    });
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      throw new AdapterError('UPSTREAM_UNAUTHORIZED', 'BJZ token endpoint refused the client credentials', {
        agency: options.agencyId, status: response.status,
      });
    }
    if (response.status !== 200) throw badToken(options.agencyId, response.status);
    const { token, expiresInSeconds } = decodeToken(response.body, options.agencyId);
    const issuedAt = options.clock.now().getTime();
    cached = { token, expiresAt: issuedAt + Math.max(0, expiresInSeconds * 1000 - skewMs) };
    return token;
  }

  return {
    get() {
      if (cached && options.clock.now().getTime() < cached.expiresAt) return Promise.resolve(cached.token);
      inFlight ??= fetchToken().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
    clear() {
      cached = null;
    },
  };
}

/** RFC 6749 section 2.3.1: id and secret are form-encoded before they are joined and base64-encoded. */
function basicCredentials(clientId: string, clientSecret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`, 'utf8').toString('base64');
}

function decodeToken(body: string, agencyId: string): { token: string; expiresInSeconds: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.replace(/^\uFEFF/, ''));
  } catch {
    // Not the SyntaxError as cause: its message quotes the body, and the body holds the token.
    throw badToken(agencyId, 200);
  }
  const value = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const token = value.access_token;
  const type = value.token_type;
  const expiresIn = value.expires_in;
  if (typeof token !== 'string' || token === '' || typeof type !== 'string' || type.toLowerCase() !== 'bearer'
    || typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw badToken(agencyId, 200);
  }
  return { token, expiresInSeconds: expiresIn };
}

function badToken(agencyId: string, status: number): AdapterError {
  return new AdapterError('UPSTREAM_BAD_RESPONSE', 'BJZ token endpoint gave an unusable answer', { agency: agencyId, status });
}
