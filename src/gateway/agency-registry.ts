/**
 * The adapters the gateway can put in front of an agency, by name: how to build one from its
 * configured credentials and chain-partner codes. (The mocks that stand in for the agencies'
 * systems in development are src/dev's, never the gateway's.)
 */
import type { AdapterContext, AgencyAdapter } from '#kit/contract.ts';
import { createAmkAdapter } from '#adapters/amk/index.ts';
import { createAshgAdapter } from '#adapters/ashg/index.ts';
import { createBjzAdapter } from '#adapters/bjz/index.ts';
import { createPolitieAdapter } from '#adapters/politie/index.ts';
import type { AdapterName, UpstreamConfig } from '#src/config/agencies.ts';

export interface AdapterEntry {
  create(context: AdapterContext, upstream: UpstreamConfig): AgencyAdapter;
}

function required(upstream: UpstreamConfig, name: string): string {
  const value = upstream.credentials?.[name];
  if (!value) throw new Error(`The ${upstream.adapter} adapter needs credentials.${name} in the agency configuration.`);
  return value;
}

export const ADAPTERS: Readonly<Record<AdapterName, AdapterEntry>> = {
  ashg: {
    create: (context, upstream) => createAshgAdapter(context, { apiKey: required(upstream, 'apiKey'), agencyCodes: upstream.agencyCodes }),
  },
  amk: {
    create: (context, upstream) => createAmkAdapter(context, {
      credentials: { username: required(upstream, 'username'), password: required(upstream, 'password') }, agencyCodes: upstream.agencyCodes,
    }),
  },
  politie: {
    create: (context, upstream) => createPolitieAdapter(context, {
      credentials: { username: required(upstream, 'username'), password: required(upstream, 'password') }, agencyCodes: upstream.agencyCodes,
    }),
  },
  bjz: {
    create: (context, upstream) => createBjzAdapter(context, {
      clientId: required(upstream, 'clientId'), clientSecret: required(upstream, 'clientSecret'), agencyCodes: upstream.agencyCodes,
    }),
  },
};
