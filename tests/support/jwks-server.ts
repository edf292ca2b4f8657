/**
 * An identity provider's key server on loopback, for tests: one ES256 key pair per agency, published
 * at `<url>/<agency>/jwks.json` (and named by an OpenID Connect discovery document at
 * `<url>/<agency>/.well-known/openid-configuration`, issuer `<url>/<agency>`), with tokens signed the
 * way that agency's provider would. Keys can be
 * rotated (the new key published beside the old) and the server taken down, to test what callers get.
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

export async function startJwksServer(agencyIds: readonly string[]): Promise<JwksServer> {
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
