/**
 * The ASHG's change feed end to end (issue 12): the mock's record control changes dossiers, the mock's
 * `GET /api/v1/dossiers/wijzigingen` numbers the changes, and the adapter's householdChanges reports each
 * changed dossier as it stands now, fetched with the batch lookup.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyAdapter, HouseholdChange } from '#kit/contract.ts';
import type { MockRecordControl, MockServer } from '#mock-world/mock-server.ts';
import { createWorld, WORLD_AGENCY_CODES, type WorldHousehold } from '#mock-world/index.ts';
import { createAshgAdapter, ASHG_BATCH_LIMIT, type AshgOptions } from '#adapters/ashg/index.ts';
import { startAshgMock } from '#adapters/ashg/mock.ts';
import { testContext, testScope } from './context.ts';
import { createRecordingHttp, type RecordingHttp } from './recording-http.ts';
import { expectationsFor } from './world-expectations.ts';

const AGENCY = 'ashg-groningen';
// Households the mock's own world (the scenarios and the regional ones) does not hold.
const newcomers = createWorld({ households: 400 }).households.slice(6).filter((household) => household.cases[AGENCY] && household.scenario === null);
const opened: RecordingHttp[] = [];
let mock: MockServer;
let records: MockRecordControl;

function adapterFor(server: MockServer, options: Partial<AshgOptions> = {}): { adapter: AgencyAdapter; http: RecordingHttp } {
  const http = createRecordingHttp(server.url);
  opened.push(http);
  return { adapter: createAshgAdapter(testContext(http), { apiKey: 'ashg-dev-key', agencyCodes: WORLD_AGENCY_CODES, ...options }), http };
}

function changesOf(adapter: AgencyAdapter) {
  const feed = adapter.householdChanges;
  if (!feed) throw new Error('the ASHG adapter has a change feed');
  return (cursor: string | null) => feed(cursor, testScope());
}

/** Every change after `cursor`, page by page; the cursor it ends at. */
async function drain(adapter: AgencyAdapter, cursor: string): Promise<{ changes: HouseholdChange[]; cursor: string; pages: number }> {
  const changes: HouseholdChange[] = [];
  let at = cursor;
  for (let pages = 1; ; pages++) {
    const page = await changesOf(adapter)(at);
    changes.push(...page.changes);
    at = page.cursor;
    if (!page.more) return { changes, cursor: at, pages };
  }
}

function newcomer(index: number): WorldHousehold {
  const household = newcomers[index];
  if (!household) throw new Error(`the world has no ASHG newcomer ${index}`);
  return household;
}

function dossiernummer(household: WorldHousehold): string {
  return household.cases[AGENCY]?.householdLocalId ?? '';
}

beforeAll(async () => {
  mock = await startAshgMock();
  if (!mock.records) throw new Error('the ASHG mock has record control');
  records = mock.records;
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((http) => http.close()));
});
afterAll(() => mock.close());

