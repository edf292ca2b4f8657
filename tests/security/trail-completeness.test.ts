/**
 * Property (issue "The trail, second edition", done-when): for random queries as random viewers, every
 * released field of every record and every member has an entry for its data subject with its basis, and
 * nothing else is entered. Queries are drawn as in property.test.ts, over each viewer's own schema
 * (fields, aliases, fragments on interfaces and the union, @include/@skip, several operations); each is
 * sent through the whole gateway, its entries are read back from the store by its X-Request-Id, and
 * support/trail-exactness.ts holds them to the response. What each object is, the test learns from a
 * second answer to the same document with ids added (support/response-records.ts); the response checked
 * is the query's own.
 */
import { readFileSync } from 'node:fs';
import {
  buildClientSchema, buildSchema, getIntrospectionQuery, getNamedType, isCompositeType, isInterfaceType, isNonNullType, isObjectType,
  type GraphQLAbstractType, type GraphQLCompositeType, type GraphQLSchema, type IntrospectionQuery,
} from 'graphql';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '#src/audit/entry.ts';
import { createWorld } from '#mock-world/index.ts';
import { createOracle, loadPolicy, publicCorpus } from './support/oracle.ts';
import { focusOf, harvestIds, idsAs, mergeIds, worldInputs } from './support/property-inputs.ts';
import { createQueryBuilder, type QueryFocus, type QueryInputs } from './support/query-builder.ts';
import { AGENCIES, PURPOSES, startSecurityGateway, type SecurityGateway } from './support/security-gateway.ts';
import { checkTrail } from './support/trail-exactness.ts';
import { guardedIn, patientUpstreams, probeTrail, type TrailProbe } from './support/trail-probe.ts';

/**
 * Kept small so the suite stays near half a minute: each run sends two drawn queries at once (their
 * entries are committed together and must not mix), and each query is two requests and a store read.
 */
const RUNS = 40;
const SEED = 20261206;
const NOW = new Date('2026-11-23T10:00:00+01:00');
const OWN_PURPOSE: Record<string, string> = {
  [AGENCIES.ashg]: 'case-conference', [AGENCIES.amk]: 'child-abuse-assessment', [AGENCIES.politie]: 'zorgmelding-feedback',
  [AGENCIES.bjz]: 'early-intervention', [AGENCIES.wijkteam]: 'neighbourhood-support', [AGENCIES.vtDrenthe]: 'child-abuse-assessment',
};
const ROLES = ['caseworker', 'privacy-officer'] as const;

/**
 * Every field a viewer's own schema has, from a type down; a type met a second time is asked for its id
 * only (a report under a referral, a child under a report), which keeps the agencies' load to a page's.
 */
function everyField(viewerSchema: GraphQLSchema, type: GraphQLCompositeType, seen = new Set<string>()): string {
  const id = (target: GraphQLCompositeType) => (isObjectType(target) || isInterfaceType(target)) && 'id' in target.getFields() ? 'id' : '__typename';
  // A union's members share field names with other types (Report.kind, Referral.kind): each by its id only.
  if (!isObjectType(type)) return ['__typename', ...viewerSchema.getPossibleTypes(type as GraphQLAbstractType).map((possible) => `... on ${possible.name} { ${id(possible)} }`)].join(' ');
  seen.add(type.name);
  return Object.values(type.getFields()).filter((field) => field.args.every((arg) => !isNonNullType(arg.type))).map((field) => {
    const named = getNamedType(field.type);
    if (!isCompositeType(named)) return field.name;
    return `${field.name} { ${seen.has(named.name) ? id(named) : everyField(viewerSchema, named, seen)} }`;
  }).join(' ');
}

const world = createWorld({ households: 60 });
/** The whole schema, to walk responses with (each viewer's own is a part of it). */
const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
const schemas = new Map<string, GraphQLSchema>();
let gateway: SecurityGateway;
let inputs: Map<string, QueryInputs>;
let focus: Map<string, QueryFocus | null>;

beforeAll(async () => {
  // No not-found floor (timing is not looked at here), and room for the ids the identifying query adds.
  gateway = await startSecurityGateway({
    now: NOW, env: { KETENPOORT_NOT_FOUND_FLOOR_MS: '0', KETENPOORT_MAX_COST: '10000000', KETENPOORT_MAX_TOKENS: '50000' }, configure: patientUpstreams,
  });
  const oracle = createOracle(world, await loadPolicy(), publicCorpus([NOW.toISOString().slice(0, 10)]));
  await Promise.all(Object.values(AGENCIES).flatMap((agencyId) => ROLES.map(async (role) => {
    const response = await gateway.ask({ agencyId, purpose: OWN_PURPOSE[agencyId]!, role }, getIntrospectionQuery());
    schemas.set(`${agencyId} ${role}`, buildClientSchema(response.body.data as unknown as IntrospectionQuery));
  })));
  const ids = await harvestIds([AGENCIES.ashg, AGENCIES.amk, AGENCIES.politie, AGENCIES.bjz].map((agencyId) => ({ agencyId, gateway })), world);
  const all = mergeIds([...ids.values()]);
  const named = { agencyIds: Object.values(AGENCIES), regions: ['groningen', 'drenthe', 'gemeente-groningen'] };
  inputs = new Map(Object.values(AGENCIES).map((agencyId) => [agencyId, { ...worldInputs(world, named), ids: idsAs(gateway, agencyId, all) }]));
  focus = new Map(Object.values(AGENCIES).map((agencyId) => {
    const found = focusOf(world, ids, oracle, agencyId, (holder) => oracle.holderAllows(holder, agencyId, OWN_PURPOSE[agencyId]!, NOW));
    return [agencyId, found ? { ...found, ids: idsAs(gateway, agencyId, found.ids) } : null];
  }));
}, 120_000);
afterAll(async () => gateway?.close());

