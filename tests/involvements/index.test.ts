/**
 * The involvement index on its own (src/involvements): rows from records, reconciliation into a real
 * SQLite file and a real PostgreSQL schema, failures that keep the last rows, a replace that fails
 * halfway, a restart, following change feeds, and the routing it gives a lookup by BSN.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgencyAdapter } from '#kit/contract.ts';
import { AdapterError } from '#kit/errors.ts';
import type { HouseholdRecord } from '#domain/records.ts';
import { createIdSealer } from '#src/households/ids.ts';
import type { InvolvementIndexStore } from '#src/involvements/index-store.ts';
import { createIndexRouter } from '#src/involvements/route.ts';
import { createPersonKey, indexRowsOf } from '#src/involvements/rows.ts';
import { openPostgresInvolvementIndex } from '#src/involvements/postgres-index.ts';
import { openSqliteInvolvementIndex } from '#src/involvements/sqlite-index.ts';
import { DATABASE_URL, describePostgres, dropSchema, uniqueSchema } from '../audit/postgres-env.ts';
import { createIndexSync, type IndexSync } from '#src/involvements/sync.ts';

const SECRET = 'involvement-index-test-secret-0123456789';
const ids = createIdSealer(SECRET);
const personKey = createPersonKey(SECRET);
const T0 = new Date('2026-11-23T09:00:00Z');

function household(agencyId: string, localId: string, bsns: readonly (string | null)[], municipality = 'Groningen'): HouseholdRecord {
  return {
    type: 'Household', owner: { agencyId, kind: 'ASHG' } as HouseholdRecord['owner'], localId, householdLocalId: localId, municipality, address: null,
    members: bsns.map((bsn) => ({ bsn, name: 'not kept', birthDate: '2010-01-01', role: null })),
  };
}

/** An adapter whose listing the test sets (or makes fail); counts its calls. */
function fakeAdapter(agencyId: string) {
  let listing: readonly HouseholdRecord[] | Error = [];
  let calls = 0;
  const asked: (readonly string[])[] = [];
  const adapter = {
    descriptor: { id: agencyId, kind: 'ASHG', name: agencyId, region: 'groningen' },
    maxBatchSize: 50,
    createLoaders: () => { throw new Error('not used'); },
    async listHouseholds(municipalities: readonly string[]) {
      calls++;
      asked.push(municipalities);
      if (listing instanceof Error) throw listing;
      return listing;
    },
    async close() {},
  } as unknown as AgencyAdapter;
  return {
    adapter, asked,
    calls: () => calls,
    set(next: readonly HouseholdRecord[] | Error) {
      listing = next;
    },
  };
}

describe('rows', () => {
  it('keeps one row per member with a BSN: a keyed pseudonym, the sealed household, the municipality, and nothing else', () => {
    const rows = indexRowsOf([household('ashg-groningen', 'D-1', ['123456782', null, '12345678', '123456782'])], personKey, ids);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['household', 'municipality', 'person']);
      expect(row.person).toMatch(/^ix_[A-Za-z0-9_-]{43}$/);
      expect(row.municipality).toBe('Groningen');
      // The household is the gateway's sealed id, opening to the agency's record only in the gateway.
      expect(ids.open('household', row.household)).toEqual(['r:ashg-groningen:D-1']);
      expect(JSON.stringify(row)).not.toMatch(/123456782|12345678|D-1|not kept/);
    }
    // An eight-digit BSN is the nine-digit one with its leading zero.
    expect(personKey('12345678')).toBe(personKey('012345678'));
    expect(personKey('1234 567 82')).toBe(personKey('123456782'));
    expect(personKey('not a bsn')).toBeNull();
  });

  it('pseudonymises under a key of its own: another secret, other pseudonyms', () => {
    expect(createPersonKey(`${SECRET}-other`)('123456782')).not.toBe(personKey('123456782'));
  });
});

