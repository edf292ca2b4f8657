/**
 * The involvement index in a running gateway (KETENPOORT_INVOLVEMENT_INDEX=on) against the embedded
 * mock agencies over HTTP: a lookup by BSN asks only the organisations holding the person, and answers
 * exactly what the same gateway without the index answers (fan-out to every agency), for random
 * persons of the world, random viewers and purposes.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '#mock-world/index.ts';
import { calledSince, startTestGateway, upstreamCalls, type TestGateway } from '../support/test-gateway.ts';

const HOUSEHOLDS = 60;
// One secret pair for both gateways: the same record gets the same id in either, so answers compare as data.
const SECRETS = { KETENPOORT_ID_SECRET: 'routing-test-id-secret-0123456789abcdef', KETENPOORT_PSEUDONYM_SECRET: 'routing-test-pseudonym-secret-0123456789' };
const world = createWorld({ households: HOUSEHOLDS });
const persons = [...new Set(world.households.flatMap((household) => [...household.members.map((member) => member.bsn),
  ...Object.values(household.cases).flatMap((filed) => filed.children.map((child) => child.bsn))]))].sort();

const QUERY = `query Person($bsn: String!) {
  householdsOfPerson(bsn: $bsn) {
    id municipality members { id name birthDate }
    children { id name role }
    reports { id phase narrative reporter { name } }
    referrals { id status kind }
    caseStatus { involvements { agency { id } phase phaseCategory since contact { name } } }
  }
}`;

const VIEWERS = [
  { agencyId: 'ashg-groningen', purpose: 'case-conference' },
  { agencyId: 'amk-groningen', purpose: 'case-conference' },
  { agencyId: 'politie-noord-nederland', purpose: 'zorgmelding-feedback' },
  { agencyId: 'bjz-groningen', purpose: 'voluntary-help' },
] as const;

let indexed: TestGateway;
let fanOut: TestGateway;
beforeAll(async () => {
  // No listing cache: a walked listing costs what it costs each time, so the two can be compared by their calls.
  const env = { ...SECRETS, KETENPOORT_MOCK_HOUSEHOLDS: String(HOUSEHOLDS), KETENPOORT_LISTING_CACHE_SECONDS: '0' };
  // No retries and a generous timeout: on a loaded machine a slow agency must not make the two answers differ.
  const configure: NonNullable<Parameters<typeof startTestGateway>[0]>['configure'] = (config) => ({
    ...config,
    agencies: config.agencies.map((agency) => agency.upstream ? { ...agency, upstream: { ...agency.upstream, resilience: { retries: 0, timeoutMs: 15_000 } } } : agency),
  });
  [indexed, fanOut] = await Promise.all([
    startTestGateway({ env: { ...env, KETENPOORT_INVOLVEMENT_INDEX: 'on' }, configure }),
    startTestGateway({ env, configure }),
  ]);
  await indexed.gateway.services.involvementIndex?.sync.reconcileAll();
}, 60_000);
afterAll(async () => {
  await indexed?.close();
  await fanOut?.close();
});


describe('routing lookups by BSN through the involvement index', () => {
  it('has every organisation with a record system reconciled, none failing', async () => {
    const states = await indexed.gateway.services.involvementIndex!.store.states();
    expect(states.map((state) => state.organisation).sort()).toEqual([...indexed.gateway.services.adapters.keys()].sort());
    for (const state of states) expect(state, state.organisation).toMatchObject({ lastError: null });
    expect(states.reduce((sum, state) => sum + state.rows, 0)).toBeGreaterThan(HOUSEHOLDS);
  });

  it('asks only the organisations that hold the person', async () => {
    const holders = (bsn: string) => new Set(world.households.flatMap((household) => Object.entries(household.cases)
      .filter(([, filed]) => filed.memberBsns.includes(bsn) || filed.children.some((child) => child.bsn === bsn)).map(([agencyId]) => agencyId)));
    // A person only one agency holds: the other agencies are not called at all.
    const single = persons.find((bsn) => holders(bsn).size === 1);
    expect(single, 'a person held by one agency').toBeDefined();
    const before = upstreamCalls(indexed);
    const response = await indexed.query(VIEWERS[0], QUERY, { bsn: single });
    expect(response.body.errors).toBeUndefined();
    const called = calledSince(indexed, before);
    // The police too: their reconciliation searches the export over their whole history (reconcileHouseholds).
    expect(called.every((agency) => holders(single!).has(agency)), `called ${called.join(', ')}`).toBe(true);
    expect(called.length).toBeLessThan(indexed.gateway.services.adapters.size);
  });

  it("finds a zorgmelding older than the police listing's window through the index, as the fan-out does", async () => {
    // Scenario 6 of Drenthe: a zorgmelding of 2020, years before the two a police listing searches.
    const household = world.households.find((candidate) => candidate.key === 'drenthe-scenario-6')!;
    const filed = household.cases['politie-noord-nederland']!;
    expect(JSON.stringify(filed)).toContain('2020-');
    const viewer = VIEWERS.find((candidate) => candidate.agencyId === 'politie-noord-nederland')!;
    for (const bsn of filed.memberBsns) {
      const before = upstreamCalls(indexed);
      const [routed, fanned] = await Promise.all([indexed.query(viewer, QUERY, { bsn }), fanOut.query(viewer, QUERY, { bsn })]);
      expect(routed.body.errors).toBeUndefined();
      expect((routed.body.data as { householdsOfPerson: unknown[] }).householdsOfPerson.length, bsn).toBeGreaterThan(0);
      expect(routed.body.data).toEqual(fanned.body.data);
      expect((upstreamCalls(indexed).get('politie-noord-nederland') ?? 0) - (before.get('politie-noord-nederland') ?? 0)).toBeGreaterThan(0);
    }
  });

  it('answers as the fan-out does, for random persons, viewers and purposes', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...persons), fc.constantFrom(...VIEWERS), async (bsn, viewer) => {
      const [routed, fanned] = await Promise.all([indexed.query(viewer, QUERY, { bsn }), fanOut.query(viewer, QUERY, { bsn })]);
      expect(routed.status).toBe(fanned.status);
      expect(routed.body.data).toEqual(fanned.body.data);
      expect(routed.body.errors?.map((error) => error.extensions?.code)).toEqual(fanned.body.errors?.map((error) => error.extensions?.code));
      expect(routed.body.extensions?.redactions?.length).toBe(fanned.body.extensions?.redactions?.length);
    }), { numRuns: 40 });
  }, 120_000);

  it('finds a household an agency registers after the last sync once the feed is followed, and loses one it removes', async () => {
    // Households the running world does not have yet: the first ones past it in a larger world.
    const later = createWorld({ households: HOUSEHOLDS + 40 }).households.slice(HOUSEHOLDS);
    const added = later.find((household) => household.cases['amk-groningen']);
    expect(added, 'a later household held by the AMK').toBeDefined();
    const bsn = added!.cases['amk-groningen']!.memberBsns[0]!;
    const viewer = VIEWERS[1];
    const register = (gateway: TestGateway) => ['amk-groningen'].map((agencyId) => gateway.mocks.get(agencyId)!.records!.addHousehold(added!));
    const asked = async () => indexed.gateway.services.route!([bsn], [...indexed.gateway.services.adapters.keys()]);
    const ids = register(indexed);
    register(fanOut);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);

    // Before the feed is read the index does not know the person: only agencies with stale rows (none) would be asked.
    expect(await asked()).toEqual([]);
    await indexed.gateway.services.involvementIndex!.sync.followAll();
    expect(await asked()).toEqual(['amk-groningen']);
    const [routed, fanned] = await Promise.all([indexed.query(viewer, QUERY, { bsn }), fanOut.query(viewer, QUERY, { bsn })]);
    expect((routed.body.data?.householdsOfPerson as unknown[]).length).toBeGreaterThan(0);
    expect(routed.body.data).toEqual(fanned.body.data);

    for (const gateway of [indexed, fanOut]) {
      expect(gateway.mocks.get('amk-groningen')!.records!.removeHousehold(ids[0]!)).toBe(true);
    }
    await indexed.gateway.services.involvementIndex!.sync.followAll();
    expect(await asked()).toEqual([]);
    const [routedAfter, fannedAfter] = await Promise.all([indexed.query(viewer, QUERY, { bsn }), fanOut.query(viewer, QUERY, { bsn })]);
    expect(routedAfter.body.data).toEqual(fannedAfter.body.data);
    expect(routedAfter.body.data?.householdsOfPerson).toEqual([]);
  }, 60_000);

  it('answers as the fan-out does after random households are registered and removed at random agencies, once the feeds are followed', async () => {
    const later = createWorld({ households: HOUSEHOLDS + 40 }).households.slice(HOUSEHOLDS);
    const agencies = ['ashg-groningen', 'amk-groningen', 'politie-noord-nederland', 'bjz-groningen'] as const;
    const candidates = later.flatMap((household) => agencies.filter((agency) => household.cases[agency]).map((agency) => ({ household, agency })));
    const step = fc.record({ add: fc.boolean(), pick: fc.nat(candidates.length - 1) });
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), fc.constantFrom(...VIEWERS), async (steps, viewer) => {
      // What each gateway's mock of each agency holds of the later households now, by the same registrations.
      const held: { agency: string; household: (typeof later)[number]; ids: [string, string] }[] = [];
      try {
        for (const { add, pick } of steps) {
          if (add || held.length === 0) {
            const { household, agency } = candidates[pick]!;
            const ids = [indexed, fanOut].map((gateway) => gateway.mocks.get(agency)!.records!.addHousehold(household));
            if (ids[0] && ids[1]) held.push({ agency, household, ids: [ids[0], ids[1]] });
          } else {
            const [gone] = held.splice(pick % held.length, 1);
            [indexed, fanOut].forEach((gateway, i) => gateway.mocks.get(gone!.agency)!.records!.removeHousehold(gone!.ids[i]!));
          }
        }
        await indexed.gateway.services.involvementIndex!.sync.followAll();
        const touched = [...new Set(steps.map(({ pick }) => candidates[pick]!.household).flatMap((household) => household.members.flatMap((member) => (member.bsn ? [member.bsn] : []))))];
        for (const bsn of touched) {
          const [routed, fanned] = await Promise.all([indexed.query(viewer, QUERY, { bsn }), fanOut.query(viewer, QUERY, { bsn })]);
          expect(routed.body.errors).toBeUndefined();
          expect(routed.body.data, bsn).toEqual(fanned.body.data);
        }
      } finally {
        // Each run starts from the world as it was.
        for (const { agency, ids } of held) [indexed, fanOut].forEach((gateway, i) => gateway.mocks.get(agency)!.records!.removeHousehold(ids[i]!));
        await indexed.gateway.services.involvementIndex!.sync.followAll();
      }
    }), { numRuns: 8 });
  }, 120_000);

  const LIST = `query Page($municipality: String!, $first: Int!, $after: String) {
    households(municipality: $municipality, first: $first, after: $after) {
      edges { cursor node { id municipality members { id name } reports { id phase narrative } caseStatus { involvements { agency { id } phase } } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  type Page = { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  const walk = async (gateway: TestGateway, viewer: (typeof VIEWERS)[number], municipality: string, first: number) => {
    const nodes: { id: string }[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const response = await gateway.query(viewer, LIST, { municipality, first, after });
      expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
      const page = response.body.data?.households as Page;
      expect(page.edges.length).toBeLessThanOrEqual(first + 1);
      nodes.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) return nodes;
      after = page.pageInfo.endCursor;
    }
    throw new Error('more than 100 pages');
  };
  const municipalities = [...new Set(world.households.map((household) => household.municipality))].sort();

  it('lists a municipality page by page through the index: the same households as the walked listings, in the caller\'s own order', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...municipalities), fc.constantFrom(...VIEWERS), fc.integer({ min: 1, max: 9 }), async (municipality, viewer, first) => {
      const [routed, walked] = await Promise.all([walk(indexed, viewer, municipality, first), walk(fanOut, viewer, municipality, first)]);
      const byId = (nodes: { id: string }[]) => [...nodes].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(byId(routed)).toEqual(byId(walked));
      expect(new Set(routed.map((node) => node.id)).size).toBe(routed.length);
    }), { numRuns: 12 });
  }, 120_000);

  it('a page through the index fetches only its records (no listing walk), and its cursors are the caller\'s own', async () => {
    const viewer = VIEWERS[0];
    const before = upstreamCalls(indexed);
    const response = await indexed.query(viewer, LIST, { municipality: 'Groningen', first: 5, after: null });
    const page = response.body.data?.households as Page;
    expect(page.edges).toHaveLength(5);
    const spent = [...upstreamCalls(indexed)].reduce((sum, [agency, count]) => sum + count - (before.get(agency) ?? 0), 0);
    const fanBefore = upstreamCalls(fanOut);
    await fanOut.query(viewer, LIST, { municipality: 'Groningen', first: 5, after: null });
    const fanSpent = [...upstreamCalls(fanOut)].reduce((sum, [agency, count]) => sum + count - (fanBefore.get(agency) ?? 0), 0);
    expect(spent, `index ${spent} calls, walked listings ${fanSpent}`).toBeLessThan(fanSpent);
    // Another organisation's cursor is a position in its own order, and a household id is no index cursor.
    const other = await indexed.query(VIEWERS[1], LIST, { municipality: 'Groningen', first: 5, after: null });
    const theirs = (other.body.data?.households as Page).edges.map((edge) => edge.cursor);
    expect(theirs).not.toEqual(page.edges.map((edge) => edge.cursor));
    const refused = await indexed.query(viewer, LIST, { municipality: 'Groningen', first: 5, after: page.edges[0]!.node.id });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  }, 60_000);

  // Last: it takes the index away from the gateway for good.
  it('answers as without an index when the index cannot be read (its file gone): it saves calls, it never decides', async () => {
    await indexed.gateway.services.involvementIndex!.store.close();
    const viewer = VIEWERS[0];
    const [routed, fanned] = await Promise.all([walk(indexed, viewer, 'Groningen', 20), walk(fanOut, viewer, 'Groningen', 20)]);
    expect(routed).toEqual(fanned);
    const bsn = persons[0]!;
    const [person, fannedPerson] = await Promise.all([indexed.query(viewer, QUERY, { bsn }), fanOut.query(viewer, QUERY, { bsn })]);
    expect(person.body.errors).toBeUndefined();
    expect(person.body.data).toEqual(fannedPerson.body.data);
  }, 60_000);
});