function draws() {
  const builders = new Map([...schemas].map(([key, viewerSchema]) => [key, createQueryBuilder(viewerSchema, inputs.get(key.split(' ')[0]!)!)]));
  return fc.constantFrom(...Object.values(AGENCIES)).chain((agencyId) => fc.record({
    agencyId: fc.constant(agencyId),
    purpose: fc.oneof(fc.constant(OWN_PURPOSE[agencyId]!), fc.constantFrom(...PURPOSES)),
    role: fc.oneof({ weight: 9, arbitrary: fc.constant<string>('caseworker') }, { weight: 1, arbitrary: fc.constant<string>('privacy-officer') }),
    seed: fc.integer(),
  })).map((drawn) => ({ ...drawn, ...builders.get(`${drawn.agencyId} ${drawn.role}`)!(drawn.seed, focus.get(drawn.agencyId)) }));
}
type Drawn = ReturnType<typeof draws> extends fc.Arbitrary<infer T> ? T : never;

function probe(drawn: Pick<Drawn, 'agencyId' | 'purpose' | 'role' | 'query' | 'variables' | 'operationName'>): Promise<TrailProbe> {
  const caller = { agencyId: drawn.agencyId, purpose: drawn.purpose, role: drawn.role };
  return probeTrail(gateway.test, schema, drawn.agencyId, (request) => gateway.ask(caller, request.query, request.variables, request.operationName),
    { query: drawn.query, variables: drawn.variables, operationName: drawn.operationName });
}

describe('the audit trail of random queries as random viewers', () => {
  it('enters every released field and every redaction for its record and subject, with its basis, and nothing else', async () => {
    const stats = { queries: 0, executed: 0, released: 0, withheld: 0, entries: 0, persons: 0 };
    const check = async (drawn: Drawn) => {
      const { response, check: result, entries } = await probe(drawn);
      stats.queries++;
      if (response.body.data) stats.executed++;
      stats.released += result.released;
      stats.withheld += result.withheld;
      stats.entries += result.entries;
      stats.persons += entries.filter((entry) => entry.subjectType === 'person').length;
      return { drawn, violations: result.violations };
    };
    await fc.assert(fc.asyncProperty(fc.tuple(draws(), draws()), async (pair) => {
      for (const { drawn, violations } of await Promise.all(pair.map(check))) {
        expect(violations, `${drawn.agencyId} (${drawn.purpose}, ${drawn.role}): ${drawn.query} ${JSON.stringify(drawn.variables)}`).toEqual([]);
      }
    }), { numRuns: RUNS, seed: SEED, endOnFailure: true });
    console.log(`trail property: ${stats.queries} queries (${stats.executed} executed); ${stats.released} released values and `
      + `${stats.withheld} redactions held to their entries; ${stats.entries} entries held to their responses (${stats.persons} about one person)`);
    // Not vacuous: values and persons' entries do come up (redactions: the next test).
    expect(stats.executed).toBeGreaterThan(stats.queries * 0.8);
    expect(stats.released).toBeGreaterThan(stats.queries * 5);
    expect(stats.persons).toBeGreaterThan(stats.queries / 4);
  }, 300_000);

  // Random selections seldom meet a redaction (a field withheld on a record the viewer is shown): every
  // field of a household, for each viewer under its own purpose, meets many.
  it('enters every field of the households that concern each viewer, released and withheld alike', async () => {
    let withheld = 0;
    for (const agencyId of Object.values(AGENCIES)) {
      const bsns = focus.get(agencyId)?.bsns ?? [];
      for (const bsn of [bsns[0], bsns[Math.floor(bsns.length / 2)]].filter((found): found is string => found !== undefined)) {
        const viewerSchema = schemas.get(`${agencyId} caseworker`)!;
        const query = `query($bsn: String!) { householdsOfPerson(bsn: $bsn) { ${everyField(viewerSchema, viewerSchema.getType('Household') as GraphQLCompositeType)} } }`;
        const { check, response } = await probe({ agencyId, purpose: OWN_PURPOSE[agencyId]!, role: 'caseworker', query, variables: { bsn }, operationName: undefined });
        expect(response.body.errors, agencyId).toBeUndefined();
        expect(check.violations, `${agencyId} on a household of ${bsn}`).toEqual([]);
        withheld += check.withheld;
      }
    }
    expect(withheld).toBeGreaterThan(20);
  }, 60_000);

  it('can fail: a dropped name, a stray entry and an entry naming nothing are each found', async () => {
    const query = '{ a1: households(municipality: "Groningen", first: 2) { edges { node { id members { id name } } } } }';
    const result = await probe({ agencyId: AGENCIES.ashg, purpose: OWN_PURPOSE[AGENCIES.ashg]!, role: 'caseworker', query, variables: {}, operationName: undefined });
    expect(result.check.violations).toEqual([]);
    const access = result.entries.filter((entry) => entry.kind === 'access');
    const member = access.find((entry) => entry.entityType === 'HouseholdMember')!;
    const recheck = (trail: AuditEntry[]) => checkTrail(result.shown, [], trail, guardedIn(gateway.test)).violations;
    expect(recheck(access.map((entry) => (entry === member ? { ...entry, fieldsReleased: ['HouseholdMember.id'] } : entry)))).not.toEqual([]);
    expect(recheck([...access, { ...member, entityId: 'pe_AAAAAAAAAAAAAAAAAAAAAA' }])).not.toEqual([]);
    expect(recheck([...access.filter((entry) => entry !== member), { ...member, fieldsReleased: [], fieldsWithheld: [], outcome: 'withheld' }])).not.toEqual([]);
  });
});
