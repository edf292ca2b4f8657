/**
 * The bypass routes over the regions of today's chain (issue 11): households of Drenthe and
 * Amsterdam-Amstelland, asked by every organisation of the registry before the 2015 merger, in its
 * first half hour and today. drenthe-s8 holds a record the ASHG Drenthe created in 2013 (its successor
 * Veilig Thuis Drenthe controls it from 2015-01-01) beside Veilig Thuis's own of 2019; the S6 pair were
 * handed to the wijkteams of Assen and of Emmen; amsterdam-s4 has the police, Veilig Thuis and a
 * certified institution involved.
 *
 * Every route of the bypass suites (support/route-documents.ts), each asking for all the viewer's own
 * schema can name: search by each member aliased, through fragments, directives and beside another
 * operation; root lookups by the viewer's own id, the record's controller's id, a forged and a
 * nonexistent one, relations walked backwards from there; lists; report filters and orders; the
 * officer's explanation. What must be withheld is the oracle's to say (support/oracle.ts: the policy's
 * evaluate() on the world's raw data, with the controller of the day), never this file's: no withheld
 * value of the household may appear, a record the viewer may not see answers as a nonexistent one, a
 * filter or an order never tells a withheld value. The registry alone says who controls a record, so
 * the controller (the creator, or its successor once it is gone) reads its records in full by the
 * same routes; an organisation that does not exist at the moment is refused outright.
 */
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorldHousehold } from '#mock-world/index.ts';
import { SCENARIO_NOW } from '../support/test-gateway.ts';
import { startBypass, world, type Bypass } from './support/bypass-fixtures.ts';
import { harvestRecords, lookupsFor, withheldFrom, type HouseholdRecords } from './support/household-records.ts';
import { createNeedleIndex, findLeaks } from './support/leak-scan.ts';
import { controllerAt, dayOf, existsAt, loadPolicy } from './support/oracle.ts';
import { organisationViewers, OWN_RECORDS, viewersAt, type OrganisationViewer } from './support/organisation-viewers.ts';
import { checkFilters, checkLookups, expectKnownErrors } from './support/route-checks.ts';
import { filterDocument, listDocument, lookupDocument, searchDocuments, type RouteDocument } from './support/route-documents.ts';
import { expectAll, expectNone, text } from './support/scenario-values.ts';

const MOMENTS = {
  before: new Date('2014-06-01T12:00:00+02:00'),
  /** The merger's first half hour: 2014-12-31 in UTC. */
  merger: new Date('2015-01-01T00:30:00+01:00'),
  now: SCENARIO_NOW,
} as const;
type Moment = keyof typeof MOMENTS;
/** The regional households and the moments each is asked at: the succession at all three. */
const HOUSEHOLDS: Readonly<Record<string, readonly Moment[]>> = {
  'drenthe-s8': ['before', 'merger', 'now'],
  'drenthe-s6-assen': ['before', 'now'],
  'drenthe-s6-emmen': ['before', 'now'],
  'amsterdam-s4': ['before', 'now'],
};
/** Timing and size are not what this suite looks at: everything a schema names goes in one document. */
const ENV = { KETENPOORT_NOT_FOUND_FLOOR_MS: '0', KETENPOORT_MAX_ALIASES: '100000', KETENPOORT_MAX_TOKENS: '1000000', KETENPOORT_MAX_COST: '100000000' };

const policy = await loadPolicy();
const registry = policy.organisations;
const viewers = organisationViewers(policy);
const householdOf = (key: string): WorldHousehold => world.households.find((household) => household.key === key)!;

/** The purposes a viewer asks with: those its covenants name, and own-records where it controls a record of the household. */
function purposesOf(viewer: OrganisationViewer, household: WorldHousehold, at: Date): string[] {
  const granted = viewer.ownPurposes.filter((purpose) => purpose !== OWN_RECORDS);
  const controls = Object.keys(household.cases).some((creator) => controllerAt(registry, creator, at) === viewer.agencyId);
  return controls || granted.length === 0 ? [...granted, OWN_RECORDS] : granted;
}

