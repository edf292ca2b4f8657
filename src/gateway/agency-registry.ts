/**
 * The adapters the gateway can put in front of an agency, by name: how to build one from its
 * configured credentials, and how to start its mock with the credentials the mock accepts.
 */
import type { AdapterContext, AgencyAdapter, MockKnobs } from '#kit/contract.ts';
import type { MockServer } from '#kit/mock-server.ts';
import type { World } from '#kit/world/index.ts';
import { createAmkAdapter, startAmkMock } from '#adapters/amk/index.ts';
import { createAshgAdapter, startAshgMock } from '#adapters/ashg/index.ts';
import { createBjzAdapter, startBjzMock } from '#adapters/bjz/index.ts';
import { createPolitieAdapter, startPolitieMock } from '#adapters/politie/index.ts';
import type { AdapterName } from '#src/config/agencies.ts';

export interface AdapterEntry {
  /** Credentials the mock accepts, used when the configuration gives none. */
  readonly devCredentials: Readonly<Record<string, string>>;
  create(context: AdapterContext, credentials: Readonly<Record<string, string>>): AgencyAdapter;
  startMock(options: { world: World; knobs?: MockKnobs; port?: number; host?: string }): Promise<MockServer>;
}

function required(credentials: Readonly<Record<string, string>>, name: string, adapter: string): string {
  const value = credentials[name];
  if (!value) throw new Error(`The ${adapter} adapter needs credentials.${name} in the agency configuration.`);
  return value;
}

export const ADAPTERS: Readonly<Record<AdapterName, AdapterEntry>> = {
  ashg: {
    devCredentials: { apiKey: 'ashg-dev-key' },
    create: (context, credentials) => createAshgAdapter(context, { apiKey: required(credentials, 'apiKey', 'ashg') }),
    startMock: (options) => startAshgMock(options),
  },
  amk: {
    devCredentials: { username: 'amk-gateway', password: 'amk-dev-secret' },
    create: (context, credentials) => createAmkAdapter(context, {
      credentials: { username: required(credentials, 'username', 'amk'), password: required(credentials, 'password', 'amk') },
    }),
    startMock: (options) => startAmkMock(options),
  },
  politie: {
    devCredentials: { username: 'gateway', password: 'politie-dev-secret' },
    create: (context, credentials) => createPolitieAdapter(context, {
      credentials: { username: required(credentials, 'username', 'politie'), password: required(credentials, 'password', 'politie') },
    }),
    startMock: (options) => startPolitieMock(options),
  },
  bjz: {
    devCredentials: { clientId: 'ketenpoort', clientSecret: 'bjz-dev-secret' },
    create: (context, credentials) => createBjzAdapter(context, {
      clientId: required(credentials, 'clientId', 'bjz'), clientSecret: required(credentials, 'clientSecret', 'bjz'),
    }),
    startMock: (options) => startBjzMock(options),
  },
};
