/**
 * The ASHG adapter: the Advies- en Steunpunt Huiselijk Geweld's registration system, a REST/JSON API
 * with Dutch field names, offset pagination, batch lookups of at most 50, a numbered dossier change feed
 * and an API key.
 */
import type { AdapterFactory } from '#kit/contract.ts';
import type { HouseholdRecord } from '#domain/records.ts';
import { AdapterError } from '#kit/errors.ts';
import { valueOrThrow } from '#kit/mapping-result.ts';
import { refuseActKind } from '#kit/act-delivery.ts';
import { ASHG_BATCH_LIMIT, ASHG_PAGE_LIMIT } from './api-limits.ts';
import { createAshgClient } from './client.ts';
import { createAshgChangeFeed } from './changes.ts';
import { toAshgInbound } from './deliver-mapping.ts';
import { createAshgLoaders } from './loaders.ts';
import { mapDossier, type AshgMappingContext } from './mapping.ts';

export { ASHG_BATCH_LIMIT, ASHG_PAGE_LIMIT } from './api-limits.ts';

export interface AshgOptions {
  /** The `X-Api-Key` the ASHG issued to the gateway. Required: a secret has no default. */
  readonly apiKey: string;
  /** Legacy chain-partner code -> gateway agency id: configuration, given per upstream (`agencyCodes`). */
  readonly agencyCodes: Readonly<Record<string, string>>;
  /** Page size (`limiet`) of the dossier search walk and of the change feed, 1 to 100. Default 100, the ASHG's maximum. */
  readonly pageSize?: number;
}

export const createAshgAdapter = ((context, options) => {
  const pageSize = options.pageSize ?? ASHG_PAGE_LIMIT;
  // Bad configuration fails when the gateway starts, not at the first request.
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > ASHG_PAGE_LIMIT) {
    throw new Error(`ASHG adapter: pageSize must be an integer from 1 to ${ASHG_PAGE_LIMIT}`);
  }
  if (options.apiKey === '') throw new Error('ASHG adapter: apiKey is empty');
  const { agency } = context;
  const client = createAshgClient({ http: context.http, apiKey: options.apiKey, agencyId: agency.id });
  const mapping: AshgMappingContext = {
    owner: { agencyId: agency.id, kind: agency.kind, region: agency.region },
    agencyCodes: options.agencyCodes,
  };

  /** Walks the offset pagination of one municipality's dossiers to the end. */
  async function walk(gemeente: string, signal: AbortSignal): Promise<HouseholdRecord[]> {
    const households = new Map<string, HouseholdRecord>();
    for (let offset = 0; ;) {
      const page = await client.dossierPage(gemeente, offset, pageSize, signal);
      for (const raw of page.dossiers) {
        // One broken dossier fails the search: a list silently missing a household is a wrong answer.
        const dossier = valueOrThrow(mapDossier(raw, mapping), agency.id);
        // Offset pages shift when a dossier is added mid-walk; the same dossier may then come twice.
        households.set(dossier.household.localId, dossier.household);
      }
      offset += page.dossiers.length;
      if (offset >= page.totaal) return [...households.values()];
      if (page.dossiers.length === 0) {
        throw new AdapterError('UPSTREAM_BAD_RESPONSE', 'ASHG sent an empty page before the end of the search', { agency: agency.id });
      }
    }
  }

  return {
    descriptor: agency,
    maxBatchSize: ASHG_BATCH_LIMIT,
    createLoaders: (scope) => createAshgLoaders({ client, mapping }, scope),
    async listHouseholds(municipalities, scope) {
      const pages = await Promise.all([...new Set(municipalities)].map((gemeente) => walk(gemeente, scope.signal)));
      return pages.flat();
    },
    householdChanges: createAshgChangeFeed({ client, mapping, pageSize }),
    /** Answers and feedback on what the ASHG sent; it receives no cases through the gateway. */
    async deliver(delivery, scope) {
      const inbound = toAshgInbound(delivery, options.agencyCodes);
      if (!inbound) throw refuseActKind(agency.id, 'ASHG', delivery.kind);
      return { receiverReference: await client.deliver(inbound, scope.signal) };
    },
    // The HTTP client belongs to the context that handed it in; its creator closes it.
    async close() {},
  };
}) satisfies AdapterFactory<AshgOptions>;