const CASES = Object.entries(HOUSEHOLDS).flatMap(([key, moments]) => moments.flatMap((moment) =>
  viewersAt(policy, viewers, MOMENTS[moment]).existing.flatMap((viewer) => purposesOf(viewer, householdOf(key), MOMENTS[moment]).map((purpose) => ({
    key, moment, agencyId: viewer.agencyId, purpose, day: dayOf(MOMENTS[moment]),
  })))));
const GONE = Object.entries(HOUSEHOLDS).flatMap(([key, moments]) => moments.flatMap((moment) =>
  viewersAt(policy, viewers, MOMENTS[moment]).gone.map((viewer) => ({ key, moment, agencyId: viewer.agencyId, day: dayOf(MOMENTS[moment]) }))));

let bypasses: Record<Moment, Bypass>;
const schemas = new Map<string, GraphQLSchema>();
const records = new Map<string, HouseholdRecords>();
const schemaOf = (agencyId: string, role: string) => schemas.get(`${agencyId} ${role}`)!;

beforeAll(async () => {
  const started = await Promise.all((Object.keys(MOMENTS) as Moment[]).map(async (moment) => [moment, await startBypass({ now: MOMENTS[moment], env: ENV })] as const));
  bypasses = Object.fromEntries(started) as Record<Moment, Bypass>;
  // Each viewer's schema (one per kind and role, whatever the day), asked where it exists.
  await Promise.all(viewers.flatMap(({ agencyId }) => ['caseworker', 'privacy-officer'].map(async (role) => {
    const moment = (['now', 'before'] as const).find((candidate) => existsAt(registry, agencyId, MOMENTS[candidate]))!;
    const response = await bypasses[moment].gateway.ask({ agencyId, purpose: OWN_RECORDS, role }, getIntrospectionQuery());
    schemas.set(`${agencyId} ${role}`, buildClientSchema(response.body.data as unknown as IntrospectionQuery));
  })));
  const byPreference = (['now', 'merger', 'before'] as const).map((moment) => bypasses[moment].gateway);
  for (const key of Object.keys(HOUSEHOLDS)) records.set(key, await harvestRecords(householdOf(key), registry, byPreference));
}, 120_000);
afterAll(async () => Promise.all(Object.values(bypasses ?? {}).map((bypass) => bypass.close())));

const totals = { cases: 0, withheld: 0, hiddenLookups: 0, reportsFiltered: 0, controlled: 0 };

