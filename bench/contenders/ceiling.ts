/**
 * The ceiling: graphql-js `execute` of the same query over the world already in memory, parsed and
 * validated once, no HTTP anywhere. What GraphQL execution alone costs for the answer's shape; no
 * contender that fetches the data over HTTP can beat it.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { execute, parse, validate, type GraphQLSchema } from 'graphql';
import type { World, WorldHousehold } from '#mock-world/index.ts';
import { percentile } from '../load.ts';
import { BASELINE_SDL } from './baseline-schema.ts';

export interface CeilingResult {
  readonly throughput: number;
  readonly executions: number;
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly p99: number; readonly mean: number; readonly max: number };
  readonly durationSeconds: number;
}

export function createCeilingSchema(world: World): GraphQLSchema {
  const byBsn = new Map<string, WorldHousehold>();
  const byMunicipality = new Map<string, WorldHousehold[]>();
  for (const household of world.households) {
    for (const member of household.members) byBsn.set(member.bsn, household);
    byMunicipality.set(household.municipality, [...(byMunicipality.get(household.municipality) ?? []), household]);
  }
  const cases = (household: WorldHousehold) => Object.entries(household.cases);
  return makeExecutableSchema({
    typeDefs: BASELINE_SDL,
    resolvers: {
      Query: {
        me: () => ({ role: 'caseworker', purpose: 'case-conference' }),
        householdsOfPerson: (_root: unknown, args: { bsn: string }) => {
          const found = byBsn.get(args.bsn);
          return found ? [found] : [];
        },
        households: (_root: unknown, args: { municipality?: string; first?: number }) => {
          const nodes = (byMunicipality.get(args.municipality ?? '') ?? []).slice(0, args.first ?? 20);
          return { edges: nodes.map((node) => ({ cursor: node.key, node })), pageInfo: { hasNextPage: true, endCursor: nodes.at(-1)?.key ?? null } };
        },
      },
      Household: {
        id: (household: WorldHousehold) => household.key,
        children: (household: WorldHousehold) => household.members.filter((member) => member.role === 'CHILD').map((child) => ({ id: child.bsn, name: child.name })),
        reports: (household: WorldHousehold) => cases(household).flatMap(([agencyId, c]) => c.reports.map((report) => ({ id: `${agencyId}:${report.localId}`, ...report }))),
        referrals: (household: WorldHousehold) => cases(household).flatMap(([agencyId, c]) => c.referrals.map((referral) => ({ id: `${agencyId}:${referral.localId}`, ...referral }))),
        caseStatus: (household: WorldHousehold) => household,
      },
      CaseStatus: {
        involvements: (household: WorldHousehold) => cases(household).map(([agencyId, c]) => ({
          agency: { id: agencyId }, phase: c.phase, phaseCategory: c.phaseCategory, since: c.since, contact: c.contact,
        })),
      },
    },
  });
}

/** Executes the query back to back for `durationMs` and times each execution. */
export async function measureCeiling(schema: GraphQLSchema, query: string, variables: Readonly<Record<string, unknown>>, durationMs: number): Promise<CeilingResult> {
  const document = parse(query);
  const problems = validate(schema, document);
  if (problems.length > 0) throw new Error(`ceiling query does not validate: ${problems.map((problem) => problem.message).join('; ')}`);
  const times: number[] = [];
  const started = performance.now();
  while (performance.now() - started < durationMs) {
    const begin = performance.now();
    const result = await execute({ schema, document, variableValues: { ...variables } });
    // Serialising is part of answering; the HTTP contenders pay it too.
    JSON.stringify(result);
    times.push(performance.now() - begin);
    if (result.errors) throw new Error(`ceiling execution failed: ${result.errors[0]?.message}`);
  }
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    throughput: times.length / elapsed,
    executions: times.length,
    latencyMs: { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), mean: times.reduce((s, t) => s + t, 0) / times.length, max: times.at(-1) ?? 0 },
    durationSeconds: elapsed,
  };
}
