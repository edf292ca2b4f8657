/**
 * The AMK's change feed (issue 12) over real HTTP to the runnable mock: HaalWijzigingenOp through the
 * adapter's householdChanges. A null cursor is where the feed stands; households testers register or
 * remove in the running mock, and what the inbound operations file on a zaak, come back as changes with
 * the zaak as it stands now (null once removed); pages are bounded and each costs one feed call and one
 * HaalZakenOp; a volgnummer the AMK never gave out is refused for good. One mock per test, so positions
 * start at 0.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAmkAdapter } from '#adapters/amk/index.ts';
import { startAmkMock } from '#adapters/amk/mock.ts';
import type { AgencyAdapter, AgencyDescriptor } from '#kit/contract.ts';
import { AdapterError } from '#kit/errors.ts';
import type { MockRecordControl, MockServer } from '#mock-world/mock-server.ts';
import { WORLD_AGENCIES, WORLD_AGENCY_CODES, WORLD_ORGANISATIONS, createWorld, type WorldHousehold } from '#mock-world/index.ts';
import { bsnFromSerial } from '#mock-world/random.ts';
import { answer, handover } from '../act-deliveries.ts';
import { AMK, CREDENTIALS, testContext, testHttp, testScope } from './context.ts';
import { expectedHousehold } from './world-expectations.ts';

const world = createWorld();
const SCENARIO_1 = world.households.find((household) => household.scenario === 1)!;
const SCENARIO_1_ZAAK = SCENARIO_1.cases[WORLD_AGENCIES.amk]!;
const VT_DRENTHE: AgencyDescriptor = { id: WORLD_ORGANISATIONS.vtDrenthe, kind: 'VEILIG_THUIS', name: 'Veilig Thuis Drenthe', region: 'drenthe' };

/**
 * Scenario 1's household as a new one filed under `agencyId`: fresh BSNs (serials far above the generated
 * population's) and ids no fixture uses (`AMK-T-…`).
 */
function newHousehold(n: number, agencyId: string = WORLD_AGENCIES.amk): WorldHousehold {
  const bsn = new Map(SCENARIO_1.members.map((member, index) => [member.bsn, bsnFromSerial(8_000_000 + n * 10 + index)]));
  const renamed = (old: string) => bsn.get(old) ?? old;
  const suffix = String(n).padStart(4, '0');
  const zaak = SCENARIO_1_ZAAK;
  return {
    ...SCENARIO_1, key: `test-${n}`, scenario: null,
    members: SCENARIO_1.members.map((member) => ({ ...member, bsn: renamed(member.bsn) })),
    cases: {
      [agencyId]: {
        ...zaak, householdLocalId: `AMK-T-${suffix}`, memberBsns: zaak.memberBsns.map(renamed),
        children: zaak.children.map((child) => ({ ...child, bsn: renamed(child.bsn) })),
        reports: zaak.reports.map((report, index) => ({
          ...report, localId: `AMK-M-T-${suffix}-${index + 1}`,
          childInvolvement: report.childInvolvement.map((child) => ({ ...child, bsn: renamed(child.bsn) })),
        })),
      },
    },
  };
}

let mock: MockServer;
let records: MockRecordControl;
const adapters: AgencyAdapter[] = [];

function adapterFor(server: MockServer = mock, options: { changesPageSize?: number; agency?: AgencyDescriptor } = {}): AgencyAdapter {
  const adapter = createAmkAdapter(testContext(testHttp(server.url), options.agency ?? AMK), {
    credentials: CREDENTIALS, agencyCodes: WORLD_AGENCY_CODES,
    ...(options.changesPageSize ? { changesPageSize: options.changesPageSize } : {}),
  });
  adapters.push(adapter);
  return adapter;
}

/** Registers households 1..count; answers their zaak ids. */
function addHouseholds(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, index) => records.addHousehold(newHousehold(from + index))!);
}

beforeEach(async () => {
  mock = await startAmkMock({ world });
  records = mock.records!;
});
afterEach(async () => {
  await Promise.all(adapters.splice(0).map((adapter) => adapter.close()));
  await mock.close();
});

