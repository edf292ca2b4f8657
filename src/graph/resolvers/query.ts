/**
 * Root queries. Every lookup goes through the per-request loaders; a record the viewer may not see
 * answers exactly as one that does not exist. Searches are entered in the audit trail with their
 * personal terms pseudonymised.
 */
import type { QueryHouseholdsArgs } from '#generated/graphql.ts';
import type { QueryResolvers } from '#generated/resolvers.ts';
import { isValidBsn } from '#domain/bsn.ts';
import type { GatewayContext, IndexListingEntry } from '#src/graph/context.ts';
import { gatewayError } from '#domain/errors.ts';
import { isVisible, visibleOnly } from '#src/enforcement/visibility.ts';
import { childrenOf, referralNode, reportNode } from '#src/graph/build-nodes.ts';
import type { CaseStatusNode, HouseholdNode } from '#src/households/nodes.ts';
import type { ShownNode } from '#src/households/ids.ts';
import { callerIds, openedId, takenId } from '../caller-ids.ts';
import { noSoonerThanFloor } from '../not-found-floor.ts';

const MAX_PAGE = 100;

/** A root lookup: the node if the viewer may see it, else null as for a record that does not exist. */
async function visibleLookup<Node>(context: GatewayContext, lookup: string, typeName: string, find: () => Promise<Node | null>): Promise<Node | null> {
  const startedAt = performance.now();
  const node = await find();
  const visible = node && (await isVisible(context, typeName, node)) ? node : null;
  await notFoundAfterFloor(context, lookup, !!visible, startedAt);
  return visible;
}

async function recordLookup(context: GatewayContext, kind: 'report' | 'referral', id: string) {
  const parts = openedId(context, kind, id);
  const [agencyId, localId] = parts ?? [];
  const loaders = agencyId ? context.request.loaders(agencyId) : null;
  if (!agencyId || !localId || !loaders) return null;
  const record = kind === 'report' ? await loaders.report.load(localId) : await loaders.referral.load(localId);
  if (!record?.householdLocalId) return null;
  const household = await context.request.households.byRecord(agencyId, record.householdLocalId);
  if (!household) return null;
  return { record, household };
}

/** A lookup that finds nothing the viewer may see is entered as not-found, and answers no sooner than the floor. */
async function notFoundAfterFloor(context: GatewayContext, lookup: string, found: boolean, startedAt: number): Promise<void> {
  if (found) return;
  context.enforcement.audit.search({ lookup }, 'not-found');
  await noSoonerThanFloor(context, startedAt);
}

