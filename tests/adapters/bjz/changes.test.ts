/**
 * BJZ's wijzigingen as the adapter's change feed (issue 12), over real HTTP to the runnable mock: the
 * position, a gezin registered or removed through the mock's record control, an aanmelding received, pages,
 * a cursor BJZ does not know, and how many calls a page costs. One mock per test, so positions start at 0.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startBjzMock } from '#adapters/bjz/mock.ts';
import type { AgencyDescriptor } from '#kit/contract.ts';
import { AdapterError } from '#kit/errors.ts';
import type { BjzOptions } from '#adapters/bjz/index.ts';
import { WORLD_ORGANISATIONS, createWorld, type WorldHousehold } from '#mock-world/index.ts';
import type { MockRecordControl, MockServer } from '#mock-world/mock-server.ts';
import { bsnFromSerial, politieKeyFor } from '#mock-world/random.ts';
import { policeReferral } from '../act-deliveries.ts';
import { DRENTHE, ORGANISATION_WORLD } from '../organisation-world.ts';
import { bjzHouseholds, expectedHousehold } from './expected.ts';
import { BJZ, createTestAdapter, createTestContext, scope, type TestContext } from './test-context.ts';

const world = createWorld();
// Scenario 3: Lisa Hendriks, BJZ's client in gezin bjz-gezin-7f3a, with aanmelding bjz-aanmelding-5120.
const SCENARIO_3 = bjzHouseholds(world).find((entry) => entry.household.scenario === 3)!;
const LISA_BSN = bsnFromSerial(22);
const GI_NOORD: AgencyDescriptor = {
  id: WORLD_ORGANISATIONS.giNoord, kind: 'CERTIFIED_INSTITUTION', name: 'Jeugdbescherming Noord', region: 'noord-nederland',
};

const running: { mock: MockServer; test: TestContext }[] = [];

async function start(adapterOptions: Partial<BjzOptions> = {}, agency: AgencyDescriptor = BJZ) {
  const mock = await startBjzMock(agency === BJZ ? { world } : { world: ORGANISATION_WORLD, agencyId: agency.id });
  const test = createTestContext({ baseUrl: mock.url, agency });
  running.push({ mock, test });
  return { mock, records: mock.records!, adapter: createTestAdapter(test, adapterOptions) };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map(async ({ mock, test }) => {
    await test.http.close();
    await mock.close();
  }));
});

/**
 * A household the fixtures do not hold: a copy of `from` with new members (BSNs from serial 9_500_000 up,
 * far from the world's and the other tests') and ids of its own, its case filed under `agencyId`.
 */
function freshHousehold(from: WorldHousehold, agencyId: string, n: number): WorldHousehold {
  const source = Object.values(from.cases)[0]!;
  const bsnOf = new Map(from.members.map((member, index) => [member.bsn, bsnFromSerial(9_500_000 + n * 20 + index)]));
  const renamed = (bsn: string) => bsnOf.get(bsn)!;
  return {
    ...from, key: `changes-test-${n}`, scenario: null,
    members: from.members.map((member) => ({ ...member, bsn: renamed(member.bsn), politieKey: politieKeyFor(renamed(member.bsn)) })),
    cases: {
      [agencyId]: {
        ...source, householdLocalId: `${agencyId}-gezin-test-${n}`,
        memberBsns: source.memberBsns.map(renamed),
        children: source.children.map((child) => ({ ...child, bsn: renamed(child.bsn) })),
        reports: [],
        referrals: source.referrals.map((referral, index) => ({ ...referral, localId: `${agencyId}-aanmelding-test-${n}-${index}`, reportLocalId: null })),
      },
    },
  };
}

const added = (records: MockRecordControl, n: number, agencyId = BJZ.id) => {
  const household = freshHousehold(SCENARIO_3.household, agencyId, n);
  const id = records.addHousehold(household);
  if (id === null) throw new Error('the mock would not hold the test household');
  return { id, household, expected: expectedHousehold({ household, bjzCase: household.cases[agencyId]! }) };
};

