/** Every way a caller can fail to authenticate or bind a purpose gets its own code, and nothing runs. */
import { SignJWT, generateKeyPair, importJWK, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevKeys } from '#src/identity/dev-keys.ts';
import { SCENARIO_NOW, startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const QUERY = '{ me { agency { id } role purpose } }';
const AGENCY = 'amk-groningen';
const PURPOSE = 'child-abuse-assessment';
const nowSeconds = Math.floor(SCENARIO_NOW.getTime() / 1000);

let gateway: TestGateway;
let privateJwk: JWK;

async function sign(payload: Record<string, unknown>, options: { key?: Parameters<SignJWT['sign']>[0]; alg?: string } = {}): Promise<string> {
  const key = options.key ?? (await importJWK(privateJwk, 'ES256'));
  return new SignJWT(payload).setProtectedHeader({ alg: options.alg ?? 'ES256' }).sign(key);
}

const valid = () => ({ iss: AGENCY, sub: 'user-1', aud: 'ketenpoort', role: 'caseworker', purposes: [PURPOSE], iat: nowSeconds, exp: nowSeconds + 600 });

beforeAll(async () => {
  gateway = await startTestGateway();
  ({ privateJwk } = await ensureDevKeys(gateway.dataDir, AGENCY));
});
afterAll(async () => gateway?.close());

describe('authentication and purpose binding', () => {
  it('answers a valid token with a listed purpose', async () => {
    const token = await sign(valid());
    const response = await gateway.raw({ authorization: `Bearer ${token}`, 'x-purpose': PURPOSE }, { query: QUERY });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ me: { agency: { id: AGENCY }, role: 'caseworker', purpose: PURPOSE } });
  });

  const cases: { name: string; headers: () => Promise<Record<string, string>>; status: number; code: string }[] = [
    { name: 'no token', headers: async () => ({ 'x-purpose': PURPOSE }), status: 401, code: 'TOKEN_MISSING' },
    { name: 'not a bearer token', headers: async () => ({ authorization: 'Basic Zm9vOmJhcg==', 'x-purpose': PURPOSE }), status: 401, code: 'TOKEN_MALFORMED' },
    { name: 'garbage token', headers: async () => ({ authorization: 'Bearer not.a.jwt', 'x-purpose': PURPOSE }), status: 401, code: 'TOKEN_MALFORMED' },
    {
      name: 'bad signature (another key)', status: 401, code: 'TOKEN_SIGNATURE_INVALID',
      headers: async () => ({ authorization: `Bearer ${await sign(valid(), { key: (await generateKeyPair('ES256')).privateKey })}`, 'x-purpose': PURPOSE }),
    },
    {
      name: 'signed by another agency\'s key', status: 401, code: 'TOKEN_SIGNATURE_INVALID',
      headers: async () => {
        const other = await ensureDevKeys(gateway.dataDir, 'ashg-groningen');
        return { authorization: `Bearer ${await sign(valid(), { key: await importJWK(other.privateJwk, 'ES256') })}`, 'x-purpose': PURPOSE };
      },
    },
    { name: 'unknown agency', headers: async () => ({ authorization: `Bearer ${await sign({ ...valid(), iss: 'amk-nergens' })}`, 'x-purpose': PURPOSE }), status: 401, code: 'TOKEN_ISSUER_UNKNOWN' },
    { name: 'wrong audience', headers: async () => ({ authorization: `Bearer ${await sign({ ...valid(), aud: 'some-other-gateway' })}`, 'x-purpose': PURPOSE }), status: 401, code: 'TOKEN_AUDIENCE_INVALID' },
    { name: 'expired', headers: async () => ({ authorization: `Bearer ${await sign({ ...valid(), iat: nowSeconds - 7200, exp: nowSeconds - 3600 })}`, 'x-purpose': PURPOSE }), status: 401, code: 'TOKEN_EXPIRED' },
    { name: 'not yet valid', headers: async () => ({ authorization: `Bearer ${await sign({ ...valid(), nbf: nowSeconds + 3600 })}`, 'x-purpose': PURPOSE }), status: 401, code: 'TOKEN_NOT_YET_VALID' },
    {
      name: 'alg none', status: 401, code: 'TOKEN_ALGORITHM_NOT_ALLOWED',
      headers: async () => {
        const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
        return { authorization: `Bearer ${encode({ alg: 'none', typ: 'JWT' })}.${encode(valid())}.`, 'x-purpose': PURPOSE };
      },
    },
    {
      name: 'HS256 with the public key as secret (algorithm confusion)', status: 401, code: 'TOKEN_ALGORITHM_NOT_ALLOWED',
      headers: async () => ({ authorization: `Bearer ${await sign(valid(), { alg: 'HS256', key: new TextEncoder().encode(JSON.stringify(privateJwk.x)) })}`, 'x-purpose': PURPOSE }),
    },
    { name: 'no role claim', headers: async () => ({ authorization: `Bearer ${await sign({ ...valid(), role: undefined })}`, 'x-purpose': PURPOSE }), status: 401, code: 'TOKEN_CLAIMS_INVALID' },
    { name: 'missing purpose header', headers: async () => ({ authorization: `Bearer ${await sign(valid())}` }), status: 400, code: 'PURPOSE_MISSING' },
    { name: 'unknown purpose', headers: async () => ({ authorization: `Bearer ${await sign(valid())}`, 'x-purpose': 'curiosity' }), status: 400, code: 'PURPOSE_UNKNOWN' },
    { name: 'purpose not in the token', headers: async () => ({ authorization: `Bearer ${await sign(valid())}`, 'x-purpose': 'case-conference' }), status: 403, code: 'PURPOSE_NOT_PERMITTED' },
  ];

  it.each(cases)('$name -> $status $code, nothing executed', async ({ headers, status, code }) => {
    const before = gateway.gateway.services.audit.stats().entries;
    const response = await gateway.raw(await headers(), { query: '{ agreements { key } me { role } }' });
    expect(response.status).toBe(status);
    expect(response.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(response.body.data).toBeUndefined();
    expect(gateway.gateway.services.audit.stats().entries).toBe(before);
  });
});