export const queryResolvers = {
  Query: {
    me: (_root: unknown, _args: unknown, context: GatewayContext) => {
      const agency = context.services.agencyNode(context.caller.agencyId);
      if (!agency) throw new Error('unreachable: an authenticated caller of an unconfigured agency');
      return { agency, role: context.caller.role, purpose: context.caller.purpose, purposes: [...context.caller.purposes] };
    },
    agencies: (_root: unknown, _args: unknown, context: GatewayContext) => context.services.agencyNodes(),
    household: (_root: unknown, args: { id: string }, context: GatewayContext) =>
      visibleLookup(context, 'household', 'Household', async () => {
        const recordId = takenId(context, 'household', args.id);
        return recordId ? context.request.households.byId(recordId) : null;
      }),
    households: async (_root: unknown, args: QueryHouseholdsArgs, context: GatewayContext) => {
      if ((args.municipality ? 1 : 0) + (args.region ? 1 : 0) !== 1) throw gatewayError('BAD_USER_INPUT', 'Give exactly one of municipality or region.');
      const first = args.first ?? 20;
      if (!(first >= 1 && first <= MAX_PAGE)) throw gatewayError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE}.`);
      const municipalities = args.municipality ? [args.municipality] : context.services.regionNode(args.region ?? '')?.municipalities ?? [];
      const searched: Record<string, string> = args.municipality ? { municipality: args.municipality } : { region: args.region ?? '' };
      // Through the involvement index when it can answer for every organisation: only the page's records are fetched.
      const indexed = context.services.indexListing ? await context.services.indexListing(municipalities, context.caller.agencyId) : null;
      if (indexed) return householdsPageFromIndex(context, indexed, first, args.after ?? null, searched);
      // A cursor is one of the caller's own household ids: another organisation's does not open here.
      if (args.after != null && takenId(context, 'household', args.after) === null) throw gatewayError('BAD_USER_INPUT', 'after is not a cursor this caller was given.');
      // In the order of the caller's own ids, not of the record ids: pages every organisation shared the
      // order of would let two of them align their households by position (docs/identifiers.md).
      const all = callerIds(context).inOwnOrder(await context.request.households.list(municipalities));
      const after = args.after ?? '';
      const candidates = all.filter((entry) => entry.shown > after);
      // Check visibility a page at a time, so a long municipality costs only what the page needs.
      const page: ShownNode<HouseholdNode>[] = [];
      for (let offset = 0; offset < candidates.length && page.length <= first; offset += first + 1) {
        const slice = candidates.slice(offset, offset + first + 1);
        const visible = new Set(await visibleOnly(context, 'Household', slice.map((entry) => entry.node)));
        page.push(...slice.filter((entry) => visible.has(entry.node)));
      }
      const nodes = page.slice(0, first);
      context.enforcement.audit.search(searched, nodes.length > 0 ? 'released' : 'not-found');
      return {
        edges: nodes.map((entry) => ({ cursor: entry.shown, node: entry.node })),
        pageInfo: { hasNextPage: page.length > first, endCursor: nodes.at(-1)?.shown ?? null },
      };
    },
    householdsOfPerson: async (_root: unknown, args: { bsn: string }, context: GatewayContext) => {
      if (!isValidBsn(args.bsn)) throw gatewayError('BAD_USER_INPUT', 'bsn must be a nine-digit number that passes the eleven-test.');
      const startedAt = performance.now();
      const nodes = await visibleOnly(context, 'Household', await context.request.households.byBsns([args.bsn]));
      const subject = context.services.pseudonymize(args.bsn);
      context.enforcement.audit.search({ subject, lookup: 'householdsOfPerson' }, nodes.length > 0 ? 'released' : 'not-found');
      if (nodes.length === 0) await noSoonerThanFloor(context, startedAt);
      return nodes;
    },
    child: async (_root: unknown, args: { id: string }, context: GatewayContext) => {
      const startedAt = performance.now();
      const [key] = openedId(context, 'child', args.id) ?? [];
      const recordId = takenId(context, 'child', args.id);
      let found = null;
      if (key && recordId && /^\d{9}$/.test(key)) {
        for (const household of await context.request.households.byBsns([key])) {
          const child = (await childrenOf(context, household)).find((candidate) => candidate.id === recordId);
          if (child && (await isVisible(context, 'Child', child))) found = child;
        }
      }
      await notFoundAfterFloor(context, 'child', !!found, startedAt);
      return found;
    },
    report: (_root: unknown, args: { id: string }, context: GatewayContext) =>
      visibleLookup(context, 'report', 'Report', async () => {
        const found = await recordLookup(context, 'report', args.id);
        return found && found.record.type === 'Report' ? reportNode(context, found.household, found.record) : null;
      }),
    referral: (_root: unknown, args: { id: string }, context: GatewayContext) =>
      visibleLookup(context, 'referral', 'Referral', async () => {
        const found = await recordLookup(context, 'referral', args.id);
        return found && found.record.type === 'Referral' ? referralNode(context, found.household, found.record) : null;
      }),
    caseStatus: (_root: unknown, args: { householdId: string }, context: GatewayContext) =>
      visibleLookup(context, 'caseStatus', 'CaseStatus', async (): Promise<CaseStatusNode | null> => {
        const recordId = takenId(context, 'household', args.householdId);
        const household = recordId ? await context.request.households.byId(recordId) : null;
        return household ? { household } : null;
      }),
  } satisfies Pick<QueryResolvers, 'me' | 'agencies' | 'household' | 'households' | 'householdsOfPerson' | 'child' | 'report' | 'referral' | 'caseStatus'>,
};

/** A position in a caller's index listing (src/involvements/listing.ts): `ix_` and an HMAC. */
const INDEX_CURSOR = /^ix_[A-Za-z0-9_-]{43}$/;

/**
 * A page of a municipality's households through the involvement index: the clusters after the cursor
 * in the caller's own order, then only their records, fetched in one batch per agency, a page at a
 * time until enough are visible to the caller. A page ends between clusters: when an agency's records
 * of one household changed since the index last read them (the cluster now makes two households), both
 * are on the page, which may then hold one more than `first`.
 */
async function householdsPageFromIndex(context: GatewayContext, listing: readonly IndexListingEntry[], first: number, after: string | null,
  searched: Record<string, string>) {
  // The index's cursors are positions, not household ids: one from the other listing (or malformed) is refused.
  if (after !== null && !INDEX_CURSOR.test(after)) throw gatewayError('BAD_USER_INPUT', 'after is not a cursor this caller was given.');
  const candidates = listing.filter((entry) => after === null || entry.position > after);
  const page: { node: HouseholdNode; cursor: string }[] = [];
  for (let offset = 0; offset < candidates.length && page.length <= first; offset += first + 1) {
    const slice = candidates.slice(offset, offset + first + 1);
    const nodes = await context.request.households.ofRecords(slice.map((entry) => entry.records));
    const entries = slice.flatMap((entry, index) => (nodes[index] ?? []).map((node) => ({ node, cursor: entry.position })));
    const visible = new Set(await visibleOnly(context, 'Household', entries.map((entry) => entry.node)));
    page.push(...entries.filter((entry) => visible.has(entry.node)));
  }
  let end = Math.min(first, page.length);
  while (end < page.length && page[end]!.cursor === page[end - 1]!.cursor) end++;
  const nodes = page.slice(0, end);
  context.enforcement.audit.search(searched, nodes.length > 0 ? 'released' : 'not-found');
  return {
    edges: nodes.map((entry) => ({ cursor: entry.cursor, node: entry.node })),
    pageInfo: { hasNextPage: page.length > end, endCursor: nodes.at(-1)?.cursor ?? null },
  };
}
