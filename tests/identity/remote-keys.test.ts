/**
 * Keys from an identity provider's JWKS URL: verified, rotated with an overlap window, and when the key
 * server cannot be reached, a coded 503 (IDENTITY_UNAVAILABLE), never a 500 and never an accept.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '#src/identity/authenticate.ts';
import { createDiscoveredKeys, createRemoteKeys, type RemoteKeyOptions } from '#src/identity/remote-keys.ts';
import { createTokenVerifier, type TokenVerifier } from '#src/identity/verify-token.ts';
import { startJwksServer, type JwksServer } from '#testkit';

const AGENCY = { id: 'amk-groningen', kind: 'AMK', region: 'groningen' } as const;
const PURPOSE = 'child-abuse-assessment';
let keys: JwksServer;

beforeAll(async () => {
  keys = await startJwksServer([AGENCY.id]);
});
afterAll(async () => keys?.close());

function verifierAt(url: string, options: RemoteKeyOptions = {}): TokenVerifier {
  return createTokenVerifier({
    agencies: [AGENCY], jwksByAgency: new Map([[AGENCY.id, createRemoteKeys(url, { cooldownMs: 0, ...options })]]), audience: 'ketenpoort', clockSkewSeconds: 30,
  });
}

let user = 0;
async function ask(verifier: TokenVerifier, token?: string) {
  const jwt = token ?? (await keys.sign({ agencyId: AGENCY.id, userId: `user-${++user}`, role: 'caseworker', purposes: [PURPOSE] }));
  return authenticate(verifier, new Set([PURPOSE]), { authorization: `Bearer ${jwt}`, purpose: PURPOSE });
}

describe('keys from a JWKS URL', () => {
  it('verifies a token signed with a published key', async () => {
    const result = await ask(verifierAt(keys.jwksUrl(AGENCY.id)));
    expect(result).toMatchObject({ ok: true, caller: { agencyId: AGENCY.id } });
  });

  it('follows a rotation: the new kid is fetched, the old key works through the overlap, not after it', async () => {
    const verifier = verifierAt(keys.jwksUrl(AGENCY.id), { cacheMaxAgeMs: 0 });
    const before = await keys.sign({ agencyId: AGENCY.id, userId: 'before-rotation', role: 'caseworker', purposes: [PURPOSE] });
    expect((await ask(verifier, before)).ok).toBe(true);
    await keys.rotate(AGENCY.id);
    expect((await ask(verifier)).ok).toBe(true);
    const oldAgain = await keys.sign({ agencyId: AGENCY.id, userId: 'old-key-new-token', role: 'caseworker', purposes: [PURPOSE] });
    keys.retireOld(AGENCY.id);
    // Signed before the retirement with the then newest key, which is still published: accepted.
    expect((await ask(verifier, oldAgain)).ok).toBe(true);
    expect(await ask(verifierAt(keys.jwksUrl(AGENCY.id), { cacheMaxAgeMs: 0 }), before)).toMatchObject({ ok: false, status: 401, code: 'TOKEN_SIGNATURE_INVALID' });
  });

  it('answers IDENTITY_UNAVAILABLE (503) when the key server answers 503', async () => {
    keys.setDown(true);
    try {
      expect(await ask(verifierAt(keys.jwksUrl(AGENCY.id)))).toMatchObject({ ok: false, status: 503, code: 'IDENTITY_UNAVAILABLE' });
    } finally {
      keys.setDown(false);
    }
  });

  it('answers IDENTITY_UNAVAILABLE (503) when nothing listens at the URL', async () => {
    expect(await ask(verifierAt('http://127.0.0.1:9/amk-groningen/jwks.json'))).toMatchObject({ ok: false, status: 503, code: 'IDENTITY_UNAVAILABLE' });
  });

  it('answers IDENTITY_UNAVAILABLE (503) when the key server never answers (the fetch is bounded by its timeout)', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/jwks.json`;
      expect(await ask(verifierAt(url, { timeoutMs: 200 }))).toMatchObject({ ok: false, status: 503, code: 'IDENTITY_UNAVAILABLE' });
    } finally {
      silent.close();
    }
  });
});

describe('keys found through OpenID Connect discovery', () => {
  function discovering(issuer: string): TokenVerifier {
    return createTokenVerifier({
      agencies: [{ ...AGENCY, oidcIssuer: issuer }], jwksByAgency: new Map([[AGENCY.id, createDiscoveredKeys(issuer, { cooldownMs: 0 })]]), audience: 'ketenpoort', clockSkewSeconds: 30,
    });
  }
  const claims = { agencyId: AGENCY.id, role: 'caseworker', purposes: [PURPOSE] };

  it('verifies a token whose issuer is the provider URL, with the keys its discovery document names', async () => {
    const result = await ask(discovering(keys.issuer(AGENCY.id)), await keys.signAsIssuer(claims));
    expect(result).toMatchObject({ ok: true, caller: { agencyId: AGENCY.id } });
  });

  it('refuses a token that carries the agency id instead of the provider URL as issuer', async () => {
    expect(await ask(discovering(keys.issuer(AGENCY.id)))).toMatchObject({ ok: false, status: 401, code: 'TOKEN_ISSUER_UNKNOWN' });
  });

  it('answers IDENTITY_UNAVAILABLE while discovery fails, and recovers once the provider is back', async () => {
    const verifier = discovering(keys.issuer(AGENCY.id));
    keys.setDown(true);
    try {
      expect(await ask(verifier, await keys.signAsIssuer(claims))).toMatchObject({ ok: false, status: 503, code: 'IDENTITY_UNAVAILABLE' });
    } finally {
      keys.setDown(false);
    }
    expect((await ask(verifier, await keys.signAsIssuer({ ...claims, userId: 'after-recovery' }))).ok).toBe(true);
  });

  it('refuses a discovery document that names another issuer: no keys, IDENTITY_UNAVAILABLE', async () => {
    const token = await keys.signAsIssuer(claims);
    const header = { alg: 'ES256', kid: decodeProtectedHeader(token).kid! };
    // A trailing slash is another issuer (exact match, OpenID Connect Discovery 1.0 section 4.3).
    await expect(createDiscoveredKeys(`${keys.issuer(AGENCY.id)}/`)(header, { payload: '', signature: '' })).rejects.toMatchObject({ code: 'IDENTITY_UNAVAILABLE' });
    await expect(createDiscoveredKeys(keys.issuer(AGENCY.id))(header, { payload: '', signature: '' })).resolves.toBeDefined();
  });
});