describe('regional households, by every route, on both sides of the merger', () => {
  it.each(CASES)('$key on $day as $agencyId ($purpose)', async ({ key, moment, agencyId, purpose }) => {
    const bypass = bypasses[moment];
    const household = householdOf(key);
    const found = records.get(key)!;
    const caller = { agencyId, purpose };
    const schema = schemaOf(agencyId, 'caseworker');
    const lookups = lookupsFor(bypass, household, found, agencyId);
    const bsns = household.members.map((member) => member.bsn);
    const documents = [
      ...searchDocuments(schema, bsns), lookupDocument(schema, lookups), listDocument(schema, household.municipality, [...policy.regions.keys()]), filterDocument(schema, bsns[0]!),
    ].filter((document): document is RouteDocument => document !== null);
    const responses = await Promise.all(documents.map((document) => bypass.ask(caller, document.query, document.variables, document.operationName)));
    const byRoute = new Map(documents.map((document, index) => [document.route, responses[index]!]));
    for (const [index, document] of documents.entries()) {
      const response = responses[index]!;
      expectKnownErrors(response);
      if (document.operationName === undefined && document.route.startsWith('several operations')) expect(response.body.data ?? null, document.route).toBeNull();
      else expect(response.status, `${document.route}: ${JSON.stringify(response.body.errors)}`).toBe(200);
      if (document.operationName === 'Harmless') expect(Object.keys(response.body.data ?? {})).toEqual(['me']);
    }

    // Nothing the oracle withholds, by any route (ask has held each body to all it withholds, the
    // other households' values included; here the household's own, by name).
    const withheld = withheldFrom(bypass, household, agencyId, purpose);
    if (withheld.length > 0) expectNone(responses, withheld);

    // Whoever controls a record on the day reads it in full by the same routes, its reporter too (DOMAIN
    // rule 10 and section 8): the creator while it exists, its successor after.
    const controlled = Object.entries(household.cases).filter(([creator]) => controllerAt(registry, creator, MOMENTS[moment]) === agencyId);
    if (purpose === OWN_RECORDS && controlled.length > 0) {
      const own = controlled.flatMap(([, record]) => [...record.reports.flatMap((report) => [report.narrative, report.reporter.name]), ...record.referrals.map((referral) => referral.reason)]);
      expectAll(byRoute.get(documents[0]!.route)!, text(...own.filter((value): value is string => value !== null)));
      totals.controlled++;
    }

    const lookupResponse = byRoute.get('root lookups');
    const hidden = lookupResponse ? checkLookups(bypass, household, lookups, lookupResponse, agencyId, purpose) : 0;
    const filterResponse = byRoute.get('report filters and orders');
    const filtered = filterResponse ? checkFilters(bypass, household, found, filterResponse, agencyId, purpose) : 0;
    totals.cases++;
    totals.withheld += withheld.length;
    totals.hiddenLookups += hidden;
    totals.reportsFiltered += filtered;
  });

  it('were not vacuous: values withheld, records hidden, filters judged, controllers reading', () => {
    console.log(`bypass over the regions: ${totals.cases} cases (${Object.keys(HOUSEHOLDS).length} households, ${viewers.length} organisations, 3 moments); `
      + `${totals.withheld} withheld values checked, ${totals.hiddenLookups} lookups of records hidden, ${totals.reportsFiltered} reports through filters, ${totals.controlled} controllers reading their own`);
    expect(totals.cases).toBe(CASES.length);
    expect(totals.withheld).toBeGreaterThan(0);
    expect(totals.hiddenLookups).toBeGreaterThan(0);
    expect(totals.reportsFiltered).toBeGreaterThan(0);
    // The succession is in it: Veilig Thuis Drenthe reads the ASHG Drenthe's record after the merger, the ASHG before.
    expect(CASES.some((found) => found.key === 'drenthe-s8' && found.moment === 'merger' && found.agencyId === controllerAt(registry, 'ashg-drenthe', MOMENTS.merger) && found.purpose === OWN_RECORDS)).toBe(true);
    expect(CASES.some((found) => found.key === 'drenthe-s8' && found.moment === 'before' && found.agencyId === 'ashg-drenthe' && found.purpose === OWN_RECORDS)).toBe(true);
  });
});

describe("an officer's explanation of a regional record", () => {
  const OFFICERS = [...new Map(CASES.map((found) => [`${found.key} ${found.moment} ${found.agencyId}`, found])).values()];

  it.each(OFFICERS)('$key on $day: the officer of $agencyId is answered only about the records its organisation controls', async ({ key, moment, agencyId }) => {
    const bypass = bypasses[moment];
    if (!schemaOf(agencyId, 'privacy-officer').getQueryType()?.getFields().explainAccess) return;
    const found = records.get(key)!;
    const ids = bypass.gateway.test.gateway.services.ids.of(agencyId);
    const other = viewers.find((viewer) => viewer.agencyId !== agencyId)!;
    const asked = [...found.reports.map((report) => ({ ...report, coordinate: 'Report.narrative' })), ...found.referrals.map((referral) => ({ ...referral, coordinate: 'Referral.reason' }))];
    const query = `{ ${asked.map((record, index) => `e${index}: explainAccess(input: { viewerAgencyId: ${JSON.stringify(other.agencyId)}, purpose: ${JSON.stringify(other.ownPurposes[0])},
      coordinate: ${JSON.stringify(record.coordinate)}, recordId: ${JSON.stringify(ids.show(record.recordId))} }) { effect owner { id } }`).join('\n')} }`;
    const response = await bypass.ask({ agencyId, purpose: 'privacy-audit', role: 'privacy-officer' }, query);
    expectKnownErrors(response);
    asked.forEach((record, index) => {
      const controls = controllerAt(registry, record.creator, MOMENTS[moment]) === agencyId;
      const explained = response.body.data?.[`e${index}`] ?? null;
      if (controls) expect(explained, `${record.creator}'s ${record.coordinate}`).not.toBeNull();
      else expect(explained, `${record.creator}'s ${record.coordinate}`).toBeNull();
    });
  });
});

