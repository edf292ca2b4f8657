/** BJZ's OAuth2 token: cached until expiry minus the skew, shared while in flight, refreshed once on 401. */
import { describe, expect, it } from 'vitest';
import { GEZIN, grant, searchClients, setup, useNock } from './nock-helpers.ts';
import { scope } from './test-context.ts';
import { wireClient } from './wire-samples.ts';

useNock();

const found = { data: [wireClient()] };

describe('the access token', () => {
  it('is fetched once and reused by later requests until 30 s before it expires', async () => {
    const { adapter, upstream, test } = setup();
    grant(upstream, 'token-1', 300);
    searchClients(upstream, { gezinIds: [GEZIN] }, 'token-1').times(2).reply(200, found);
    await adapter.createLoaders(scope()).household.load(GEZIN);
    test.advance(269_000);
    await adapter.createLoaders(scope()).household.load(GEZIN);
    expect(upstream.pendingMocks()).toEqual([]);

    test.advance(1_000);
    grant(upstream, 'token-2', 300);
    searchClients(upstream, { gezinIds: [GEZIN] }, 'token-2').reply(200, found);
    await adapter.createLoaders(scope()).household.load(GEZIN);
  });

  it('is requested once for concurrent requests that find no token', async () => {
    const { adapter, upstream } = setup();
    grant(upstream, 'token-1', 300, 20);
    searchClients(upstream, { gezinIds: [GEZIN] }).times(3).reply(200, found);
    const answers = await Promise.all([1, 2, 3].map(() => adapter.createLoaders(scope()).household.load(GEZIN)));
    expect(answers.map((household) => household?.localId)).toEqual([GEZIN, GEZIN, GEZIN]);
  });

  it('is replaced once after a 401, and the call retried with the new one', async () => {
    const { adapter, upstream } = setup();
    grant(upstream, 'token-1');
    searchClients(upstream, { gezinIds: [GEZIN] }, 'token-1').reply(401, { fout: 'ongeldig of verlopen token' });
    grant(upstream, 'token-2');
    searchClients(upstream, { gezinIds: [GEZIN] }, 'token-2').reply(200, found);
    expect(await adapter.createLoaders(scope()).household.load(GEZIN)).toMatchObject({ localId: GEZIN });
  });

  it('gives UPSTREAM_UNAUTHORIZED when the fresh token is refused too', async () => {
    const { adapter, upstream } = setup();
    grant(upstream, 'token-1');
    searchClients(upstream, { gezinIds: [GEZIN] }, 'token-1').reply(401);
    grant(upstream, 'token-2');
    searchClients(upstream, { gezinIds: [GEZIN] }, 'token-2').reply(401);
    await expect(adapter.createLoaders(scope()).household.load(GEZIN)).rejects.toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', status: 401 });
  });

  it('is not replaced after a 403: the token is valid, the client lacks the right', async () => {
    const { adapter, upstream } = setup();
    grant(upstream);
    searchClients(upstream, { gezinIds: [GEZIN] }).reply(403, { fout: 'geen toegang' });
    await expect(adapter.createLoaders(scope()).household.load(GEZIN)).rejects.toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', status: 403 });
  });

  it.each([
    ['401 invalid_client', 401, { error: 'invalid_client' }, 'UPSTREAM_UNAUTHORIZED'],
    ['400 unauthorized_client', 400, { error: 'unauthorized_client' }, 'UPSTREAM_UNAUTHORIZED'],
    ['200 with a MAC token', 200, { access_token: 't', token_type: 'mac', expires_in: 300 }, 'UPSTREAM_BAD_RESPONSE'],
    ['200 without expires_in', 200, { access_token: 't', token_type: 'Bearer' }, 'UPSTREAM_BAD_RESPONSE'],
    ['200 with an empty token', 200, { access_token: '', token_type: 'Bearer', expires_in: 300 }, 'UPSTREAM_BAD_RESPONSE'],
    ['200 with HTML', 200, '<html>login</html>', 'UPSTREAM_BAD_RESPONSE'],
  ])('fails the call when the token endpoint answers %s', async (_name, status, body, code) => {
    const { adapter, upstream } = setup();
    upstream.post('/oauth/token').reply(status, body);
    const error = await adapter.createLoaders(scope()).household.load(GEZIN).catch((e: unknown) => e);
    expect(error).toMatchObject({ code, agency: 'bjz-groningen' });
  });

  it('is asked for again after a failed token request', async () => {
    const { adapter, upstream } = setup();
    upstream.post('/oauth/token').reply(200, '<html>login</html>');
    await expect(adapter.createLoaders(scope()).household.load(GEZIN)).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    grant(upstream);
    searchClients(upstream, { gezinIds: [GEZIN] }).reply(200, found);
    expect(await adapter.createLoaders(scope()).household.load(GEZIN)).toMatchObject({ localId: GEZIN });
  });

  it('is forgotten on close()', async () => {
    const { adapter, upstream } = setup();
    grant(upstream, 'token-1');
    grant(upstream, 'token-2');
    searchClients(upstream, { gezinIds: [GEZIN] }, 'token-1').reply(200, found);
    searchClients(upstream, { gezinIds: [GEZIN] }, 'token-2').reply(200, found);
    await adapter.createLoaders(scope()).household.load(GEZIN);
    await adapter.close();
    await adapter.createLoaders(scope()).household.load(GEZIN);
  });
});