async function rejectionOf(run: () => Promise<unknown>): Promise<AdapterError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AdapterError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('the BJZ change feed (GET /v2/wijzigingen) through the adapter', () => {
  it('a null cursor answers the position and no changes; from there nothing changed yet', async () => {
    const { adapter } = await start();
    const first = await adapter.householdChanges!(null, scope());
    expect(first).toEqual({ changes: [], cursor: expect.any(String), more: false });
    expect(await adapter.householdChanges!(first.cursor, scope())).toEqual({ changes: [], cursor: first.cursor, more: false });
  });

  it('a registered gezin is reported as it stands, with its members\' BSNs, and the listing and the BSN search find it', async () => {
    const { adapter, records } = await start();
    const { cursor } = await adapter.householdChanges!(null, scope());
    const { id, household, expected } = added(records, 1);
    expect(id).toBe('bjz-groningen-gezin-test-1');
    const page = await adapter.householdChanges!(cursor, scope());
    expect(page).toEqual({ changes: [{ householdLocalId: id, household: expected }], cursor: expect.any(String), more: false });
    expect(page.changes[0]?.household?.members.map((member) => member.bsn)).toEqual(household.cases[BJZ.id]!.memberBsns);
    expect(page.cursor).not.toBe(cursor);
    const listed = await adapter.listHouseholds([household.municipality], scope());
    // Mapped exactly as the listing maps it.
    expect(listed.filter((record) => record.localId === id)).toEqual([page.changes[0]?.household]);
    const loaders = adapter.createLoaders(scope());
    for (const bsn of household.cases[BJZ.id]!.memberBsns) expect(await loaders.householdsByBsn.load(bsn)).toEqual([expected]);
    expect((await loaders.referralsByHousehold.load(id)).map((referral) => referral.localId)).toEqual(['bjz-groningen-aanmelding-test-1-0']);
    expect(await adapter.householdChanges!(page.cursor, scope())).toEqual({ changes: [], cursor: page.cursor, more: false });
  });

  it('a removed gezin is reported as null, and no listing or lookup finds it or its aanmeldingen any more', async () => {
    const { adapter, records } = await start();
    const id = SCENARIO_3.bjzCase.householdLocalId;
    const { cursor } = await adapter.householdChanges!(null, scope());
    expect(records.removeHousehold(id)).toBe(true);
    expect(records.removeHousehold(id)).toBe(false);
    expect(records.removeHousehold('bjz-gezin-onbekend')).toBe(false);
    expect((await adapter.householdChanges!(cursor, scope())).changes).toEqual([{ householdLocalId: id, household: null }]);
    expect((await adapter.listHouseholds([SCENARIO_3.household.municipality], scope())).map((record) => record.localId)).not.toContain(id);
    const loaders = adapter.createLoaders(scope());
    expect(await Promise.all([
      loaders.householdsByBsn.load(LISA_BSN), loaders.household.load(id), loaders.childrenByHousehold.load(id),
      loaders.referralsByHousehold.load(id), loaders.referral.load('bjz-aanmelding-5120'),
    ])).toEqual([[], null, [], [], null]);
  });

  it('an aanmelding received on a gezin BJZ knows, and one that registers a new gezin, are changes of those gezinnen', async () => {
    const { adapter } = await start();
    const { cursor } = await adapter.householdChanges!(null, scope());
    await adapter.deliver!(policeReferral(BJZ.id, {
      actId: 'changes-known', members: [], children: [{ type: 'Child', values: { 'Child.name': 'Lisa Hendriks', 'Child.bsn': LISA_BSN } }],
    }), scope());
    const newFamily = policeReferral(BJZ.id, {
      actId: 'changes-new', members: [],
      children: [{ type: 'Child', values: { 'Child.name': 'Daan Bakker', 'Child.bsn': bsnFromSerial(9_600_001), 'Child.birthDate': '2014-02-03' } }],
    });
    const { receiverReference } = await adapter.deliver!(newFamily, scope());
    const page = await adapter.householdChanges!(cursor, scope());
    expect(page.changes).toEqual([
      { householdLocalId: SCENARIO_3.bjzCase.householdLocalId, household: expectedHousehold(SCENARIO_3) },
      { householdLocalId: `${receiverReference}-gezin`, household: expect.objectContaining({ localId: `${receiverReference}-gezin`, municipality: 'Groningen' }) },
    ]);
    // The same act again stores nothing new, so nothing changed.
    await adapter.deliver!(newFamily, scope());
    expect((await adapter.householdChanges!(page.cursor, scope())).changes).toEqual([]);
  });

  it('pages: oldest change first, `more` until the last page; several changes of one gezin in a page become its latest', async () => {
    const { adapter, records } = await start({ changesPageSize: 2 });
    let { cursor } = await adapter.householdChanges!(null, scope());
    const ids = [1, 2, 3, 4, 5].map((n) => added(records, n).id);
    records.removeHousehold(ids[4]!);
    const pages: { ids: string[]; more: boolean }[] = [];
    for (let more = true; more;) {
      const page = await adapter.householdChanges!(cursor, scope());
      pages.push({ ids: page.changes.map((change) => change.householdLocalId), more: page.more });
      ({ cursor, more } = page);
    }
    // Six changes in pages of two: the fifth gezin's two (registered, removed) are one, as removed.
    expect(pages).toEqual([{ ids: ids.slice(0, 2), more: true }, { ids: ids.slice(2, 4), more: true }, { ids: [ids[4]], more: false }]);
    const wide = createTestAdapter(running[0]!.test, { changesPageSize: 10 });
    const position = await wide.householdChanges!(null, scope());
    added(records, 6);
    added(records, 7);
    records.removeHousehold('bjz-groningen-gezin-test-6');
    const page = await wide.householdChanges!(position.cursor, scope());
    // Collapsed to its latest change, in that change's place.
    expect(page.changes.map((change) => [change.householdLocalId, change.household === null])).toEqual([
      ['bjz-groningen-gezin-test-7', false], ['bjz-groningen-gezin-test-6', true],
    ]);
  });

  it('a cursor BJZ never handed out is refused: malformed or ahead of its log, a permanent AdapterError', async () => {
    const { adapter } = await start();
    const future = Buffer.from(JSON.stringify({ na: 99 })).toString('base64url');
    for (const cursor of ['nonsense', '%%%', future, Buffer.from(JSON.stringify({ na: -1 })).toString('base64url')]) {
      const error = await rejectionOf(() => adapter.householdChanges!(cursor, scope()));
      expect(error).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', status: 400, permanent: true, agency: BJZ.id });
    }
  });

  it('a page costs one call for the wijzigingen and one search per batch of gezinnen, never one per gezin', async () => {
    const { adapter, records, mock } = await start({ maxBatchSize: 2, changesPageSize: 10 });
    const before = mock.requestCount();
    const { cursor } = await adapter.householdChanges!(null, scope());
    // The first call also fetched the token.
    expect(mock.requestCount() - before).toBe(2);
    for (const n of [1, 2, 3, 4, 5]) added(records, n);
    records.removeHousehold('bjz-groningen-gezin-test-5');
    const counted = mock.requestCount();
    const page = await adapter.householdChanges!(cursor, scope());
    expect(page.changes).toHaveLength(5);
    // Four gezinnen still held, in batches of two; the removed one needs no search.
    expect(mock.requestCount() - counted).toBe(1 + 2);
    const quiet = mock.requestCount();
    await adapter.householdChanges!(page.cursor, scope());
    expect(mock.requestCount() - quiet).toBe(1);
  });

  it('works per organisation: the mock started for Jeugdbescherming Noord logs its own gezinnen and holds no other\'s', async () => {
    const { adapter, records } = await start({}, GI_NOORD);
    const { cursor } = await adapter.householdChanges!(null, scope());
    expect(records.addHousehold(freshHousehold(SCENARIO_3.household, BJZ.id, 8))).toBeNull();
    const household = freshHousehold(DRENTHE, GI_NOORD.id, 9);
    const id = records.addHousehold(household);
    expect(id).toBe('jeugdbescherming-noord-gezin-test-9');
    const page = await adapter.householdChanges!(cursor, scope());
    const owner = { agencyId: GI_NOORD.id, kind: GI_NOORD.kind, region: GI_NOORD.region };
    expect(page.changes).toEqual([{ householdLocalId: id, household: expectedHousehold({ household, bjzCase: household.cases[GI_NOORD.id]!, owner }) }]);
  });
});
