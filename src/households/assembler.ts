/**
 * Per-request assembly of households across agencies, through the per-request loaders only. When an
 * agency cannot answer, the others' records still make the household and the failure is reported
 * (as a coded GraphQL error naming the agency), never thrown through.
 */
import type { AgencyLoaders } from '#kit/contract.ts';
import type { HouseholdRecord } from '#domain/records.ts';
import type { IdSealer } from './ids.ts';
import type { HouseholdNode } from './nodes.ts';
import { anchorOf, clusterHouseholds, recordOfAnchor, type ClusterListing } from './cluster.ts';

export interface HouseholdAssemblerOptions {
  readonly agencyIds: readonly string[];
  readonly loaders: (agencyId: string) => AgencyLoaders;
  readonly listHouseholds: (agencyId: string, municipalities: readonly string[]) => Promise<readonly HouseholdRecord[]>;
  /** Clusters the agencies' listings; the same listings give the same (shared, immutable) nodes. */
  readonly clusterListing: ClusterListing;
  readonly ids: IdSealer;
  readonly onUpstreamError: (agencyId: string, error: unknown) => void;
  /**
   * Which agencies to ask for these BSNs (the involvement index, src/involvements/route.ts); absent:
   * every agency. A routing failure falls back to every agency: the index saves calls, it never
   * decides an answer.
   */
  readonly route?: (bsns: readonly string[], agencyIds: readonly string[]) => Promise<readonly string[]>;
}

export interface HouseholdAssembler {
  /** The households the given persons are members of. */
  byBsns(bsns: readonly string[]): Promise<HouseholdNode[]>;
  byId(id: string): Promise<HouseholdNode | null>;
  /** The household an agency's own household record belongs to. */
  byRecord(agencyId: string, householdLocalId: string): Promise<HouseholdNode | null>;
  /** Every household any agency registered in these municipalities, in id order. */
  list(municipalities: readonly string[]): Promise<HouseholdNode[]>;
  /**
   * The households made of these groups of agencies' household records (a page of the involvement
   * index's listing): every record fetched in one batch per agency, each group clustered on its own.
   * A record an agency no longer has is left out; a group left with none gives no household.
   */
  ofRecords(groups: readonly (readonly { readonly agencyId: string; readonly localId: string }[])[]): Promise<HouseholdNode[][]>;
}

const NOTHING_LISTED: readonly HouseholdRecord[] = [];

export function createHouseholdAssembler(options: HouseholdAssemblerOptions): HouseholdAssembler {
  const { agencyIds, loaders, ids, onUpstreamError } = options;

  async function asked(bsns: readonly string[]): Promise<readonly string[]> {
    if (!options.route) return agencyIds;
    try {
      return await options.route(bsns, agencyIds);
    } catch {
      return agencyIds;
    }
  }

  async function recordsForBsns(bsns: readonly string[]): Promise<HouseholdRecord[]> {
    const perAgency = await Promise.all((await asked(bsns)).map(async (agencyId) => {
      const results = await loaders(agencyId).householdsByBsn.loadMany(bsns);
      const records: HouseholdRecord[] = [];
      for (const result of results) {
        if (result instanceof Error) onUpstreamError(agencyId, result);
        else records.push(...result);
      }
      return records;
    }));
    return perAgency.flat();
  }

  /** Two rounds: the persons asked for, then the co-members other agencies registered (one hop). */
  async function byBsns(bsns: readonly string[]): Promise<HouseholdNode[]> {
    const first = await recordsForBsns(bsns);
    const known = new Set(bsns);
    const next = [...new Set(first.flatMap((record) => record.members.map((member) => member.bsn)))]
      .filter((bsn): bsn is string => !!bsn && !known.has(bsn));
    const second = next.length > 0 ? await recordsForBsns(next) : [];
    return clusterHouseholds([...first, ...second], ids);
  }

  async function byRecord(agencyId: string, householdLocalId: string): Promise<HouseholdNode | null> {
    if (!agencyIds.includes(agencyId)) return null;
    const record = await loaders(agencyId).household.load(householdLocalId);
    if (!record) return null;
    const bsns = record.members.map((member) => member.bsn).filter((bsn): bsn is string => !!bsn);
    if (bsns.length === 0) return clusterHouseholds([record], ids)[0] ?? null;
    const clusters = await byBsns(bsns);
    return clusters.find((node) => node.records.some((candidate) => candidate.owner.agencyId === agencyId && candidate.localId === householdLocalId)) ?? null;
  }

  return {
    byBsns,
    byRecord,
    async byId(id) {
      const parts = ids.open('household', id);
      const anchor = parts?.[0];
      if (!anchor) return null;
      let candidates: HouseholdNode[];
      if (anchor.startsWith('b:')) candidates = await byBsns([anchor.slice(2)]);
      else {
        const record = recordOfAnchor(anchor);
        const node = record ? await byRecord(record.agencyId, record.localId) : null;
        candidates = node ? [node] : [];
      }
      return candidates.find((node) => anchorOf(node.records) === anchor) ?? null;
    },
    async ofRecords(groups) {
      // In the order the listings give them (agency by agency, each in its own id order), so a household's
      // records, and with them its reports and involvements, come in the order the walked listing gives.
      const rank = (agencyId: string) => agencyIds.indexOf(agencyId);
      const ordered = groups.map((group) => [...group].sort((a, b) => rank(a.agencyId) - rank(b.agencyId) || (a.localId < b.localId ? -1 : a.localId > b.localId ? 1 : 0)));
      // All loads are issued before any is awaited: the dataloaders batch them, one call per agency.
      const fetched = ordered.map((group) => Promise.all(group.map(async ({ agencyId, localId }) => {
        if (!agencyIds.includes(agencyId)) return null;
        try {
          return await loaders(agencyId).household.load(localId);
        } catch (error) {
          onUpstreamError(agencyId, error);
          return null;
        }
      })));
      return Promise.all(fetched.map(async (records) => clusterHouseholds((await records).filter((record): record is HouseholdRecord => record !== null), ids)));
    },
    async list(municipalities) {
      const perAgency = await Promise.all(agencyIds.map(async (agencyId) => {
        try {
          return await options.listHouseholds(agencyId, municipalities);
        } catch (error) {
          onUpstreamError(agencyId, error);
          return NOTHING_LISTED;
        }
      }));
      return options.clusterListing(perAgency);
    },
  };
}
