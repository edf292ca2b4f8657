/**
 * Property: whatever valid query a viewer sends over its own schema (the one introspection shows it) (random fields, aliases, fragments on interfaces and
 * the union, @include/@skip, several operations, bounded depth), for whatever purpose its token lists
 * and on whatever day, no world value the policy forbids it ever appears in the response. The oracle
 * (support/oracle.ts) knows nothing of the gateway: the world's raw data, facts computed here, and the
 * policy engine's evaluate().
 *
 * The viewers are every organisation of the registry (covenants/organisations.yaml), each with its own
 * purposes (support/organisation-viewers.ts), over the whole world: Groningen's first wave and today's
 * Drenthe and Amsterdam-Amstelland. Five gateways judge at five moments: before the merger of 2015,
 * its first half hour, and three the Groningen covenants' validity differs on. A viewer is drawn only
 * at the moments its organisation exists; at the others its callers are refused outright, and a test
 * of its own holds them to that.
 */
import { buildClientSchema, getIntrospectionQuery, parse, validate, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import fc from 'fast-check';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledPolicy } from '#src/policy/compile.ts';
import { createWorld } from '#mock-world/index.ts';
import { createNeedleIndex, findLeaks, stringLeaves } from './support/leak-scan.ts';
import { controllerAt, createOracle, dayOf, loadPolicy, publicCorpus, type Oracle } from './support/oracle.ts';
import { organisationViewers, viewersAt, type OrganisationViewer } from './support/organisation-viewers.ts';
import { focusOf, harvestIds, idsAs, mergeIds, worldInputs } from './support/property-inputs.ts';
import { createQueryBuilder, type GeneratedQuery, type QueryFocus, type QueryInputs } from './support/query-builder.ts';
import { PURPOSES, startSecurityGateway, type SecurityGateway } from './support/security-gateway.ts';
import { startUnguardedGateway } from './support/unguarded-gateway.ts';

/** Runs per test run (CI runs it); each sends two generated queries at once, so 2,000 queries. */
const RUNS = 1000;
/** Fixed, so a failure replays; fast-check prints it with the counterexample. */
const SEED = 20261123;
const MOMENTS = [
  // Before the merger: the ASHG, AMK and Bureau Jeugdzorg of Drenthe and Amsterdam-Amstelland exist.
  new Date('2014-06-01T12:00:00+02:00'),
  // Its first half hour: Veilig Thuis, the certified institutions and the new wijkteams exist, their
  // predecessors do not; in UTC it is still 2014-12-31, so a day taken in UTC would tell otherwise.
  new Date('2015-01-01T00:30:00+01:00'),
  // Before groningen-ashg-amk v2 (v1 in force, no art. 5), in v2's first year, and in its tacit renewal.
  new Date('2025-06-01T12:00:00+02:00'), new Date('2026-11-23T10:00:00+01:00'), new Date('2027-03-15T12:00:00+01:00'),
];
/** The moment the self-check's unguarded gateway judges at. */
const SELF_CHECK_MOMENT = 3;

// The test gateway's world: 60 first-wave households (the default seed), then the regional ones.
const world = createWorld({ households: 60 });
const ROLES = ['caseworker', 'privacy-officer'] as const;
/** Each viewer's own schema, as introspection shows it (src/graph/schema-variants.ts): queries are drawn over it. */
const schemas = new Map<string, GraphQLSchema>();
let builders: Map<string, ReturnType<typeof createQueryBuilder>>;
let gateways: SecurityGateway[] = [];
let policy: CompiledPolicy;
let oracle: Oracle;
let viewers: OrganisationViewer[];
/** Per moment: the viewers that exist then, and those that do not. */
let atMoment: ReturnType<typeof viewersAt>[];
/** Per viewer: the inputs with the ids as that viewer holds them (its own pseudonyms: ids are pairwise). */
let inputs: Map<string, QueryInputs>;
let focus: Map<string, QueryFocus | null>;

