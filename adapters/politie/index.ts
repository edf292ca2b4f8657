/**
 * The police adapter (one police unit's system: Politie Noord-Nederland, Politie Amsterdam): the
 * zorgmelding CSV export, its daily delta export and the BSN <-> persoonssleutel key mapping (HTTP Basic,
 * at most 100 keys a call) behind the adapter contract.
 */
import type { AdapterFactory } from '#kit/contract.ts';
import { refuseActKind } from '#kit/act-delivery.ts';
import { createPolitieClient, type PolitieCredentials } from './client.ts';
import { toPolitieInbound } from './deliver-mapping.ts';
import { politieHouseholdChanges } from './household-changes.ts';
import { listPolitieHouseholds } from './list-households.ts';
import { createPolitieLoaders } from './loaders.ts';
import { POLITIE_BATCH_LIMIT } from './wire-types.ts';

export interface PolitieOptions {
  /** HTTP Basic account of the gateway at the police export. Required. */
  readonly credentials: PolitieCredentials;
  /** Legacy chain-partner code -> gateway agency id: configuration, given per upstream (`agencyCodes`). */
  readonly agencyCodes: Readonly<Record<string, string>>;
  /** Years back from the clock's date that listHouseholds searches the export. Default 2. */
  readonly listWindowYears?: number;
  /**
   * Years back that reconcileHouseholds (the involvement index's full reconciliation, off the request
   * path) searches the export: the police registers' whole history. Default 30.
   */
  readonly historyYears?: number;
  /** Pages of the date-range export walked before a listing is given up as a paging loop. Default 1000. */
  readonly maxPages?: number;
  /** Mutaties asked per page of the delta export (householdChanges). Default 100, the most the police accept. */
  readonly changesPageSize?: number;
}

export const createPolitieAdapter = ((context, options) => {
  const { agency, http, clock } = context;
  const client = createPolitieClient({ agencyId: agency.id, http, credentials: options.credentials });
  const deps = {
    client,
    maxBatchSize: POLITIE_BATCH_LIMIT,
    mapping: {
      owner: { agencyId: agency.id, kind: agency.kind, region: agency.region },
      agencyCodes: options.agencyCodes,
    },
  };
  return {
    descriptor: agency,
    maxBatchSize: POLITIE_BATCH_LIMIT,
    createLoaders: (scope) => createPolitieLoaders(deps, scope),
    // A listing searches the export a window of years back (a caller's page needs the recent ones)...
    listHouseholds: (municipalities, scope) => listPolitieHouseholds(
      { ...deps, clock, windowYears: options.listWindowYears ?? 2, maxPages: options.maxPages ?? 1000 },
      municipalities, scope.signal,
    ),
    // ... the index's reconciliation the whole history, so the index may rely on what it read (with the delta
    // export for what came since) and a lookup by BSN need not ask the police when the index names no zorgmelding.
    reconcileHouseholds: (municipalities, scope) => listPolitieHouseholds(
      { ...deps, clock, windowYears: options.historyYears ?? 30, maxPages: options.maxPages ?? 1000 },
      municipalities, scope.signal,
    ),
    householdChanges: (cursor, scope) => politieHouseholdChanges(
      { ...deps, pageSize: Math.min(options.changesPageSize ?? POLITIE_BATCH_LIMIT, POLITIE_BATCH_LIMIT) }, cursor, scope.signal,
    ),
    /** Answers to their doorverwijzingen and feedback on their zorgmeldingen; the police receive no cases. */
    async deliver(delivery, scope) {
      const inbound = toPolitieInbound(delivery, options.agencyCodes);
      if (!inbound) throw refuseActKind(agency.id, 'politie', delivery.kind);
      return { receiverReference: await client.deliver(inbound, scope.signal) };
    },
    // The HTTP pool belongs to whoever built the context; the adapter holds nothing else open.
    async close() {},
  };
}) satisfies AdapterFactory<PolitieOptions>;

export type { PolitieCredentials } from './client.ts';
