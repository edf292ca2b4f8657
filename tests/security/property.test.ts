/**
 * Property: whatever valid query a viewer sends over its own schema (the one introspection shows it) (random fields, aliases, fragments on interfaces and
 * the union, @include/@skip, several operations, bounded depth), for whatever purpose its token lists
 * and on whatever day, no world value the policy forbids it ever appears in the response. The oracle
 * (support/oracle.ts) knows nothing of the gateway: the world's raw data, facts computed here, and the
 * policy engine's evaluate(). Three gateways judge at three moments the covenants' validity differs on.
 */
import { buildClientSchema, getIntrospectionQuery, parse, validate, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { findLeaks, stringLeaves } from './support/leak-scan.ts';
import { createOracle, loadPolicy, publicCorpus, type Oracle } from './support/oracle.ts';
import { focusOf, harvestIds, idsAs, mergeIds, worldInputs } from './support/property-inputs.ts';
import { createQueryBuilder, type QueryFocus, type QueryInputs } from './support/query-builder.ts';
import { AGENCIES, PURPOSES, startSecurityGateway, type SecurityGateway } from './support/security-gateway.ts';
import { startUnguardedGateway } from './support/unguarded-gateway.ts';

/** Runs per test run (CI runs it); each sends two generated queries at once, so 2,000 queries. */
const RUNS = 1000;
/** Fixed, so a failure replays; fast-check prints it with the counterexample. */
const SEED = 20261123;
/** Before groningen-ashg-amk v2 (v1 in force, no art. 5), in v2's first year, and in its tacit renewal. */
const MOMENTS = [new Date('2025-06-01T12:00:00+02:00'), new Date('2026-11-23T10:00:00+01:00'), new Date('2027-03-15T12:00:00+01:00')];
/** The purpose each agency's covenants name for it: drawn half of the time, so grants do fire. */
const OWN_PURPOSE: Record<string, string> = {
  [AGENCIES.ashg]: 'case-conference', [AGENCIES.amk]: 'child-abuse-assessment', [AGENCIES.politie]: 'zorgmelding-feedback',
  [AGENCIES.bjz]: 'early-intervention', [AGENCIES.wijkteam]: 'neighbourhood-support', [AGENCIES.vtDrenthe]: 'child-abuse-assessment',
};

// The test gateway's world: 60 households, the default seed.
const world = createWorld({ households: 60 });
const ROLES = ['caseworker', 'privacy-officer'] as const;
/** Each viewer's own schema, as introspection shows it (src/graph/schema-variants.ts): queries are drawn over it. */
const schemas = new Map<string, GraphQLSchema>();
const schemaOf = (agencyId: string, role: string) => schemas.get(`${agencyId} ${role}`)!;
let gateways: SecurityGateway[] = [];
let oracle: Oracle;
/** Per viewer: the inputs with the ids as that viewer holds them (its own pseudonyms: ids are pairwise). */
let inputs: Map<string, QueryInputs>;
let focus: Map<string, QueryFocus | null>;

beforeAll(async () => {
  // No not-found floor: it guards timing, which this property does not look at, and would cost minutes.
  gateways = await Promise.all(MOMENTS.map((now) => startSecurityGateway({ now, env: { KETENPOORT_NOT_FOUND_FLOOR_MS: '0' } })));
  oracle = createOracle(world, await loadPolicy(), publicCorpus(MOMENTS.map((moment) => moment.toISOString().slice(0, 10))));
  for (const agencyId of Object.values(AGENCIES)) {
    for (const role of ROLES) {
      const response = await gateways[1]!.ask({ agencyId, purpose: OWN_PURPOSE[agencyId]!, role }, getIntrospectionQuery());
      schemas.set(`${agencyId} ${role}`, buildClientSchema(response.body.data as unknown as IntrospectionQuery));
    }
  }
  const ids = await harvestIds(gateways[1]!, world);
  const all = mergeIds([...ids.values()]);
  inputs = new Map(Object.values(AGENCIES).map((agencyId) => [agencyId, { ...worldInputs(world), ids: idsAs(gateways[1]!, agencyId, all) }]));
  focus = new Map(Object.values(AGENCIES).map((agencyId) => {
    const found = focusOf(world, ids, oracle, agencyId, (holder) => MOMENTS.some((at) => oracle.holderAllows(holder, agencyId, OWN_PURPOSE[agencyId]!, at)));
    return [agencyId, found ? { ...found, ids: idsAs(gateways[1]!, agencyId, found.ids) } : null];
  }));
}, 120_000);
afterAll(async () => Promise.all(gateways.map((gateway) => gateway.close())));

/** One drawn request: moment, viewer, purpose, role, and the generated document. */
function draws() {
  const builders = new Map([...schemas].map(([key, schema]) => [key, createQueryBuilder(schema, inputs.get(key.split(' ')[0]!)!)]));
  return fc.constantFrom(...Object.values(AGENCIES)).chain((agencyId) => fc.record({
    moment: fc.integer({ min: 0, max: MOMENTS.length - 1 }),
    agencyId: fc.constant(agencyId),
    purpose: fc.oneof(fc.constant(OWN_PURPOSE[agencyId]!), fc.constantFrom(...PURPOSES)),
    role: fc.oneof({ weight: 9, arbitrary: fc.constant<string>('caseworker') }, { weight: 1, arbitrary: fc.constant<string>('privacy-officer') }),
    seed: fc.integer(),
  })).map((drawn) => ({
    ...drawn, at: MOMENTS[drawn.moment]!.toISOString(), ...builders.get(`${drawn.agencyId} ${drawn.role}`)!(drawn.seed, focus.get(drawn.agencyId)),
  }));
}
type Drawn = ReturnType<typeof draws> extends fc.Arbitrary<infer T> ? T : never;

async function ask(gateway: Pick<SecurityGateway, 'ask' | 'now'>, drawn: Drawn) {
  const response = await gateway.ask({ agencyId: drawn.agencyId, purpose: drawn.purpose, role: drawn.role }, drawn.query, drawn.variables, drawn.operationName);
  const forbidden = oracle.forbidden(drawn.agencyId, drawn.purpose, gateway.now);
  return { response, forbidden, ...findLeaks(response.body, forbidden) };
}

describe("random queries over each viewer's own schema", () => {
  it('never return a value the policy forbids the viewer', async () => {
    const worldStrings = new Set([...oracle.values.values()].map((value) => value.value));
    const stats = { queries: 0, executed: 0, refused: 0, valuesChecked: 0, needlesChecked: 0, releasedSeen: 0, withReleased: 0, codes: new Map<string, number>() };

    const check = async (drawn: Drawn) => {
      expect(validate(schemaOf(drawn.agencyId, drawn.role), parse(drawn.query)), 'the generator must make valid queries').toEqual([]);
      const { response, forbidden, leaks, scanned } = await ask(gateways[drawn.moment]!, drawn);
      stats.queries++;
      stats.valuesChecked += scanned;
      stats.needlesChecked += forbidden.size;
      if (response.body.data) stats.executed++;
      else stats.refused++;
      for (const error of response.body.errors ?? []) {
        const code = String(error.extensions?.code);
        stats.codes.set(code, (stats.codes.get(code) ?? 0) + 1);
      }
      const released = stringLeaves(response.body).filter(({ leaf }) => worldStrings.has(leaf)).length;
      stats.releasedSeen += released;
      if (released > 0) stats.withReleased++;
      return { drawn, leaks };
    };

    // Two viewers' queries at once on the same gateway: nothing of one request may reach the other.
    const pairs = fc.tuple(draws(), draws()).map(([first, second]) => [first, { ...second, moment: first.moment, at: first.at }] as const);
    await fc.assert(fc.asyncProperty(pairs, async (pair) => {
      const results = await Promise.all(pair.map(check));
      for (const { drawn, leaks } of results) expect(leaks, `${drawn.agencyId} (${drawn.purpose}, ${drawn.role}) at ${drawn.at}`).toEqual([]);
    }), { numRuns: RUNS, seed: SEED, endOnFailure: true });
    console.log(`security property: ${stats.queries} queries (${stats.executed} executed, ${stats.refused} refused before execution); `
      + `${stats.valuesChecked} response values checked, each against the ${Math.round(stats.needlesChecked / stats.queries)} world values its viewer may not see (on average); `
      + `${stats.releasedSeen} released world values seen in ${stats.withReleased} responses; error codes ${JSON.stringify(Object.fromEntries(stats.codes))}`);
    expect(stats.queries).toBeGreaterThanOrEqual(2 * RUNS);
    // Not vacuous: most queries run, and a fair share of them do bring back world data.
    expect(stats.executed).toBeGreaterThan(stats.queries * 0.8);
    expect(stats.withReleased).toBeGreaterThan(stats.queries * 0.2);
  }, 600_000);

  it('find leaks in the same gateway with enforcement switched off (the property can fail)', async () => {
    const unguarded = await startUnguardedGateway(MOMENTS[1]!);
    try {
      let leaking = 0;
      for (const drawn of fc.sample(draws(), { numRuns: 150, seed: SEED })) {
        if ((await ask(unguarded, drawn)).leaks.length > 0) leaking++;
      }
      console.log(`security property self-check: ${leaking} of 150 queries leak without enforcement`);
      expect(leaking).toBeGreaterThan(15);
    } finally {
      await unguarded.close();
    }
  }, 120_000);
});
