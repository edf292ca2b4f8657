/**
 * The baseline contender: a plain Apollo Server 5 over the same adapters and mocks, written the way
 * a team would first build it. Every field resolution makes fresh loaders and loads one key, so every
 * record is its own upstream call (no batching, no per-request cache). It verifies the caller's token
 * (a first version would too) but has no policy and no audit trail.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import type { AgencyLoaders, RequestScope } from '#kit/contract.ts';
import type { HouseholdRecord, InvolvementRecord } from '#domain/records.ts';
import { ensureDevKeys } from '#src/identity/dev-keys.ts';
import type { AgencyClients } from './agency-clients.ts';
import { BASELINE_SDL } from './baseline-schema.ts';
import { mergeHouseholds, type MergedHousehold } from './merge-households.ts';

/**
 * With the kit's defaults (2 s per attempt, counted from when the call joins the 16-connection pool's
 * queue; circuit open after 5 failures) the baseline's hundreds of calls per query queue past the
 * timeout at concurrency 10 and trip its own breakers, so it serves almost nothing. Tolerant settings
 * measure what its design costs rather than its collapse; the pool size stays the same.
 */
export const TOLERANT_RESILIENCE = { timeoutMs: 30_000, breakerThreshold: 1_000_000_000 } as const;

export interface BaselineOptions {
  readonly clients: AgencyClients;
  /** Folder with the dev keys the benchmark's tokens are signed with. Required. */
  readonly dataDir: string;
  /** The time tokens are judged at. Required: the benchmark runs on a fixed day. */
  readonly clock: () => Date;
}

interface BaselineContext {
  readonly role: string;
  readonly purpose: string;
  readonly scope: RequestScope;
}

export interface RunningContender {
  readonly url: string;
  close(): Promise<void>;
}

export async function startBaseline(options: BaselineOptions): Promise<RunningContender> {
  const { adapters } = options.clients;
  const keySets = new Map<string, ReturnType<typeof createLocalJWKSet>>();
  for (const agencyId of [...adapters.keys()]) {
    keySets.set(agencyId, createLocalJWKSet((await ensureDevKeys(options.dataDir, agencyId)).publicJwks as JSONWebKeySet));
  }
  // The naive part: new loaders for every single load, so nothing is batched or shared.
  const fresh = (agencyId: string, scope: RequestScope): AgencyLoaders => {
    const adapter = adapters.get(agencyId);
    if (!adapter) throw new Error(`no adapter for ${agencyId}`);
    return adapter.createLoaders(scope);
  };
  const perRecord = async <T>(household: MergedHousehold, scope: RequestScope, pick: (loaders: AgencyLoaders, localId: string) => Promise<T>) =>
    Promise.all(household.records.map((record) => pick(fresh(record.owner.agencyId, scope), record.localId)));
  const search = async (bsns: readonly string[], scope: RequestScope): Promise<HouseholdRecord[]> =>
    (await Promise.all([...adapters.keys()].flatMap((agencyId) => bsns.map((bsn) => fresh(agencyId, scope).householdsByBsn.load(bsn))))).flat();

  const resolvers = {
    Query: {
      me: (_root: unknown, _args: unknown, context: BaselineContext) => ({ role: context.role, purpose: context.purpose }),
      householdsOfPerson: async (_root: unknown, args: { bsn: string }, context: BaselineContext) => {
        const first = await search([args.bsn], context.scope);
        const others = [...new Set(first.flatMap((record) => record.members.map((member) => member.bsn)))]
          .filter((bsn): bsn is string => !!bsn && bsn !== args.bsn);
        return mergeHouseholds([...first, ...(await search(others, context.scope))]);
      },
      households: async (_root: unknown, args: { municipality?: string; first?: number }, context: BaselineContext) => {
        const lists = await Promise.all([...adapters.values()].map((adapter) => adapter.listHouseholds([args.municipality ?? ''], context.scope)));
        const nodes = mergeHouseholds(lists.flat()).slice(0, args.first ?? 20);
        return { edges: nodes.map((node) => ({ cursor: node.key, node })), pageInfo: { hasNextPage: true, endCursor: nodes.at(-1)?.key ?? null } };
      },
    },
    Household: {
      id: (household: MergedHousehold) => household.key,
      municipality: (household: MergedHousehold) => household.records[0]?.municipality ?? null,
      children: async (household: MergedHousehold, _args: unknown, context: BaselineContext) => {
        const lists = await perRecord(household, context.scope, (loaders, id) => loaders.childrenByHousehold.load(id));
        const byKey = new Map(lists.flat().map((child) => [child.bsn ?? `${child.owner.agencyId}:${child.localId}`, child]));
        return [...byKey].map(([key, child]) => ({ id: key, name: child.name }));
      },
      reports: async (household: MergedHousehold, _args: unknown, context: BaselineContext) =>
        (await perRecord(household, context.scope, (loaders, id) => loaders.reportsByHousehold.load(id))).flat()
          .map((report) => ({ id: `${report.owner.agencyId}:${report.localId}`, phase: report.phase, narrative: report.narrative })),
      referrals: async (household: MergedHousehold, _args: unknown, context: BaselineContext) =>
        (await perRecord(household, context.scope, (loaders, id) => loaders.referralsByHousehold.load(id))).flat()
          .map((referral) => ({ id: `${referral.owner.agencyId}:${referral.localId}`, status: referral.status, kind: referral.kind })),
      caseStatus: (household: MergedHousehold) => household,
    },
    CaseStatus: {
      involvements: async (household: MergedHousehold, _args: unknown, context: BaselineContext) =>
        (await perRecord(household, context.scope, (loaders, id) => loaders.involvementByHousehold.load(id)))
          .filter((involvement): involvement is InvolvementRecord => involvement !== null),
    },
    Involvement: {
      agency: (involvement: InvolvementRecord) => ({ id: involvement.owner.agencyId }),
      contact: (involvement: InvolvementRecord) => involvement.contact,
    },
  };

  const server = new ApolloServer<BaselineContext>({ typeDefs: BASELINE_SDL, resolvers, introspection: false });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => {
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      const issuer = String(decodeJwt(token).iss ?? '');
      const keys = keySets.get(issuer);
      if (!keys) throw new Error('unknown issuer');
      const { payload } = await jwtVerify(token, keys, { issuer, audience: 'ketenpoort', currentDate: options.clock() });
      return { role: String(payload.role), purpose: String(req.headers['x-purpose'] ?? ''), scope: { signal: new AbortController().signal } };
    },
  });
  return { url, close: () => server.stop() };
}