/** The latest moment the organisation exists at: where it is introspected and its own records harvested. */
function homeMoment(agencyId: string): number {
  return MOMENTS.findLastIndex((_at, moment) => atMoment[moment]!.existing.some((viewer) => viewer.agencyId === agencyId));
}

beforeAll(async () => {
  policy = await loadPolicy();
  viewers = organisationViewers(policy);
  atMoment = MOMENTS.map((at) => viewersAt(policy, viewers, at));
  // No not-found floor: it guards timing, which this property does not look at, and would cost minutes.
  gateways = await Promise.all(MOMENTS.map((now) => startSecurityGateway({ now, env: { KETENPOORT_NOT_FOUND_FLOOR_MS: '0' } })));
  oracle = createOracle(world, policy, publicCorpus(MOMENTS.flatMap((moment) => [moment.toISOString().slice(0, 10), dayOf(moment)])));
  await Promise.all(viewers.flatMap(({ agencyId, ownPurposes }) => ROLES.map(async (role) => {
    const response = await gateways[homeMoment(agencyId)]!.ask({ agencyId, purpose: ownPurposes[0]!, role }, getIntrospectionQuery());
    schemas.set(`${agencyId} ${role}`, buildClientSchema(response.body.data as unknown as IntrospectionQuery));
  })));
  const ids = await harvestIds(viewers.filter((viewer) => viewer.hasSystem).map(({ agencyId }) => ({ agencyId, gateway: gateways[homeMoment(agencyId)]! })), world);
  const all = mergeIds([...ids.values()]);
  const named = { agencyIds: viewers.map((viewer) => viewer.agencyId), regions: [...policy.regions.keys()] };
  inputs = new Map(viewers.map(({ agencyId }) => [agencyId, { ...worldInputs(world, named), ids: idsAs(gateways[0]!, agencyId, all) }]));
  focus = new Map(viewers.map(({ agencyId, ownPurposes }) => {
    const found = focusOf(world, ids, oracle, agencyId, (holder) => MOMENTS.some((at, moment) => atMoment[moment]!.existing.some((viewer) => viewer.agencyId === agencyId)
      && ownPurposes.some((purpose) => oracle.holderAllows(holder, agencyId, purpose, at))));
    return [agencyId, found ? { ...found, ids: idsAs(gateways[0]!, agencyId, found.ids) } : null];
  }));
  builders = new Map([...schemas].map(([key, schema]) => [key, createQueryBuilder(schema, inputs.get(key.split(' ')[0]!)!)]));
}, 180_000);
afterAll(async () => Promise.all(gateways.map((gateway) => gateway.close())));

const schemaOf = (agencyId: string, role: string) => schemas.get(`${agencyId} ${role}`)!;
const generate = (agencyId: string, role: string, seed: number): GeneratedQuery => builders.get(`${agencyId} ${role}`)!(seed, focus.get(agencyId));

/** One drawn request at the moment: a viewer that exists then, purpose, role, and the generated document. */
function drawsAt(moment: number) {
  return fc.constantFrom(...atMoment[moment]!.existing).chain((viewer) => fc.record({
    agencyId: fc.constant(viewer.agencyId),
    purpose: fc.oneof(fc.constantFrom(...viewer.ownPurposes), fc.constantFrom(...PURPOSES)),
    role: fc.oneof({ weight: 9, arbitrary: fc.constant<string>('caseworker') }, { weight: 1, arbitrary: fc.constant<string>('privacy-officer') }),
    seed: fc.integer(),
  })).map((drawn) => ({ ...drawn, moment, at: MOMENTS[moment]!.toISOString(), ...generate(drawn.agencyId, drawn.role, drawn.seed) }));
}
type Drawn = ReturnType<typeof drawsAt> extends fc.Arbitrary<infer T> ? T : never;
const anyMoment = () => fc.integer({ min: 0, max: MOMENTS.length - 1 });