describe('the AMK change feed: position and records changed by testers', () => {
  it('a null cursor answers where the feed stands and no changes; asking from there answers nothing new', async () => {
    const amk = adapterFor();
    expect(await amk.householdChanges!(null, testScope())).toEqual({ changes: [], cursor: '0', more: false });
    expect(await amk.householdChanges!('0', testScope())).toEqual({ changes: [], cursor: '0', more: false });
    addHouseholds(1, 3);
    expect(await amk.householdChanges!(null, testScope())).toEqual({ changes: [], cursor: '3', more: false });
  });

  it('a registered household is reported as it stands, with its members\' BSNs, and listings and lookups find it', async () => {
    const amk = adapterFor();
    const { cursor } = await amk.householdChanges!(null, testScope());
    const household = newHousehold(1);
    const zaak = household.cases[WORLD_AGENCIES.amk]!;
    expect(records.addHousehold(household)).toBe('AMK-T-0001');
    const page = await amk.householdChanges!(cursor, testScope());
    expect(page).toEqual({ changes: [{ householdLocalId: 'AMK-T-0001', household: expectedHousehold(household, zaak) }], cursor: '1', more: false });
    expect(page.changes[0]?.household?.members.map((member) => member.bsn)).toEqual(zaak.memberBsns);
    expect(await amk.householdChanges!(page.cursor, testScope())).toEqual({ changes: [], cursor: '1', more: false });

    const listed = await amk.listHouseholds([household.municipality], testScope());
    expect(listed.filter((record) => record.localId === 'AMK-T-0001')).toEqual([expectedHousehold(household, zaak)]);
    const loaders = amk.createLoaders(testScope());
    expect(await loaders.householdsByBsn.load(zaak.memberBsns[0]!)).toEqual([expectedHousehold(household, zaak)]);
    expect((await loaders.reportsByHousehold.load('AMK-T-0001')).map((report) => report.localId)).toEqual(['AMK-M-T-0001-1']);
  });

  it('a household the organisation has no case on is not registered and changes nothing', async () => {
    const amk = adapterFor();
    const other = { ...newHousehold(2), cases: {} };
    expect(records.addHousehold(other)).toBeNull();
    expect(await amk.householdChanges!('0', testScope())).toEqual({ changes: [], cursor: '0', more: false });
  });

  it('a removed household is reported as null and no listing or lookup finds it or what hung off it', async () => {
    const amk = adapterFor();
    const id = SCENARIO_1_ZAAK.householdLocalId;
    expect(records.removeHousehold(id)).toBe(true);
    expect(records.removeHousehold(id)).toBe(false);
    expect(records.removeHousehold('AMK-1999-0000')).toBe(false);
    expect(await amk.householdChanges!('0', testScope())).toEqual({ changes: [{ householdLocalId: id, household: null }], cursor: '1', more: false });

    const listed = await amk.listHouseholds([SCENARIO_1.municipality], testScope());
    expect(listed.map((record) => record.localId)).not.toContain(id);
    const loaders = amk.createLoaders(testScope());
    expect(await loaders.household.load(id)).toBeNull();
    expect(await loaders.household.loadMany([id, 'AMK-2026-0077'])).toMatchObject([null, { localId: 'AMK-2026-0077' }]);
    for (const bsn of SCENARIO_1_ZAAK.memberBsns) expect(await loaders.householdsByBsn.load(bsn)).toEqual([]);
    expect(await loaders.reportsByHousehold.load(id)).toEqual([]);
    expect(await loaders.report.load(SCENARIO_1_ZAAK.reports[0]!.localId)).toBeNull();
  });

  it('changes to one household within a page become one, its latest: registered then removed is null', async () => {
    const amk = adapterFor();
    const [first, second] = addHouseholds(1, 2);
    records.addHousehold(newHousehold(1)); // registered again: replaced, one more change
    records.removeHousehold(second!);
    const page = await amk.householdChanges!('0', testScope());
    expect(page.changes.map((change) => [change.householdLocalId, change.household?.localId ?? null])).toEqual([[first, first], [second, null]]);
    expect(page).toMatchObject({ cursor: '4', more: false });
    expect(await amk.createLoaders(testScope()).householdsByBsn.load(newHousehold(1).members[0]!.bsn)).toHaveLength(1);
  });
});

describe('the AMK change feed: what the inbound operations file', () => {
  it('an answer filed on a zaak is a change of that zaak; a handover is a change of the zaak it opens', async () => {
    const amk = adapterFor();
    const { cursor } = await amk.householdChanges!(null, testScope());
    await amk.deliver!(answer('bjz-groningen', AMK.id, { actId: 'changes-1', senderReference: SCENARIO_1_ZAAK.reports[0]!.localId }), testScope());
    const answered = await amk.householdChanges!(cursor, testScope());
    expect(answered).toEqual({
      changes: [{ householdLocalId: SCENARIO_1_ZAAK.householdLocalId, household: expectedHousehold(SCENARIO_1, SCENARIO_1_ZAAK) }],
      cursor: '1', more: false,
    });

    const { receiverReference } = await amk.deliver!(handover({ actId: 'changes-2' }), testScope());
    const handedOver = await amk.householdChanges!(answered.cursor, testScope());
    // One act is one change, however many records it filed (the zaak, its melding, its overdracht).
    expect(handedOver.changes).toEqual([{ householdLocalId: receiverReference, household: expect.objectContaining({ localId: receiverReference, municipality: 'Groningen' }) }]);
    expect(handedOver.cursor).toBe('2');
    // A repeated delivery files nothing, so changes nothing.
    await amk.deliver!(handover({ actId: 'changes-2' }), testScope());
    expect(await amk.householdChanges!(handedOver.cursor, testScope())).toEqual({ changes: [], cursor: '2', more: false });
  });
});