/** An adapter with a change feed over an in-memory log (positions as decimal text); counts what it is asked. */
function feedAdapter(agencyId: string, pageSize = 2) {
  const held = new Map<string, HouseholdRecord>();
  const log: { seq: number; localId: string }[] = [];
  const asked: (string | null)[] = [];
  let failAt: string | null = null;
  const put = (localId: string, bsns: readonly string[]) => {
    held.set(localId, household(agencyId, localId, bsns));
    log.push({ seq: log.length + 1, localId });
  };
  const remove = (localId: string) => {
    held.delete(localId);
    log.push({ seq: log.length + 1, localId });
  };
  const adapter = {
    descriptor: { id: agencyId, kind: 'AMK', name: agencyId, region: 'groningen' },
    maxBatchSize: 50,
    createLoaders: () => { throw new Error('not used'); },
    async listHouseholds() {
      return [...held.values()];
    },
    async householdChanges(cursor: string | null) {
      asked.push(cursor);
      if (cursor === null) return { changes: [], cursor: String(log.length), more: false };
      if (cursor === failAt) throw new AdapterError('UPSTREAM_UNAVAILABLE', 'down', { agency: agencyId });
      const from = Number(cursor);
      if (!Number.isInteger(from) || from > log.length) throw new AdapterError('UPSTREAM_BAD_RESPONSE', 'unknown position', { agency: agencyId, permanent: true });
      const page = log.slice(from, from + pageSize);
      return {
        changes: page.map((entry) => ({ householdLocalId: entry.localId, household: held.get(entry.localId) ?? null })),
        cursor: String(from + page.length), more: from + page.length < log.length,
      };
    },
    async close() {},
  } as unknown as AgencyAdapter;
  return {
    adapter, asked, put, remove,
    failFrom(cursor: string | null) {
      failAt = cursor;
    },
    restartLog() {
      log.length = 0;
    },
  };
}

/** How a test opens (and reopens, on the same data) the store under test. */
interface StoreUnderTest {
  open(dir: string): Promise<InvolvementIndexStore>;
  cleanup(): Promise<void>;
}