async function ask(gateway: Pick<SecurityGateway, 'ask' | 'now'>, drawn: Drawn) {
  const response = await gateway.ask({ agencyId: drawn.agencyId, purpose: drawn.purpose, role: drawn.role }, drawn.query, drawn.variables, drawn.operationName);
  const forbidden = oracle.forbidden(drawn.agencyId, drawn.purpose, gateway.now);
  return { response, forbidden, ...findLeaks(response.body, forbidden) };
}

describe('the viewers and the moments', () => {
  it('are every organisation of the registry, each existing at one moment at least, and both sides of the merger', () => {
    expect(viewers.map((viewer) => viewer.agencyId)).toEqual(policy.organisations.organisations.map((organisation) => organisation.id));
    for (const viewer of viewers) expect(homeMoment(viewer.agencyId), viewer.agencyId).toBeGreaterThanOrEqual(0);
    // Some organisation is gone at each moment, and some exists at one only: the refusals are tested too.
    for (const [moment, { gone }] of atMoment.entries()) expect(gone.length, MOMENTS[moment]!.toISOString()).toBeGreaterThan(0);
    expect(atMoment[0]!.existing.filter((viewer) => atMoment[1]!.gone.includes(viewer)).length).toBeGreaterThan(0);
  });

  it('see every record of the world through the oracle: its creator has a system, and only its controller of the day reads it as its own', () => {
    for (const value of oracle.values.values()) {
      for (const holder of value.holders) {
        expect(viewers.find((viewer) => viewer.agencyId === holder.agencyId)?.hasSystem, holder.agencyId).toBe(true);
        // A member's entry shown as a Child holds the value only while the person is one.
        if (holder.asChild) continue;
        for (const [moment, at] of MOMENTS.entries()) {
          const controller = controllerAt(policy.organisations, holder.agencyId, at);
          const readers = atMoment[moment]!.existing.filter(({ agencyId }) => oracle.holderAllows(holder, agencyId, 'own-records', at)).map(({ agencyId }) => agencyId);
          // DOMAIN rule 10 and section 8: the creator, or its successor once it is gone; nobody while neither exists.
          expect(readers, `${holder.household.key} ${holder.agencyId} ${holder.coordinate} at ${at.toISOString()}`)
            .toEqual(atMoment[moment]!.existing.some(({ agencyId }) => agencyId === controller) ? [controller] : []);
        }
      }
    }
  });

  it("are judged with tokens each gateway signs at its own clock (iat is the gateway's now, not the wall clock's)", async () => {
    for (const [moment, gateway] of gateways.entries()) {
      const { agencyId } = atMoment[moment]!.existing[0]!;
      const claims = decodeJwt(await gateway.token(agencyId));
      expect(claims.iat).toBe(Math.floor(MOMENTS[moment]!.getTime() / 1000));
      expect(claims.exp).toBeGreaterThan(claims.iat!);
      const response = await gateway.ask({ agencyId, purpose: 'own-records' }, '{ __typename }');
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    }
  });
});