describe('the AMK change feed: pages and their cost', () => {
  it('pages through more changes than one page, oldest first, one feed call and one HaalZakenOp a page', async () => {
    const amk = adapterFor(mock, { changesPageSize: 2 });
    const ids = addHouseholds(1, 5);
    const seen: string[] = [];
    const pages: { more: boolean; calls: number }[] = [];
    let cursor = '0';
    for (let more = true; more;) {
      const before = mock.requestCount();
      const page = await amk.householdChanges!(cursor, testScope());
      pages.push({ more: page.more, calls: mock.requestCount() - before });
      for (const change of page.changes) {
        expect(change.household?.localId).toBe(change.householdLocalId);
        seen.push(change.householdLocalId);
      }
      ({ cursor, more } = page);
    }
    expect(seen).toEqual(ids);
    expect(pages).toEqual([{ more: true, calls: 2 }, { more: true, calls: 2 }, { more: false, calls: 2 }]);
    expect(cursor).toBe('5');
  });

  it('a full page of the default size is read back with one HaalZakenOp; removals alone need none', async () => {
    const amk = adapterFor();
    const ids = addHouseholds(1, 30);
    let before = mock.requestCount();
    const first = await amk.householdChanges!('0', testScope());
    expect(mock.requestCount() - before).toBe(2);
    expect(first).toMatchObject({ cursor: '25', more: true });
    expect(first.changes.map((change) => change.householdLocalId)).toEqual(ids.slice(0, 25));
    expect(first.changes.every((change) => change.household !== null)).toBe(true);
    const second = await amk.householdChanges!(first.cursor, testScope());
    expect(second.changes.map((change) => change.householdLocalId)).toEqual(ids.slice(25));
    expect(second).toMatchObject({ cursor: '30', more: false });

    for (const id of ids.slice(0, 3)) records.removeHousehold(id);
    before = mock.requestCount();
    expect(await amk.householdChanges!(second.cursor, testScope())).toEqual({
      changes: ids.slice(0, 3).map((id) => ({ householdLocalId: id, household: null })), cursor: '33', more: false,
    });
    expect(mock.requestCount() - before).toBe(1);
  });
});

describe('the AMK change feed: cursors it does not know', () => {
  it.each([
    ['malformed', 'volgnummer-7', 400],
    ['from the future', '999', 404],
    ['negative', '-1', 400],
  ])('a %s cursor is refused by the AMK, and the adapter rejects for good', async (_name, cursor, status) => {
    const amk = adapterFor();
    const failure = await amk.householdChanges!(cursor, testScope()).then(() => null, (error: unknown) => error);
    expect(failure).toBeInstanceOf(AdapterError);
    expect(failure).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', permanent: true, status, agency: AMK.id });
  });
});

describe('the AMK change feed per organisation', () => {
  it('a Veilig Thuis mock keeps its own feed: it files only households with its case, under its own owner', async () => {
    const vt = await startAmkMock({ world, agencyId: VT_DRENTHE.id });
    try {
      const household = newHousehold(7, VT_DRENTHE.id);
      expect(vt.records!.addHousehold(newHousehold(8))).toBeNull();
      expect(vt.records!.addHousehold(household)).toBe('AMK-T-0007');
      const page = await adapterFor(vt, { agency: VT_DRENTHE }).householdChanges!('0', testScope());
      const owner = { agencyId: VT_DRENTHE.id, kind: VT_DRENTHE.kind, region: VT_DRENTHE.region };
      expect(page).toEqual({
        changes: [{ householdLocalId: 'AMK-T-0007', household: expectedHousehold(household, household.cases[VT_DRENTHE.id]!, owner) }],
        cursor: '1', more: false,
      });
      expect(await adapterFor().householdChanges!(null, testScope())).toMatchObject({ cursor: '0' });
    } finally {
      await vt.close();
    }
  });
});
