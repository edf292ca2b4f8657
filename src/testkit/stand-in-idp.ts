/**
 * A stand-in for the agencies' identity providers (development, tests and compose.yaml only; never in
 * front of a real gateway): one ES256 key pair per agency, published
 * at `<url>/<agency>/jwks.json` (and named by an OpenID Connect discovery document at
 * `<url>/<agency>/.well-known/openid-configuration`, issuer `<url>/<agency>`), with tokens signed the
 * way that agency's provider would. Keys can be
 * rotated (the new key published beside the old) and the server taken down, to test what callers get.
 * With `issueTokens`, `POST /<agency>/token` ({ role, purposes, userId? }) answers a signed token, so a
 * tester of the compose stack gets one with curl; the keys live in memory and die with the process.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { signDevToken, type DevTokenClaims } from '#src/identity/sign-dev-token.ts';

export interface JwksServer {
  readonly url: string;
  /** Where an agency's keys are published. */
  jwksUrl(agencyId: string): string;
  /** A token signed with the agency's newest key. */
  sign(claims: DevTokenClaims): Promise<string>;
  /** The agency's OpenID Connect issuer URL. */
  issuer(agencyId: string): string;
  /** A token as an OpenID Connect provider issues it: signed with the newest key, `iss` the issuer URL. */
  signAsIssuer(claims: DevTokenClaims): Promise<string>;
  /** Publishes a new key beside the old ones and signs with it from now on. */
  rotate(agencyId: string): Promise<void>;
  /** Removes every key but the newest (the overlap window is over). */
  retireOld(agencyId: string): void;
  /** While down, every request is answered 503. */
  setDown(down: boolean): void;
  /** Requests served, per agency. */
  fetches(agencyId: string): number;
  close(): Promise<void>;
}

export interface StandInIdpOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: any free port. */
  readonly port?: number;
  /** The address the published URLs name (default `http://<host>:<port>`), e.g. the compose service name. */
  readonly publicUrl?: string;
  /** Answer `POST /<agency>/token` with a signed token (a stand-in convenience; off by default). */
  readonly issueTokens?: boolean;
}

export async function startJwksServer(agencyIds: readonly string[], options: StandInIdpOptions = {}): Promise<JwksServer> {
  const keys = new Map<string, { privateJwk: JWK; publicJwk: JWK }[]>();
  const fetched = new Map<string, number>();
  let down = false;
  let generation = 0;
  const addKey = async (agencyId: string) => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `${agencyId}-${++generation}`;
    const pair = { privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' }, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
    keys.set(agencyId, [...(keys.get(agencyId) ?? []), pair]);
  };
  for (const id of agencyIds) await addKey(id);

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const tokenRequest = options.issueTokens && request.method === 'POST' ? /^\/([a-z0-9-]+)\/token$/.exec(request.url ?? '') : null;
    if (tokenRequest) return void issueToken(tokenRequest[1]!, request, response);
    const match = /^\/([a-z0-9-]+)\/(jwks\.json|\.well-known\/openid-configuration)$/.exec(request.url ?? '');
    const agencyKeys = match ? keys.get(match[1]!) : undefined;
    if (match) fetched.set(match[1]!, (fetched.get(match[1]!) ?? 0) + 1);
    if (down) return void response.writeHead(503).end();
    if (!agencyKeys) return void response.writeHead(404).end();
    if (match![2] !== 'jwks.json') {
      const issuer = `${url}/${match![1]}`;
      return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks.json` }));
    }
    response.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys: agencyKeys.map((pair) => pair.publicJwk) }));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const url = options.publicUrl?.replace(/\/+$/, '') ?? `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;

  async function issueToken(agencyId: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const newest = keys.get(agencyId)?.at(-1);
    let body = '';
    for await (const chunk of request) {
      body += String(chunk);
      if (body.length > 4096) return void response.writeHead(413).end();
    }
    let claims: { role?: unknown; purposes?: unknown; userId?: unknown };
    try { claims = JSON.parse(body || '{}') as typeof claims; } catch { return void response.writeHead(400).end(); }
    const purposes = Array.isArray(claims.purposes) && claims.purposes.every((p) => typeof p === 'string') ? claims.purposes as string[] : null;
    if (!newest) return void response.writeHead(404).end();
    if (typeof claims.role !== 'string' || !purposes || (claims.userId !== undefined && typeof claims.userId !== 'string')) {
      return void response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'give {"role": string, "purposes": string[], "userId"?: string}' }));
    }
    const token = await signDevToken(newest.privateJwk, { agencyId, role: claims.role, purposes, ...(claims.userId ? { userId: claims.userId as string } : {}) });
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token }));
  }
  return {
    url,
    jwksUrl: (agencyId) => `${url}/${agencyId}/jwks.json`,
    async sign(claims) {
      const newest = keys.get(claims.agencyId)?.at(-1);
      if (!newest) throw new Error(`no keys for ${claims.agencyId}`);
      return signDevToken(newest.privateJwk, claims);
    },
    issuer: (agencyId) => `${url}/${agencyId}`,
    async signAsIssuer(claims) {
      const newest = keys.get(claims.agencyId)?.at(-1);
      if (!newest) throw new Error(`no keys for ${claims.agencyId}`);
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ role: claims.role, purposes: [...claims.purposes] })
        .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: newest.privateJwk.kid! })
        .setIssuer(`${url}/${claims.agencyId}`).setSubject(claims.userId ?? 'oidc-user').setAudience(claims.audience ?? 'ketenpoort')
        .setIssuedAt(now).setExpirationTime(now + 600)
        .sign(await importJWK(newest.privateJwk, 'ES256'));
    },
    rotate: addKey,
    retireOld(agencyId) {
      keys.set(agencyId, (keys.get(agencyId) ?? []).slice(-1));
    },
    setDown(value) {
      down = value;
    },
    fetches: (agencyId) => fetched.get(agencyId) ?? 0,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
