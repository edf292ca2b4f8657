/**
 * Development signing keys, one ES256 pair per agency, generated on first use under the git-ignored
 * data folder. The gateway trusts them only in development mode; `npm run token` signs with them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export const DEV_TOKEN_ALGORITHM = 'ES256';

export interface DevKeyPair {
  readonly privateJwk: JWK;
  readonly publicJwks: { keys: JWK[] };
}

export async function ensureDevKeys(dataDir: string, agencyId: string): Promise<DevKeyPair> {
  const folder = join(dataDir, 'dev-keys');
  const privatePath = join(folder, `${agencyId}.private.jwk.json`);
  const publicPath = join(folder, `${agencyId}.jwks.json`);
  if (existsSync(privatePath) && existsSync(publicPath)) {
    return {
      privateJwk: JSON.parse(readFileSync(privatePath, 'utf8')) as JWK,
      publicJwks: JSON.parse(readFileSync(publicPath, 'utf8')) as { keys: JWK[] },
    };
  }
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const { publicKey, privateKey } = await generateKeyPair(DEV_TOKEN_ALGORITHM, { extractable: true });
  const kid = `${agencyId}-dev-${Date.now().toString(36)}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: DEV_TOKEN_ALGORITHM, use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: DEV_TOKEN_ALGORITHM, use: 'sig' };
  writeFileSync(privatePath, JSON.stringify(privateJwk), { mode: 0o600 });
  writeFileSync(publicPath, JSON.stringify({ keys: [publicJwk] }, null, 2));
  return { privateJwk, publicJwks: { keys: [publicJwk] } };
}