function storeSuite(name: string, stores: StoreUnderTest): void {
describe(name, () => {
  describe('reconciliation and routing', () => {
    let dir: string;
    let store: InvolvementIndexStore;
    let now: Date;
    const ashg = fakeAdapter('ashg-groningen');
    const amk = fakeAdapter('amk-groningen');
    const adapters = new Map([['ashg-groningen', ashg.adapter], ['amk-groningen', amk.adapter]]);
    let sync: IndexSync;
    const route = (bsns: readonly string[]) => createIndexRouter({ store, personKey, clock: () => now, staleAfterMs: 60_000 })(bsns, [...adapters.keys()]);

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ketenpoort-index-'));
      store = await stores.open(dir);
      now = T0;
      sync = createIndexSync({
        store, adapters, ids, personKey, clock: () => now, logger: pino({ level: 'silent' }), timeoutMs: 5_000,
        municipalitiesOf: (organisation) => (organisation === 'ashg-groningen' ? ['Groningen', 'Veendam'] : ['Groningen']),
      });
      ashg.set([household('ashg-groningen', 'D-1', ['123456782']), household('ashg-groningen', 'D-2', ['111222333'])]);
      amk.set([household('amk-groningen', 'Z-9', ['111222333'])]);
    });
    afterEach(async () => {
      await sync.stop();
      await store.close();
      await stores.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('before any reconciliation every organisation is asked (nothing is relied on)', async () => {
      expect(await route(['123456782'])).toEqual(['ashg-groningen', 'amk-groningen']);
    });

    it('after one, a lookup asks only the organisations holding the person, and none for a person nobody holds', async () => {
      await sync.reconcileAll();
      expect(ashg.asked.at(-1)).toEqual(['Groningen', 'Veendam']);
      expect(await route(['123456782'])).toEqual(['ashg-groningen']);
      expect(await route(['111222333'])).toEqual(['ashg-groningen', 'amk-groningen']);
      expect(await route(['999999990'])).toEqual([]);
      // What cannot be a BSN is not routed on: everyone is asked, as without an index.
      expect(await route(['abc'])).toEqual(['ashg-groningen', 'amk-groningen']);
      expect((await store.states()).map((state) => [state.organisation, state.rows, state.lastError])).toEqual([
        ['amk-groningen', 1, null], ['ashg-groningen', 2, null],
      ]);
    });

    it('a person added at the agency is found after the next reconciliation, and a removed one is gone', async () => {
      await sync.reconcileAll();
      amk.set([household('amk-groningen', 'Z-9', ['111222333']), household('amk-groningen', 'Z-10', ['123456782'])]);
      ashg.set([household('ashg-groningen', 'D-2', ['111222333'])]);
      expect(await route(['123456782'])).toEqual(['ashg-groningen']);
      await sync.reconcileAll();
      expect(await route(['123456782'])).toEqual(['amk-groningen']);
    });

    it('an agency that is down keeps its last rows, marked with the failure, and is asked directly once they are stale', async () => {
      await sync.reconcileAll();
      const syncedAt = (await store.states()).find((state) => state.organisation === 'ashg-groningen')?.syncedAt;
      now = new Date(T0.getTime() + 30_000);
      ashg.set(new AdapterError('UPSTREAM_UNAVAILABLE', 'down', { agency: 'ashg-groningen' }));
      expect(await sync.reconcile('ashg-groningen')).toBe('failed');
      const state = (await store.states()).find((candidate) => candidate.organisation === 'ashg-groningen');
      expect(state).toMatchObject({ rows: 2, lastError: 'UPSTREAM_UNAVAILABLE', syncedAt, attemptedAt: now });
      // Within the bound the last rows still route; past it, the organisation is asked whatever they say.
      expect(await route(['999999990'])).toEqual([]);
      now = new Date(T0.getTime() + 61_000);
      expect(await route(['999999990'])).toEqual(['ashg-groningen', 'amk-groningen']);
      await sync.reconcile('amk-groningen');
      expect(await route(['999999990'])).toEqual(['ashg-groningen']);
    });

    it('a replace that fails halfway leaves the rows as they were (one transaction)', async () => {
      await sync.reconcileAll();
      const rows = indexRowsOf([household('ashg-groningen', 'D-3', ['222333444'])], personKey, ids);
      // A second chunk of the replace breaks a constraint after the first was written.
      const broken = [...Array.from({ length: 600 }, (_, index) => ({ ...rows[0]!, household: `h${index}` })), { person: null, household: 'x', municipality: null }];
      await expect(store.replace('ashg-groningen', broken as never, now, null)).rejects.toThrow();
      expect(await route(['123456782'])).toEqual(['ashg-groningen']);
      expect(await route(['222333444'])).toEqual([]);
      expect((await store.states()).find((state) => state.organisation === 'ashg-groningen')?.rows).toBe(2);
    });

    it('a restart finds the rows and states where they were', async () => {
      await sync.reconcileAll();
      await store.close();
      store = await stores.open(dir);
      expect(await route(['123456782'])).toEqual(['ashg-groningen']);
      expect((await store.states()).map((state) => state.syncedAt)).toEqual([T0, T0]);
    });

    it("routes to a household only the agency's full history holds, and leaves it out of a municipality's listing as the agency's own listing does", async () => {
      // The police list two years back; their reconciliation reads their whole history (adapters/politie).
      const recent = household('politie-noord-nederland', 'ZM-2026-1', ['123456782']);
      const old = household('politie-noord-nederland', 'ZM-2019-4', ['111222333']);
      const police = {
        descriptor: { id: 'politie-noord-nederland', kind: 'POLITIE', name: 'Politie', region: 'groningen' }, maxBatchSize: 100,
        createLoaders: () => { throw new Error('not used'); },
        listHouseholds: async () => [recent],
        reconcileHouseholds: async () => [recent, old],
        close: async () => undefined,
      } as unknown as AgencyAdapter;
      const policeSync = createIndexSync({
        store, adapters: new Map([['politie-noord-nederland', police]]), ids, personKey, clock: () => now, logger: pino({ level: 'silent' }), timeoutMs: 5_000,
        municipalitiesOf: () => ['Groningen'],
      });
      expect(await policeSync.reconcile('politie-noord-nederland')).toBe('synced');
      expect([...await store.holders([personKey('111222333')!])]).toEqual(['politie-noord-nederland']);
      const listed = (await store.householdsIn(['Groningen'])).filter((entry) => entry.organisation === 'politie-noord-nederland');
      expect(listed.map((entry) => entry.persons)).toEqual([[personKey('123456782')]]);
      await policeSync.stop();
    });
  });

  describe('following a change feed', () => {
    let dir: string;
    let store: InvolvementIndexStore;
    let feed: ReturnType<typeof feedAdapter>;
    let sync: IndexSync;
    const makeSync = () => createIndexSync({
      store, adapters: new Map([['amk-groningen', feed.adapter]]), ids, personKey, clock: () => T0, logger: pino({ level: 'silent' }), timeoutMs: 5_000,
      municipalitiesOf: () => ['Groningen'],
    });
    const holders = async (bsn: string) => [...await store.holders([personKey(bsn)!])];
    const cursor = async () => (await store.states())[0]?.cursor;

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ketenpoort-index-'));
      store = await stores.open(dir);
      feed = feedAdapter('amk-groningen');
      feed.put('Z-1', ['123456782']);
      sync = makeSync();
    });
    afterEach(async () => {
      await sync.stop();
      await store.close();
      await stores.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('starts with a listing from the position taken before it, then reads only the changes after', async () => {
      expect(await sync.follow('amk-groningen')).toBe('synced');
      expect(feed.asked).toEqual([null]);
      expect(await cursor()).toBe('1');
      expect(await holders('123456782')).toEqual(['amk-groningen']);
      feed.put('Z-2', ['111222333']);
      feed.remove('Z-1');
      feed.put('Z-3', ['222333444']);
      expect(await sync.follow('amk-groningen')).toBe('synced');
      // Pages of two from position 1: 1..3, then 3..4.
      expect(feed.asked).toEqual([null, '1', '3']);
      expect(await cursor()).toBe('4');
      expect(await holders('123456782')).toEqual([]);
      expect(await holders('111222333')).toEqual(['amk-groningen']);
      expect(await holders('222333444')).toEqual(['amk-groningen']);
      expect((await store.states())[0]?.rows).toBe(2);
    });

    it('a feed that fails mid-way keeps every page before it, none half-applied, and the next follow resumes there', async () => {
      await sync.follow('amk-groningen');
      feed.put('Z-2', ['111222333']);
      feed.put('Z-3', ['222333444']);
      feed.put('Z-4', ['333444555']);
      feed.failFrom('3');
      expect(await sync.follow('amk-groningen')).toBe('failed');
      expect(await cursor()).toBe('3');
      expect(await holders('222333444')).toEqual(['amk-groningen']);
      expect(await holders('333444555')).toEqual([]);
      expect((await store.states())[0]).toMatchObject({ lastError: 'UPSTREAM_UNAVAILABLE' });
      feed.failFrom(null);
      expect(await sync.follow('amk-groningen')).toBe('synced');
      expect(await holders('333444555')).toEqual(['amk-groningen']);
      expect((await store.states())[0]).toMatchObject({ lastError: null, cursor: '4' });
    });

    it('a restart resumes from the stored position, not from a new listing', async () => {
      await sync.follow('amk-groningen');
      await sync.stop();
      await store.close();
      feed.put('Z-2', ['111222333']);
      store = await stores.open(dir);
      sync = makeSync();
      feed.asked.length = 0;
      expect(await sync.follow('amk-groningen')).toBe('synced');
      expect(feed.asked).toEqual(['1']);
      expect(await holders('111222333')).toEqual(['amk-groningen']);
    });

    it('a position the agency refuses (its log restarted) is answered by a full reconciliation', async () => {
      feed.put('Z-2', ['111222333']);
      await sync.follow('amk-groningen');
      expect(await cursor()).toBe('2');
      feed.restartLog();
      feed.remove('Z-2');
      feed.restartLog();
      expect(await sync.follow('amk-groningen')).toBe('synced');
      expect(feed.asked.slice(-2)).toEqual(['2', null]);
      expect(await cursor()).toBe('0');
      expect(await holders('111222333')).toEqual([]);
      expect(await holders('123456782')).toEqual(['amk-groningen']);
    });
  });
});
}

