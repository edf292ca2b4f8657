/**
 * The mock's OAuth2 side: a client-credentials token endpoint, bearer-token checks with expiry, and
 * BJZ's per-client rate limit (a fixed one-second window, answered 429 with `Retry-After: 1`).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { MockReply } from '#mock-world/mock-server.ts';

export interface MockAuthOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenTtlSeconds: number;
  readonly rateLimitPerSecond: number;
  readonly now: () => number;
}

export interface MockAuth {
  /** `POST /oauth/token`. */
  issueToken(request: IncomingMessage, body: string): MockReply;
  /** The client id behind a valid bearer token, or the 401/429 reply to send instead. */
  admit(request: IncomingMessage): { readonly clientId: string } | MockReply;
}

export function createMockAuth(options: MockAuthOptions): MockAuth {
  const tokens = new Map<string, { readonly clientId: string; readonly expiresAt: number }>();
  const windows = new Map<string, { second: number; count: number }>();

  function overLimit(clientId: string): boolean {
    const second = Math.floor(options.now() / 1000);
    const window = windows.get(clientId);
    if (!window || window.second !== second) {
      windows.set(clientId, { second, count: 1 });
      return false;
    }
    window.count++;
    return window.count > options.rateLimitPerSecond;
  }

  return {
    issueToken(request, body) {
      const form = new URLSearchParams(body);
      const credentials = basicCredentials(request.headers.authorization)
        ?? { id: form.get('client_id'), secret: form.get('client_secret') };
      if (credentials.id !== options.clientId || credentials.secret !== options.clientSecret) {
        return { status: 401, headers: { ...JSON_TYPE, 'www-authenticate': 'Basic realm="bjz"' }, body: JSON.stringify({ error: 'invalid_client' }) };
      }
      if (form.get('grant_type') !== 'client_credentials') {
        return { status: 400, headers: JSON_TYPE, body: JSON.stringify({ error: 'unsupported_grant_type' }) };
      }
      const now = options.now();
      for (const [token, grant] of tokens) if (grant.expiresAt <= now) tokens.delete(token);
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, { clientId: options.clientId, expiresAt: now + options.tokenTtlSeconds * 1000 });
      return {
        status: 200,
        headers: { ...JSON_TYPE, 'cache-control': 'no-store' },
        body: JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: options.tokenTtlSeconds }),
      };
    },
    admit(request) {
      const match = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '');
      const grant = match?.[1] === undefined ? undefined : tokens.get(match[1]);
      if (!grant || grant.expiresAt <= options.now()) {
        return {
          status: 401,
          headers: { ...JSON_TYPE, 'www-authenticate': 'Bearer error="invalid_token"' },
          body: JSON.stringify({ fout: 'ongeldig of verlopen token' }),
        };
      }
      if (overLimit(grant.clientId)) {
        return { status: 429, headers: { ...JSON_TYPE, 'retry-after': '1' }, body: JSON.stringify({ fout: 'te veel verzoeken' }) };
      }
      return { clientId: grant.clientId };
    },
  };
}

export const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' } as const;

/** RFC 6749 section 2.3.1 Basic credentials: base64 of form-encoded id and secret joined by a colon. */
function basicCredentials(header: string | undefined): { id: string | null; secret: string | null } | null {
  const match = /^Basic (\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { id: null, secret: null };
  const formDecode = (value: string) => {
    try {
      return decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      return null;
    }
  };
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}