describe('ASHG change feed: record control, mock and adapter', () => {
  it('has more ASHG newcomers than one batch lookup carries', () => {
    expect(newcomers.length).toBeGreaterThan(ASHG_BATCH_LIMIT + 5);
  });

  it('a null cursor answers where the feed stands and no changes; the position moves with each change', async () => {
    const { adapter } = adapterFor(mock);
    const before = await changesOf(adapter)(null);
    expect(before).toEqual({ changes: [], cursor: expect.stringMatching(/^\d+$/), more: false });
    records.addHousehold(newcomer(0));
    const after = await changesOf(adapter)(null);
    expect(after).toEqual({ changes: [], cursor: String(Number(before.cursor) + 1), more: false });
    expect(await changesOf(adapter)(after.cursor)).toEqual({ changes: [], cursor: after.cursor, more: false });
  });

  it('reports an added household as listHouseholds and the loaders then see it', async () => {
    const { adapter } = adapterFor(mock);
    const { cursor } = await changesOf(adapter)(null);
    const household = newcomer(1);
    expect(records.addHousehold(household)).toBe(dossiernummer(household));
    const expected = expectationsFor(household).household;
    const page = await changesOf(adapter)(cursor);
    expect(page).toEqual({ changes: [{ householdLocalId: dossiernummer(household), household: expected }], cursor: String(Number(cursor) + 1), more: false });
    expect(await adapter.listHouseholds([household.municipality], testScope())).toContainEqual(expected);
    expect(await adapter.createLoaders(testScope()).reportsByHousehold.load(dossiernummer(household))).toEqual(expectationsFor(household).reports);
  });

  it('reports a household changed twice once, as it stands now', async () => {
    const { adapter } = adapterFor(mock);
    const household = newcomer(2);
    records.addHousehold(household);
    const { cursor } = await changesOf(adapter)(null);
    const moved = { ...household, address: { ...household.address, street: 'Verhuisstraat' } };
    const movedAgain = { ...moved, address: { ...moved.address, houseNumber: '99' } };
    records.addHousehold(moved);
    records.addHousehold(movedAgain);
    const page = await changesOf(adapter)(cursor);
    expect(page.changes).toEqual([{ householdLocalId: dossiernummer(household), household: expectationsFor(movedAgain).household }]);
    expect(page.cursor).toBe(String(Number(cursor) + 2));
  });

  it('reports a removed household as null, and it is gone from listings and lookups with its meldingen', async () => {
    const { adapter } = adapterFor(mock);
    const household = newcomer(3);
    const id = dossiernummer(household);
    records.addHousehold(household);
    const { cursor } = await changesOf(adapter)(null);
    expect(records.removeHousehold(id)).toBe(true);
    expect(await changesOf(adapter)(cursor)).toEqual({ changes: [{ householdLocalId: id, household: null }], cursor: String(Number(cursor) + 1), more: false });
    const listed = await adapter.listHouseholds([household.municipality], testScope());
    expect(listed.map((record) => record.localId)).not.toContain(id);
    const loaders = adapter.createLoaders(testScope());
    expect(await loaders.household.load(id)).toBeNull();
    expect(await loaders.reportsByHousehold.load(id)).toEqual([]);
    const [report] = expectationsFor(household).reports;
    if (report) expect(await loaders.report.load(report.localId)).toBeNull();
  });

  it('a household removed and added again is reported as it stands at the end', async () => {
    const { adapter } = adapterFor(mock);
    const household = newcomer(4);
    const { cursor } = await changesOf(adapter)(null);
    records.addHousehold(household);
    records.removeHousehold(dossiernummer(household));
    records.addHousehold(household);
    expect((await changesOf(adapter)(cursor)).changes).toEqual([{ householdLocalId: dossiernummer(household), household: expectationsFor(household).household }]);
  });

  it('changes nothing, and numbers no change, for a household it would not hold or a dossier it does not know', async () => {
    const { adapter } = adapterFor(mock);
    const { cursor } = await changesOf(adapter)(null);
    const elsewhere = createWorld({ households: 60 }).households.find((household) => !household.cases[AGENCY]);
    if (!elsewhere) throw new Error('the world has a household without an ASHG case');
    expect(records.addHousehold(elsewhere)).toBeNull();
    expect(records.removeHousehold('D-1999-000000')).toBe(false);
    expect(await changesOf(adapter)(null)).toMatchObject({ cursor });
  });

  it('pages with `more` and fetches each page\'s dossiers at most ASHG_BATCH_LIMIT a call', async () => {
    const { adapter, http } = adapterFor(mock);
    const { cursor } = await changesOf(adapter)(null);
    const added = newcomers.slice(10, 10 + ASHG_BATCH_LIMIT + 20);
    for (const household of added) records.addHousehold(household);
    const sentBefore = http.sent.length;
    const all = await drain(adapter, cursor);
    expect(all.changes.map((change) => change.householdLocalId)).toEqual(added.map(dossiernummer));
    expect(all.changes.every((change) => change.household !== null)).toBe(true);
    expect(all.cursor).toBe(String(Number(cursor) + added.length));
    const lookups = http.sent.slice(sentBefore).filter((request) => request.operation === 'dossiersByIds');
    // One page of 70 changes (limiet 100): two batch lookups, 50 and 20.
    expect(all.pages).toBe(1);
    expect(lookups.map((request) => String(request.query?.ids).split(',').length)).toEqual([ASHG_BATCH_LIMIT, 20]);

    const small = adapterFor(mock, { pageSize: 7 }).adapter;
    const paged = await drain(small, cursor);
    expect(paged.changes).toEqual(all.changes);
    expect(paged.pages).toBe(Math.ceil(added.length / 7));
  });

  it('refuses, permanently, a cursor the ASHG never gave (as after a restart of its system) and one that is no volgnummer', async () => {
    const { adapter, http } = adapterFor(mock);
    const { cursor } = await changesOf(adapter)(null);
    await expect(changesOf(adapter)(String(Number(cursor) + 1000))).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', status: 410, permanent: true, agency: AGENCY });
    const sent = http.sent.length;
    for (const bad of ['', 'x', '-1', '01', '1.5', ' 3']) {
      await expect(changesOf(adapter)(bad)).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', permanent: true });
    }
    expect(http.sent.length).toBe(sent);
  });
});