describe("random queries over each viewer's own schema", () => {
  it('never return a value the policy forbids the viewer', async () => {
    const worldStrings = new Set([...oracle.values.values()].map((value) => value.value));
    const stats = { queries: 0, executed: 0, refused: 0, valuesChecked: 0, needlesChecked: 0, releasedSeen: 0, withReleased: 0, codes: new Map<string, number>() };
    const perViewer = new Map<string, number>();

    const check = async (drawn: Drawn) => {
      expect(validate(schemaOf(drawn.agencyId, drawn.role), parse(drawn.query)), 'the generator must make valid queries').toEqual([]);
      const { response, forbidden, leaks, scanned } = await ask(gateways[drawn.moment]!, drawn);
      stats.queries++;
      perViewer.set(`${drawn.agencyId} ${drawn.moment}`, (perViewer.get(`${drawn.agencyId} ${drawn.moment}`) ?? 0) + 1);
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
    const pairs = anyMoment().chain((moment) => fc.tuple(drawsAt(moment), drawsAt(moment)));
    await fc.assert(fc.asyncProperty(pairs, async (pair) => {
      const results = await Promise.all(pair.map(check));
      for (const { drawn, leaks } of results) expect(leaks, `${drawn.agencyId} (${drawn.purpose}, ${drawn.role}) at ${drawn.at}`).toEqual([]);
    }), { numRuns: RUNS, seed: SEED, endOnFailure: true });
    const viewerMoments = atMoment.reduce((sum, { existing }) => sum + existing.length, 0);
    console.log(`security property: ${stats.queries} queries by ${viewers.length} organisations at ${MOMENTS.length} moments (${viewerMoments} pairs of viewer and moment, `
      + `each drawn ${Math.min(...perViewer.values())} to ${Math.max(...perViewer.values())} times; ${stats.executed} executed, ${stats.refused} refused before execution); `
      + `${stats.valuesChecked} response values checked, each against the ${Math.round(stats.needlesChecked / stats.queries)} world values its viewer may not see (on average); `
      + `${stats.releasedSeen} released world values seen in ${stats.withReleased} responses; error codes ${JSON.stringify(Object.fromEntries(stats.codes))}`);
    expect(stats.queries).toBeGreaterThanOrEqual(2 * RUNS);
    // Every organisation was asked at every moment it exists.
    expect(perViewer.size).toBe(viewerMoments);
    // Not vacuous: most queries run, and a fair share of them do bring back world data.
    expect(stats.executed).toBeGreaterThan(stats.queries * 0.8);
    expect(stats.withReleased).toBeGreaterThan(stats.queries * 0.2);
  }, 600_000);

  it('are refused outright, with no data, for an organisation that does not exist at the moment (ORGANISATION_NOT_IN_FORCE)', async () => {
    const everything = createNeedleIndex([...oracle.values.values()].map(({ value, kind }) => ({ value, kind })));
    let refusals = 0;
    for (const [moment, gateway] of gateways.entries()) {
      for (const { agencyId, ownPurposes } of atMoment[moment]!.gone) {
        for (const role of ROLES) {
          // Introspection, and queries drawn over its own schema as at the moments it exists.
          const documents = [{ query: getIntrospectionQuery() }, ...fc.sample(fc.integer(), { numRuns: 3, seed: SEED + moment }).map((seed) => generate(agencyId, role, seed))];
          for (const document of documents) {
            for (const purpose of [...ownPurposes, 'privacy-audit']) {
              const response = await gateway.ask({ agencyId, purpose, role }, document.query, 'variables' in document ? document.variables : undefined,
                'operationName' in document ? document.operationName : undefined);
              expect(response.status, `${agencyId} at ${MOMENTS[moment]!.toISOString()}`).toBe(403);
              expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['ORGANISATION_NOT_IN_FORCE']);
              expect(response.body.data ?? null).toBeNull();
              expect(findLeaks(response.body, everything).leaks).toEqual([]);
              refusals++;
            }
          }
        }
      }
    }
    console.log(`security property: ${refusals} requests of organisations that do not exist at the moment, all refused`);
  }, 120_000);

  it('find leaks in the same gateway with enforcement switched off (the property can fail)', async () => {
    const unguarded = await startUnguardedGateway(MOMENTS[SELF_CHECK_MOMENT]!);
    try {
      let leaking = 0;
      for (const drawn of fc.sample(drawsAt(SELF_CHECK_MOMENT), { numRuns: 150, seed: SEED })) {
        if ((await ask(unguarded, drawn)).leaks.length > 0) leaking++;
      }
      console.log(`security property self-check: ${leaking} of 150 queries leak without enforcement`);
      expect(leaking).toBeGreaterThan(15);
    } finally {
      await unguarded.close();
    }
  }, 120_000);
});