describe('organisations that do not exist at the moment', () => {
  it.each(GONE)('$key on $day: $agencyId is refused by every route, with no data', async ({ key, moment, agencyId }) => {
    const bypass = bypasses[moment];
    const household = householdOf(key);
    const everything = [...bypass.oracle.values.values()].filter((value) => value.holders.every((holder) => holder.household === household)).map(({ value, kind }) => ({ value, kind }));
    for (const role of ['caseworker', 'privacy-officer']) {
      const schema = schemaOf(agencyId, role);
      const documents = [
        ...searchDocuments(schema, household.members.map((member) => member.bsn)),
        lookupDocument(schema, lookupsFor(bypass, household, records.get(key)!, agencyId)), listDocument(schema, household.municipality, ['nederland']),
      ].filter((document): document is RouteDocument => document !== null);
      expect(documents.length).toBeGreaterThan(0);
      for (const purpose of [...viewers.find((viewer) => viewer.agencyId === agencyId)!.ownPurposes, 'privacy-audit']) {
        const responses = await Promise.all(documents.map((document) => bypass.ask({ agencyId, purpose, role }, document.query, document.variables, document.operationName)));
        for (const response of responses) {
          expect(response.status).toBe(403);
          expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['ORGANISATION_NOT_IN_FORCE']);
          expect(response.body.data ?? null).toBeNull();
        }
        expectNone(responses, everything);
      }
    }
  });
});

describe('a regional record system that fails (drenthe-s8 today)', () => {
  let bypass: Bypass;
  beforeAll(async () => {
    bypass = await startBypass({
      now: MOMENTS.now, env: ENV,
      // Quick failures, and no breaker memory from one knob to the next.
      configure: (config) => ({
        ...config,
        agencies: config.agencies.map((agency) => (agency.upstream
          ? { ...agency, upstream: { ...agency.upstream, resilience: { timeoutMs: 300, retries: 1, backoffBaseMs: 5, backoffMaxMs: 20, breakerThreshold: 1000 } } }
          : agency)),
      }),
    });
  });
  afterAll(async () => bypass?.close());

  const s8 = householdOf('drenthe-s8');
  it.each(Object.keys(s8.cases))('with the system of %s down: errors name it and hold no value, the rest withholds what it must, the successor still reads the rest', async (failing) => {
    const everything = createNeedleIndex([...bypass.oracle.values.values()].map(({ value, kind }) => ({ value, kind })));
    const mock = bypass.gateway.test.mocks.get(failing)!;
    mock.setKnobs({ errorRate: 1 });
    try {
      for (const viewer of viewersAt(policy, viewers, MOMENTS.now).existing) {
        const purpose = purposesOf(viewer, s8, MOMENTS.now).at(-1)!;
        const [search] = searchDocuments(schemaOf(viewer.agencyId, 'caseworker'), s8.members.map((member) => member.bsn));
        if (!search) continue;
        const response = await bypass.ask({ agencyId: viewer.agencyId, purpose }, search.query, search.variables, search.operationName);
        expectKnownErrors(response);
        expect(findLeaks(response.body.errors ?? [], everything).leaks, 'no world value in an error').toEqual([]);
        const withheld = withheldFrom(bypass, s8, viewer.agencyId, purpose);
        if (withheld.length > 0) expectNone(response, withheld);
        const controlled = Object.keys(s8.cases).filter((creator) => controllerAt(registry, creator, MOMENTS.now) === viewer.agencyId);
        if (controlled.length === 0) continue;
        // The controller is told which system failed, and reads what the others hold.
        expect(response.body.errors?.some((error) => error.extensions?.agency === failing), JSON.stringify(response.body.errors)).toBe(true);
        const rest = controlled.filter((creator) => creator !== failing).flatMap((creator) => s8.cases[creator]!.reports.map((report) => report.narrative));
        if (rest.length > 0) expectAll(response, text(...rest));
      }
    } finally {
      mock.setKnobs({});
    }
  });
});