storeSuite('SQLite', { open: async (dir) => openSqliteInvolvementIndex(join(dir, 'index.sqlite')), cleanup: async () => {} });

describePostgres('PostgreSQL', () => {
  let schema = uniqueSchema('ketenpoort_index_test');

  it('lets one replica walk at a time: another that finds it walking leaves the walk to it', async () => {
    const [first, second] = await Promise.all([
      openPostgresInvolvementIndex({ connectionString: DATABASE_URL, schema }), openPostgresInvolvementIndex({ connectionString: DATABASE_URL, schema }),
    ]);
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => { release = resolve; });
      const walking = first.lead(() => held);
      await new Promise((resolve) => setTimeout(resolve, 100));
      let ran = false;
      expect(await second.lead(async () => { ran = true; })).toBe(false);
      expect(ran).toBe(false);
      release();
      expect(await walking).toBe(true);
      expect(await second.lead(async () => { ran = true; })).toBe(true);
      expect(ran).toBe(true);
    } finally {
      await first.close();
      await second.close();
      await dropSchema(schema);
    }
  });

  storeSuite('store', {
    open: () => openPostgresInvolvementIndex({ connectionString: DATABASE_URL, schema }),
    async cleanup() {
      await dropSchema(schema);
      schema = uniqueSchema('ketenpoort_index_test');
    },
  });
});
