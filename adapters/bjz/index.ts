/**
 * The Bureau Jeugdzorg adapter: BJZ's JSON REST API v2 (OAuth2 client credentials, cursor pages,
 * batch searches of at most 100 ids, the wijzigingen as change feed) behind the gateway's adapter contract.
 */
import type { AdapterFactory } from '#kit/contract.ts';
import { refuseActKind } from '#kit/act-delivery.ts';
import { createBjzApiClient } from './client.ts';
import { toBjzInbound } from './deliver-mapping.ts';
import { bjzHouseholdChanges } from './household-changes.ts';
import { listBjzHouseholds } from './list-households.ts';
import { createBjzLoaders } from './loaders.ts';
import { createTokenSource } from './token-source.ts';

export interface BjzOptions {
  /** OAuth2 client id the gateway is registered under at BJZ. Required. */
  readonly clientId: string;
  /** OAuth2 client secret. Required. */
  readonly clientSecret: string;
  /** Most ids in one search call (BJZ refuses more with 400). Default 100. */
  readonly maxBatchSize?: number;
  /** Clients asked per page when listing a municipality. Default 100. */
  readonly pageSize?: number;
  /** Pages walked per municipality before the listing is given up as a cursor loop. Default 1000. */
  readonly maxPages?: number;
  /** Wijzigingen asked per page of the change feed (BJZ allows at most 100). Default 100. */
  readonly changesPageSize?: number;
  /** Legacy chain-partner code -> gateway agency id: configuration, given per upstream (`agencyCodes`). */
  readonly agencyCodes: Readonly<Record<string, string>>;
  /** Seconds before `expires_in` runs out that a cached token is replaced. Default 30. */
  readonly tokenSkewSeconds?: number;
}

export const createBjzAdapter = ((context, options) => {
  const { agency, http, clock, logger } = context;
  const maxBatchSize = options.maxBatchSize ?? 100;
  const tokens = createTokenSource({
    agencyId: agency.id, http, clock,
    clientId: options.clientId, clientSecret: options.clientSecret,
    skewSeconds: options.tokenSkewSeconds ?? 30,
  });
  const api = createBjzApiClient({ agencyId: agency.id, http, tokens, logger });
  const mapping = {
    owner: { agencyId: agency.id, kind: agency.kind, region: agency.region },
    agencyCodes: options.agencyCodes,
  };
  return {
    descriptor: agency,
    maxBatchSize,
    createLoaders: (scope) => createBjzLoaders({ api, mapping, maxBatchSize }, scope),
    listHouseholds: (municipalities, scope) => listBjzHouseholds(
      { api, mapping, pageSize: options.pageSize ?? 100, maxPages: options.maxPages ?? 1000 },
      municipalities, scope.signal,
    ),
    householdChanges: (cursor, scope) => bjzHouseholdChanges(
      { api, mapping, pageSize: options.changesPageSize ?? 100, maxBatchSize },
      cursor, scope.signal,
    ),
    /** Referrals of minors and handovers as aanmeldingen, answers to its own aanmeldingen; no feedback endpoint. */
    async deliver(delivery, scope) {
      const inbound = toBjzInbound(delivery, options.agencyCodes);
      if (!inbound) throw refuseActKind(agency.id, 'BJZ', delivery.kind);
      return { receiverReference: await api.deliver(inbound, scope.signal) };
    },
    // The HTTP pool belongs to whoever built the context; the adapter owns only its cached token.
    async close() {
      tokens.clear();
    },
  };
}) satisfies AdapterFactory<BjzOptions>;

