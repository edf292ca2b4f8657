/**
 * The AMK adapter: the AMK's SOAP 1.1 registration system (zaken, meldingen, overdrachten) behind
 * the gateway's AgencyAdapter contract.
 */
import type { AdapterFactory, AgencyAdapter } from '#kit/contract.ts';
import { refuseActKind } from '#kit/act-delivery.ts';
import { createAmkClient } from './client.ts';
import { toAmkInbound } from './deliver-mapping.ts';
import { amkHouseholdChanges } from './household-changes.ts';
import { listAmkHouseholds } from './list-households.ts';
import { createAmkLoaders } from './loaders.ts';
import type { AmkMappingContext } from './mapping.ts';
import type { AmkCredentials } from './soap-envelope.ts';

/** The AMK refuses more ids than this in one call (HaalZakenOp, ZoekZakenOpBsn, HaalMeldingenOp, HaalOverdrachtenOp). */
export const AMK_MAX_BATCH = 25;
/** The largest `paginagrootte` ZoekZakenOpGemeente serves. */
export const AMK_MAX_PAGE_SIZE = 50;
/** The most changes HaalWijzigingenOp answers in one page (its `maximumAantal`). */
export const AMK_MAX_CHANGES = 100;

export interface AmkOptions {
  /** WS-Security UsernameToken the AMK issued to the gateway. Required: there is no default secret (the mock's are AMK_MOCK_CREDENTIALS). */
  readonly credentials: AmkCredentials;
  /** Legacy chain-partner code -> gateway agency id: configuration, given per upstream (`agencyCodes`). */
  readonly agencyCodes: Readonly<Record<string, string>>;
  /** Zaken per page when walking a municipality. Default AMK_MAX_PAGE_SIZE (50). */
  readonly pageSize?: number;
  /**
   * Changes per page of the change feed (HaalWijzigingenOp), 1 to AMK_MAX_CHANGES. Default AMK_MAX_BATCH
   * (25), so the zaken of one page are read back with one HaalZakenOp.
   */
  readonly changesPageSize?: number;
}

export const createAmkAdapter = ((context, options): AgencyAdapter => {
  const { agency } = context;
  const pageSize = options.pageSize ?? AMK_MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > AMK_MAX_PAGE_SIZE) {
    throw new Error(`AMK pageSize must be an integer from 1 to ${AMK_MAX_PAGE_SIZE}`);
  }
  const changesPageSize = options.changesPageSize ?? AMK_MAX_BATCH;
  if (!Number.isInteger(changesPageSize) || changesPageSize < 1 || changesPageSize > AMK_MAX_CHANGES) {
    throw new Error(`AMK changesPageSize must be an integer from 1 to ${AMK_MAX_CHANGES}`);
  }
  const client = createAmkClient({ http: context.http, agencyId: agency.id, credentials: options.credentials });
  const mapping: AmkMappingContext = {
    owner: { agencyId: agency.id, kind: agency.kind, region: agency.region },
    agencyCodes: options.agencyCodes,
  };
  return {
    descriptor: agency,
    maxBatchSize: AMK_MAX_BATCH,
    createLoaders: (scope) => createAmkLoaders({ client, mapping, maxBatchSize: AMK_MAX_BATCH }, scope),
    listHouseholds: (municipalities, scope) => listAmkHouseholds({ client, mapping, pageSize }, municipalities, scope.signal),
    householdChanges: (cursor, scope) =>
      amkHouseholdChanges({ client, mapping, pageSize: changesPageSize, maxBatchSize: AMK_MAX_BATCH }, cursor, scope.signal),
    /** Cases handed over or referred to it, answers to its overdrachten, feedback on what it handed on. */
    async deliver(delivery, scope) {
      const inbound = toAmkInbound(delivery, options.agencyCodes);
      if (!inbound) throw refuseActKind(agency.id, 'AMK', delivery.kind);
      return { receiverReference: await client.deliver(inbound, scope.signal) };
    },
    // The context's HTTP is this adapter's own (one pool per agency); closing the adapter releases it.
    close: () => context.http.close(),
  };
}) satisfies AdapterFactory<AmkOptions>;

export type { AmkCredentials } from './soap-envelope.ts';
