/**
 * The police's change feed (issue 12) over real HTTP to the runnable mock: the daily delta export read
 * through householdChanges, the changed zorgmeldingen fetched by number and mapped as listHouseholds maps
 * them. Testers' additions and removals, and what the inbound operations file, show as changes; a page
 * costs the delta call, one export batch and the key mapping, whatever its size.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPolitieMock } from '#adapters/politie/mock.ts';
import { parseDelta } from '#adapters/politie/parse-delta.ts';
import type { HouseholdChange } from '#kit/contract.ts';
import type { MockRecordControl, MockServer } from '#mock-world/mock-server.ts';
import { createWorld, WORLD_AGENCIES, type WorldHousehold } from '#mock-world/index.ts';
import { answer, feedback } from '../act-deliveries.ts';
import { descriptor as POLITIE, politieAdapter, scope, type TestAdapter } from './context.ts';
import { expectedHousehold, politieCaseOf } from './world-records.ts';

const world = createWorld();
// Generated households the mock's world does not hold (it has the scenarios only): their ids, BSNs and keys are new to it.
const generated = createWorld({ households: 80 }).households.filter((household) => household.key.startsWith('hh-'));
const fresh = generated.filter((household) => household.cases[WORLD_AGENCIES.politie]);
const notPolice = generated.find((household) => !household.cases[WORLD_AGENCIES.politie])!;
const scenario = (key: string) => world.households.find((household) => household.key === key)!;
const nummerOf = (household: WorldHousehold) => politieCaseOf(household).householdLocalId;

let mock: MockServer;
let records: MockRecordControl;
let t: TestAdapter;
let small: TestAdapter;
beforeAll(async () => {
  mock = await startPolitieMock({ world });
  records = mock.records!;
  t = politieAdapter(mock.url);
  small = politieAdapter(mock.url, { changesPageSize: 2 });
});
afterAll(async () => {
  await Promise.all([t.close(), small.close()]);
  await mock.close();
});

const stand = async () => (await t.adapter.householdChanges!(null, scope())).cursor;
const changesFrom = (cursor: string) => t.adapter.householdChanges!(cursor, scope());

describe('politie householdChanges against its mock', () => {
  it('a null cursor answers where the delta export stands, and no changes', async () => {
    const before = mock.requestCount();
    expect(await t.adapter.householdChanges!(null, scope())).toEqual({ changes: [], cursor: '1', more: false });
    expect(mock.requestCount() - before).toBe(1);
    expect(await changesFrom('1')).toEqual({ changes: [], cursor: '1', more: false });
  });

  it('an added household is reported with its members\' BSNs, and the listing and the BSN lookup find it', async () => {
    const household = fresh[0]!;
    const from = await stand();
    expect(records.addHousehold(household)).toBe(nummerOf(household));
    expect(records.addHousehold(notPolice)).toBeNull();
    const page = await changesFrom(from);
    expect(page).toEqual({ changes: [{ householdLocalId: nummerOf(household), household: expectedHousehold(household) }], cursor: String(Number(from) + 1), more: false });
    expect(page.changes[0]!.household!.members.map((member) => member.bsn)).toEqual(politieCaseOf(household).memberBsns);
    expect(await t.adapter.listHouseholds([household.municipality], scope())).toContainEqual(expectedHousehold(household));
    const bsns = politieCaseOf(household).memberBsns;
    expect(await t.adapter.createLoaders(scope()).householdsByBsn.loadMany(bsns)).toEqual(bsns.map(() => [expectedHousehold(household)]));
  });

  it('a removed household is reported as null, and no listing or lookup finds it any more', async () => {
    for (const household of [fresh[0]!, scenario('scenario-3')]) {
      const from = await stand();
      expect(records.removeHousehold(nummerOf(household))).toBe(true);
      expect(records.removeHousehold(nummerOf(household))).toBe(false);
      expect((await changesFrom(from)).changes).toEqual([{ householdLocalId: nummerOf(household), household: null }]);
      const listed = await t.adapter.listHouseholds([household.municipality], scope());
      expect(listed.map((record) => record.localId)).not.toContain(nummerOf(household));
      const loaders = t.adapter.createLoaders(scope());
      expect(await loaders.household.load(nummerOf(household))).toBeNull();
      expect(await loaders.report.load(nummerOf(household))).toBeNull();
      expect(await loaders.householdsByBsn.loadMany(politieCaseOf(household).memberBsns)).toEqual(politieCaseOf(household).memberBsns.map(() => []));
    }
  });

  it('what an inbound act files on a zorgmelding is a change of its household, once per act', async () => {
    const household = scenario('scenario-2');
    const from = await stand();
    // Feedback from an organisation it was not referred to moves no column: filed on the zorgmelding all the same.
    await t.adapter.deliver!(feedback('bjz-groningen', POLITIE.id, { actId: 'chg-1', senderReference: nummerOf(household), feedback: { phaseCategory: null, receivingAgencyId: null, receivingCareProvider: null } }), scope());
    const afterFeedback = await changesFrom(from);
    expect(afterFeedback.changes).toEqual([{ householdLocalId: nummerOf(household), household: expectedHousehold(household) }]);
    await t.adapter.deliver!(answer('amk-groningen', POLITIE.id, { actId: 'chg-2', senderReference: nummerOf(household) }), scope());
    await t.adapter.deliver!(answer('amk-groningen', POLITIE.id, { actId: 'chg-2', senderReference: nummerOf(household) }), scope());
    await t.adapter.deliver!(answer('amk-groningen', POLITIE.id, { actId: 'chg-3', senderReference: 'ZM-onbekend' }), scope());
    const afterAnswer = await changesFrom(afterFeedback.cursor);
    expect(afterAnswer).toEqual({ changes: [{ householdLocalId: nummerOf(household), household: expectedHousehold(household) }], cursor: String(Number(afterFeedback.cursor) + 1), more: false });
  });

  it('pages: oldest first, several changes of one household in a page collapsed to its latest state, more until the end', async () => {
    const [a, b, c, d, e] = fresh.slice(1, 6) as [WorldHousehold, WorldHousehold, WorldHousehold, WorldHousehold, WorldHousehold];
    const from = await stand();
    for (const household of [a, b, c, d, e]) records.addHousehold(household);
    records.removeHousehold(nummerOf(b));
    records.addHousehold(a);
    // Mutaties now: a b c d e -b a; pages of two: [a b] [c d] [e -b] [a].
    const pages: HouseholdChange[][] = [];
    let cursor = from;
    for (let more = true; more;) {
      const before = mock.requestCount();
      const page = await small.adapter.householdChanges!(cursor, scope());
      // The delta, one export batch and one key mapping at most, however many households the page holds.
      expect(mock.requestCount() - before).toBeLessThanOrEqual(3);
      pages.push([...page.changes]);
      ({ cursor, more } = page);
    }
    const ids = (page: readonly HouseholdChange[]) => page.map((change) => [change.householdLocalId, change.household === null ? 'removed' : 'held']);
    expect(pages.map(ids)).toEqual([
      [[nummerOf(a), 'held'], [nummerOf(b), 'removed']],
      [[nummerOf(c), 'held'], [nummerOf(d), 'held']],
      [[nummerOf(e), 'held'], [nummerOf(b), 'removed']],
      [[nummerOf(a), 'held']],
    ]);
    expect(pages[1]).toEqual([c, d].map((household) => ({ householdLocalId: nummerOf(household), household: expectedHousehold(household) })));
    expect(cursor).toBe(String(Number(from) + 7));

    // The same mutaties in one page of the default size: each household once, in the place of its latest change.
    const before = mock.requestCount();
    const whole = await changesFrom(from);
    expect(mock.requestCount() - before).toBe(3);
    expect(whole.changes).toEqual([c, d, e, b, a].map((household) => ({
      householdLocalId: nummerOf(household), household: household === b ? null : expectedHousehold(household),
    })));
    expect([whole.cursor, whole.more]).toEqual([cursor, false]);
  });

  it('a large page costs the delta, one export batch and the key mapping per 100 persons', async () => {
    const many = fresh.slice(6);
    expect(many.length).toBeGreaterThan(10);
    const from = await stand();
    for (const household of many) records.addHousehold(household);
    const persons = new Set(many.flatMap((household) => politieCaseOf(household).memberBsns)).size;
    const before = mock.requestCount();
    const page = await changesFrom(from);
    expect(mock.requestCount() - before).toBe(1 + 1 + Math.ceil(persons / 100));
    expect(page.changes).toEqual(many.map((household) => ({ householdLocalId: nummerOf(household), household: expectedHousehold(household) })));
  });

  it.each([
    ['malformed', 'gisteren'],
    ['zero', '0'],
    ['from the future', '999999'],
  ])('a cursor the police never gave (%s) is refused: a permanent AdapterError', async (_name, cursor) => {
    await expect(changesFrom(cursor)).rejects.toMatchObject({ name: 'AdapterError', code: 'UPSTREAM_BAD_RESPONSE', status: 400, permanent: true });
  });
});

describe('parseDelta refuses a delta answer the feed could lose its place on', () => {
  const row = (mutatienummer: string, soort = 'gewijzigd') => ({ mutatienummer, registratienummer: 'ZM-2026-000001', soort });

  it('reads rows and headers', () => {
    expect(parseDelta([row('5'), row('6', 'verwijderd')], '7', 'J', '5')).toEqual({
      mutaties: [{ mutatienummer: 5, registratienummer: 'ZM-2026-000001', soort: 'gewijzigd' }, { mutatienummer: 6, registratienummer: 'ZM-2026-000001', soort: 'verwijderd' }],
      volgendeVanaf: 7, meer: true,
    });
    expect(parseDelta([], '5', 'N', null)).toEqual({ mutaties: [], volgendeVanaf: 5, meer: false });
  });

  it.each([
    ['a row before the position asked', [row('4')], '5', 'N', '5'],
    ['rows out of order', [row('6'), row('5')], '7', 'N', '5'],
    ['an unknown soort', [row('5', 'aangepast')], '6', 'N', '5'],
    ['no next position', [row('5')], undefined, 'N', '5'],
    ['a next position behind the last row', [row('5'), row('6')], '6', 'N', '5'],
    ['a next position behind the one asked', [], '4', 'N', '5'],
    ['no J or N', [row('5')], '6', 'ja', '5'],
    ['more after an empty page', [], '5', 'J', '5'],
  ] as const)('%s', (_name, rows, next, meer, vanaf) => {
    expect(() => parseDelta(rows, next, meer, vanaf)).toThrow(/delta/);
  });
});
