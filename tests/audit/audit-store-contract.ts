/**
 * The contract every audit store passes (sqlite-store.test.ts and postgres-store.test.ts run it):
 * append and read back, filters, pagination and scope, the hash chain and its tamper detection, prune
 * with checkpoints, the append-only guard, group commit, and failing closed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH } from '#src/audit/chain.ts';
import type { AuditEntry, AuditEntryInput } from '#src/audit/entry.ts';
import { createPseudonymizer } from '#src/audit/pseudonymize.ts';
import type { AuditFilter, AuditStore } from '#src/audit/store.ts';
import { createWorld } from '#mock-world/index.ts';
import { decision, entry, MINUTE_MS, T0 } from './entry-builder.ts';

/** Any chain hash: lowercase hex SHA-256. */
const HEAD_HASH = expect.stringMatching(/^[0-9a-f]{64}$/);

export interface AuditStoreHarness {
  readonly store: AuditStore;
  /**
   * Sets columns of one stored entry with plain SQL, past the store and its append-only guard, as an
   * intruder with database access would. `time` takes a Date; list and object columns take JS values.
   */
  tamper(seq: number, changes: Record<string, unknown>): Promise<void>;
  /** Deletes one stored entry with plain SQL, past the guard. */
  removeRaw(seq: number): Promise<void>;
  /** An UPDATE and a DELETE of an entry as any client would send them, guard in place: the error, or null. */
  tryUpdate(seq: number): Promise<unknown>;
  tryDelete(seq: number): Promise<unknown>;
  /** Every audit table's content as text (and for a file database its bytes), for the personal data check. */
  dump(): Promise<string>;
  /** Another connection takes the write lock and holds it; resolves to the release. */
  lockDatabase(): Promise<() => Promise<void>>;
  /** A second store on the same database (e.g. after the first was closed). */
  reopen(): Promise<AuditStore>;
  cleanup(): Promise<void>;
}

export interface HarnessOptions {
  readonly maxWaitMs?: number;
  readonly maxBatch?: number;
}

export type AuditStoreHarnessFactory = (options?: HarnessOptions) => Promise<AuditStoreHarness>;

const pseudonymize = createPseudonymizer('contract-suite-secret-0123456789abcdef');
const AGENCIES = ['ashg-groningen', 'amk-groningen', 'politie-noord-nederland', 'bjz-groningen'] as const;
const SUBJECTS = [pseudonymize('900000107'), pseudonymize('900000211'), null] as const;
/** A household member named only as a related subject, never as an entry's subject. */
const MEMBER_ONLY = pseudonymize('900000302');

/** A varied trail: every agency as viewer and owner, searches without owner, three subjects, two agreements. */
function variedEntries(count: number): AuditEntryInput[] {
  return Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const isSearch = n % 5 === 0;
    return entry(n, {
      kind: isSearch ? 'search' : n % 7 === 0 ? 'explain' : 'access',
      viewer: { agencyId: AGENCIES[n % 4] as string, userId: `user-${n % 3}`, role: 'caseworker' },
      owner: isSearch ? null : (AGENCIES[Math.floor(n / 3) % 4] as string),
      subject: SUBJECTS[n % 3] ?? null,
      // Every fourth entry with a subject is about a household: its other members as related subjects.
      relatedSubjects: SUBJECTS[n % 3] && n % 4 === 1 ? [MEMBER_ONLY, ...(SUBJECTS[n % 3] === SUBJECTS[0] ? [SUBJECTS[1] as string] : [])].sort() : [],
      searchTerms: isSearch ? { bsn: pseudonymize('900000107'), municipality: 'Groningen' } : null,
      decisions: [decision({ id: `dc_${n}`, agreementKey: n % 2 ? 'groningen-ashg-amk@2' : 'national-0-18@1' })],
    });
  });
}

/** The filter semantics, written out plainly as the oracle the stores' SQL is checked against. */
function matches(item: AuditEntryInput, filter: AuditFilter): boolean {
  const agencyOk = filter.scopeAgencyId === undefined
    || item.viewer.agencyId === filter.scopeAgencyId || item.owner === filter.scopeAgencyId;
  return agencyOk
    && (filter.subject === undefined || item.subject === filter.subject || item.relatedSubjects.includes(filter.subject))
    && (filter.viewerAgencyId === undefined || item.viewer.agencyId === filter.viewerAgencyId)
    && (filter.ownerAgencyId === undefined || item.owner === filter.ownerAgencyId)
    && (filter.kind === undefined || item.kind === filter.kind)
    && (filter.from === undefined || item.time >= filter.from)
    && (filter.to === undefined || item.time < filter.to)
    && (filter.agreementKey === undefined || item.decisions.some((d) => d.agreementKey === filter.agreementKey));
}

async function queryAll(store: AuditStore, filter: AuditFilter, pageSize = 7): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await store.query(filter, after === undefined ? { first: pageSize } : { first: pageSize, after });
    all.push(...page.entries);
    if (!page.hasNextPage) return all;
    expect(page.endCursor).not.toBeNull();
    after = page.endCursor ?? undefined;
  }
  throw new Error('pagination did not end');
}

function withoutChain(stored: AuditEntry): AuditEntryInput {
  const { seq: _seq, prevHash: _prev, hash: _hash, ...input } = stored;
  return input;
}

export function describeAuditStoreContract(name: string, factory: AuditStoreHarnessFactory): void {
  describe(`audit store contract: ${name}`, () => {
    let harness: AuditStoreHarness;
    let store: AuditStore;
    beforeEach(async () => {
      harness = await factory();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    describe('append and read back', () => {
      it('returns what was appended, in order, linked into one chain from genesis', async () => {
        const inputs = variedEntries(12);
        await store.append(inputs.slice(0, 5));
        await store.append(inputs.slice(5));
        const stored = await queryAll(store, {});
        expect(stored.map((item) => item.seq)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
        expect(stored.map(withoutChain)).toEqual(inputs);
        expect(stored[0]?.prevHash).toBe('0'.repeat(64));
        for (let index = 1; index < stored.length; index++) {
          expect(stored[index]?.prevHash).toBe(stored[index - 1]?.hash);
        }
      });

      it('keeps the entries after the store is closed and opened again', async () => {
        await store.append(variedEntries(4));
        await store.close();
        const again = await harness.reopen();
        try {
          expect((await queryAll(again, {})).map((item) => item.operationId)).toEqual(['op-1', 'op-2', 'op-3', 'op-4']);
          await again.append([entry(5)]);
          expect(await again.verify()).toMatchObject({ ok: true, checked: 5, headSeq: 5 });
        } finally {
          await again.close();
        }
      });

      it('finds the entry holding a decision, and null for an unknown decision id', async () => {
        await store.append(variedEntries(9));
        const found = await store.findDecision('dc_6');
        expect(found?.entry.operationId).toBe('op-6');
        expect(found?.decision).toEqual(decision({ id: 'dc_6', agreementKey: 'national-0-18@1' }));
        expect(await store.findDecision('dc_unknown')).toBeNull();
      });

      it('reports the head hash: genesis for an empty chain, then the newest entry\'s hash', async () => {
        expect(await store.verify()).toMatchObject({ ok: true, headSeq: 0, headHash: GENESIS_HASH });
        await store.append([entry(1), entry(2)]);
        const newest = (await queryAll(store, {})).at(-1);
        expect(newest?.seq).toBe(2);
        expect(await store.verify()).toMatchObject({ ok: true, headSeq: 2, headHash: newest?.hash });
      });

      it('finds every decision of an entry that carries more than one statement of them', async () => {
        const many = Array.from({ length: 150 }, (_, i) => decision({ id: `dc_many.${i.toString(36)}`, coordinate: `Report.f${i}` }));
        await store.append([entry(1), entry(2, { decisions: many }), entry(3)]);
        for (const i of [0, 63, 64, 127, 128, 149]) {
          const found = await store.findDecision(`dc_many.${i.toString(36)}`);
          expect(found?.entry.operationId).toBe('op-2');
          expect(found?.decision.coordinate).toBe(`Report.f${i}`);
        }
        expect(await store.findDecision(`dc_many.${(150).toString(36)}`)).toBeNull();
        expect(await store.verify()).toMatchObject({ ok: true, checked: 3 });
      });
    });

    describe('filters, scope and pagination', () => {
      const inputs = variedEntries(40);
      const subject = SUBJECTS[0] as string;
      const cases: [string, AuditFilter][] = [
        ['no filter', {}],
        ['scope: an agency as viewer or owner', { scopeAgencyId: 'amk-groningen' }],
        ['scope and another agency as owner', { scopeAgencyId: 'amk-groningen', ownerAgencyId: 'bjz-groningen' }],
        ['subject pseudonym', { subject }],
        ['subject within scope', { subject, scopeAgencyId: 'politie-noord-nederland' }],
        ['a subject that is only ever a related subject', { subject: MEMBER_ONLY }],
        ['a subject that is sometimes a related subject', { subject: SUBJECTS[1] as string }],
        ['viewer agency', { viewerAgencyId: 'ashg-groningen' }],
        ['owner agency', { ownerAgencyId: 'ashg-groningen' }],
        ['agreement key', { agreementKey: 'national-0-18@1' }],
        ['kind', { kind: 'search' }],
        ['time window (from inclusive, to exclusive)', { from: new Date(T0.getTime() + 10 * MINUTE_MS), to: new Date(T0.getTime() + 20 * MINUTE_MS) }],
        ['all combined', { scopeAgencyId: 'ashg-groningen', agreementKey: 'groningen-ashg-amk@2', kind: 'access', from: new Date(T0.getTime() + 5 * MINUTE_MS) }],
      ];

      it.each(cases)('%s', async (_label, filter) => {
        await store.append(inputs);
        const expected = inputs.filter((item) => matches(item, filter)).map((item) => item.operationId);
        expect(expected.length).toBeGreaterThan(0);
        const got = await queryAll(store, filter);
        expect(got.map((item) => item.operationId)).toEqual(expected);
      });

      it('never shows an agency an entry where it is neither viewer nor owner', async () => {
        await store.append(inputs);
        for (const agency of AGENCIES) {
          const got = await queryAll(store, { scopeAgencyId: agency });
          expect(got.length).toBeGreaterThan(0);
          for (const item of got) expect([item.viewer.agencyId, item.owner]).toContain(agency);
          const others = inputs.filter((item) => item.viewer.agencyId !== agency && item.owner !== agency);
          expect(others.length).toBeGreaterThan(0);
          const gotIds = new Set(got.map((item) => item.operationId));
          for (const other of others) expect(gotIds.has(other.operationId)).toBe(false);
        }
      });

      it('pages with an opaque cursor until hasNextPage is false, and rejects bad page arguments', async () => {
        await store.append(inputs.slice(0, 10));
        const first = await store.query({}, { first: 4 });
        expect(first.entries.map((item) => item.seq)).toEqual([1, 2, 3, 4]);
        expect(first.hasNextPage).toBe(true);
        const second = await store.query({}, { first: 4, after: first.endCursor as string });
        expect(second.entries.map((item) => item.seq)).toEqual([5, 6, 7, 8]);
        const last = await store.query({}, { first: 4, after: second.endCursor as string });
        expect(last.entries.map((item) => item.seq)).toEqual([9, 10]);
        expect(last.hasNextPage).toBe(false);
        const empty = await store.query({ kind: 'audit-query' }, { first: 4 });
        expect(empty).toEqual({ entries: [], endCursor: null, hasNextPage: false });
        await expect(store.query({}, { first: 0 })).rejects.toMatchObject({ code: 'AUDIT_INVALID_ARGUMENT' });
        await expect(store.query({}, { first: 501 })).rejects.toMatchObject({ code: 'AUDIT_INVALID_ARGUMENT' });
        await expect(store.query({}, { first: 4, after: 'not-a-cursor' })).rejects.toMatchObject({ code: 'AUDIT_INVALID_ARGUMENT' });
      });
    });

    describe('hash chain', () => {
      beforeEach(async () => {
        await store.append(variedEntries(10));
      });

      it('verifies an untouched chain', async () => {
        expect(await store.verify()).toEqual({ ok: true, checked: 10, headSeq: 10, headHash: HEAD_HASH, checkpointSeq: null });
      });

      const columnTampers: [string, Record<string, unknown>][] = [
        ['a text column', { purpose: 'case-conference' }],
        ['a released-fields list', { fields_released: ['Report.status', 'Report.narrative'] }],
        ['the owner, set to null', { owner_agency: null }],
        ['the subject', { subject: pseudonymize('900000302') }],
        ['the related subjects, added', { related_subjects: [pseudonymize('900000404')] }],
        ['a decision', { decisions: [decision({ id: 'dc_4', effect: 'deny' })] }],
        ['the time', { time: new Date(T0.getTime() - MINUTE_MS) }],
        ['the stored hash', { hash: 'f'.repeat(64) }],
      ];

      it.each(columnTampers)('detects %s changed directly in the database, at that seq', async (_label, changes) => {
        await harness.tamper(4, changes);
        const result = await store.verify();
        expect(result).toMatchObject({ ok: false, firstBrokenSeq: 4 });
      });

      it('detects an entry rewritten together with its own hash, at the rewritten seq', async () => {
        const original = (await queryAll(store, {}))[5];
        expect(original?.seq).toBe(6);
        const forged = { ...(original as AuditEntry), purpose: 'case-conference' };
        await harness.tamper(6, { purpose: 'case-conference', hash: entryHash(forged.prevHash, forged, 6) });
        const result = await store.verify();
        expect(result).toMatchObject({ ok: false, firstBrokenSeq: 6 });
        if (!result.ok) expect(result.reason).toMatch(/rewritten/);
      });

      it('detects an entry removed from the middle, at the missing seq', async () => {
        await harness.removeRaw(7);
        expect(await store.verify()).toMatchObject({ ok: false, firstBrokenSeq: 7 });
      });

      it('detects the newest entry removed (the head still points past it)', async () => {
        await harness.removeRaw(10);
        expect(await store.verify()).toMatchObject({ ok: false, firstBrokenSeq: 10 });
      });

      it('refuses UPDATE and DELETE of entries from any other client', async () => {
        expect(await harness.tryUpdate(3)).toBeInstanceOf(Error);
        expect(await harness.tryDelete(3)).toBeInstanceOf(Error);
        expect(await store.verify()).toMatchObject({ ok: true, checked: 10 });
        expect((await queryAll(store, {})).find((item) => item.seq === 3)?.operationId).toBe('op-3');
      });
    });

    describe('prune', () => {
      const NOW = new Date(T0.getTime() + 400 * 86_400_000);
      /** 1-6 long expired (owner ashg), 7-8 recent, 9-10 long expired again (behind the recent ones). */
      const trail = (): AuditEntryInput[] => Array.from({ length: 10 }, (_, index) => {
        const n = index + 1;
        const recent = n === 7 || n === 8;
        return entry(n, { time: recent ? new Date(NOW.getTime() - 86_400_000) : new Date(T0.getTime() + n * MINUTE_MS) });
      });

      it('removes the expired prefix only, leaves a checkpoint, and the rest still verifies', async () => {
        await store.append(trail());
        expect(await store.prune({ 'ashg-groningen': 365 }, NOW)).toEqual({ removed: 6, checkpointSeq: 6 });
        expect(await store.verify()).toEqual({ ok: true, checked: 4, headSeq: 10, headHash: HEAD_HASH, checkpointSeq: 6 });
        expect((await queryAll(store, {})).map((item) => item.seq)).toEqual([7, 8, 9, 10]);
        expect(await store.prune({ 'ashg-groningen': 365 }, NOW)).toEqual({ removed: 0, checkpointSeq: null });
        await store.append([entry(11)]);
        expect(await store.verify()).toEqual({ ok: true, checked: 5, headSeq: 11, headHash: HEAD_HASH, checkpointSeq: 6 });
      });

      it('keeps entries of agencies without a retention period, and uses * as the default', async () => {
        await store.append(trail());
        expect(await store.prune({ 'amk-groningen': 1 }, NOW)).toEqual({ removed: 0, checkpointSeq: null });
        expect(await store.prune({ '*': 30 }, NOW)).toEqual({ removed: 6, checkpointSeq: 6 });
      });

      it('can remove everything and carry on from the checkpoint', async () => {
        await store.append(trail().slice(0, 6));
        expect(await store.prune({ '*': 0 }, NOW)).toEqual({ removed: 6, checkpointSeq: 6 });
        expect(await store.verify()).toEqual({ ok: true, checked: 0, headSeq: 6, headHash: HEAD_HASH, checkpointSeq: 6 });
        await store.append([entry(7)]);
        expect((await queryAll(store, {})).map((item) => item.seq)).toEqual([7]);
        expect(await store.verify()).toEqual({ ok: true, checked: 1, headSeq: 7, headHash: HEAD_HASH, checkpointSeq: 6 });
      });

      it('detects tampering after a prune, relative to the checkpoint', async () => {
        await store.append(trail());
        await store.prune({ '*': 30 }, NOW);
        await harness.tamper(7, { prev_hash: 'e'.repeat(64) });
        expect(await store.verify()).toMatchObject({ ok: false, firstBrokenSeq: 7, checkpointSeq: 6 });
      });

      it('refuses to prune a tampered prefix (it would launder the tampering into a checkpoint)', async () => {
        await store.append(trail());
        await harness.tamper(3, { purpose: 'case-conference' });
        await expect(store.prune({ '*': 30 }, NOW)).rejects.toMatchObject({ code: 'AUDIT_CHAIN_BROKEN' });
        expect((await queryAll(store, {})).length).toBe(10);
        expect(await store.verify()).toMatchObject({ ok: false, firstBrokenSeq: 3 });
      });

      it('rejects a negative retention', async () => {
        await expect(store.prune({ '*': -1 }, NOW)).rejects.toMatchObject({ code: 'AUDIT_INVALID_ARGUMENT' });
      });
    });

    describe('group commit', () => {
      it('writes 200 concurrent appends in far fewer transactions, as one valid chain', async () => {
        const inputs = Array.from({ length: 200 }, (_, index) => entry(index + 1));
        await Promise.all(inputs.map((input) => store.append([input])));
        expect(store.stats()).toEqual({ transactions: expect.any(Number), failedTransactions: 0, entries: 200 });
        expect(store.stats().transactions).toBeLessThanOrEqual(5);
        expect(await store.verify()).toEqual({ ok: true, checked: 200, headSeq: 200, headHash: HEAD_HASH, checkpointSeq: null });
        const stored = await queryAll(store, {}, 500);
        expect(stored.map((item) => item.operationId).sort()).toEqual(inputs.map((item) => item.operationId).sort());
      });

      it('batches appends that trickle in, and resolves each only after its commit', async () => {
        const inputs = Array.from({ length: 200 }, (_, index) => entry(index + 1));
        await Promise.all(inputs.map((input, index) => new Promise<void>((resolve, reject) => {
          setTimeout(() => {
            store.append([input]).then(async () => {
              // Once append resolved, the entry must be readable by anyone.
              const found = await store.query({ from: input.time, to: new Date(input.time.getTime() + 1) }, { first: 5 });
              expect(found.entries.map((item) => item.operationId)).toEqual([input.operationId]);
              resolve();
            }, reject);
          }, index % 20);
        })));
        expect(store.stats().entries).toBe(200);
        expect(store.stats().transactions).toBeLessThan(100);
        expect(await store.verify()).toMatchObject({ ok: true, checked: 200 });
      });
    });

    describe('personal data', () => {
      const people = createWorld({ households: 6 }).households.flatMap((household) => household.members);

      it('stores entries built from BSNs and names without either appearing anywhere in the database', async () => {
        expect(people.length).toBeGreaterThan(10);
        const inputs = people.flatMap((person, index) => [
          entry(2 * index + 1, { subject: pseudonymize(person.bsn) }),
          entry(2 * index + 2, {
            kind: 'search', owner: null, entityType: null, entityId: null, subject: pseudonymize(person.bsn),
            searchTerms: { bsn: pseudonymize(person.bsn) }, fieldsReleased: [], fieldsWithheld: [], decisions: [], outcome: 'released',
          }),
        ]);
        await store.append(inputs);
        const dump = await harness.dump();
        expect(dump).toContain(pseudonymize(people[0]?.bsn as string));
        for (const person of people) {
          expect(dump).not.toContain(person.bsn);
          expect(dump).not.toContain(person.name);
        }
      });

      it.each([
        ['a BSN as subject', { subject: '111222333' }],
        ['a BSN in a search term', { searchTerms: { bsn: '111222333' } }],
        ['a BSN inside a search term', { searchTerms: { q: 'person 111222333' } }],
        ['a BSN as entity id', { entityId: '111222333' }],
      ] as [string, Partial<AuditEntryInput>][])('refuses %s, and the error does not repeat it', async (_label, overrides) => {
        const error = await store.append([entry(1, overrides)]).catch((caught: unknown) => caught);
        expect(error).toMatchObject({ code: 'AUDIT_INVALID_ENTRY' });
        expect(String((error as Error).message)).not.toContain('111222333');
        expect((await store.query({}, { first: 5 })).entries).toEqual([]);
      });
    });

    describe('fail closed', () => {
      it('rejects appends while the database is locked by another writer, loses nothing committed, and recovers', async () => {
        await store.append(variedEntries(5));
        const release = await harness.lockDatabase();
        let results: PromiseSettledResult<void>[];
        try {
          results = await Promise.allSettled([6, 7, 8].map((n) => store.append([entry(n)])));
        } finally {
          await release();
        }
        for (const result of results) {
          expect(result.status).toBe('rejected');
          if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'AUDIT_WRITE_FAILED' });
        }
        expect(store.stats().failedTransactions).toBeGreaterThan(0);
        await store.append([entry(9)]);
        const stored = await queryAll(store, {});
        expect(stored.map((item) => item.operationId)).toEqual(['op-1', 'op-2', 'op-3', 'op-4', 'op-5', 'op-9']);
        expect(await store.verify()).toEqual({ ok: true, checked: 6, headSeq: 6, headHash: HEAD_HASH, checkpointSeq: null });
      });

      it('commits what was queued when closed, then refuses new appends', async () => {
        const pending = [1, 2, 3].map((n) => store.append([entry(n)]));
        await store.close();
        await expect(Promise.all(pending)).resolves.toBeDefined();
        await expect(store.append([entry(4)])).rejects.toMatchObject({ code: 'AUDIT_STORE_CLOSED' });
        const again = await harness.reopen();
        try {
          expect(await again.verify()).toMatchObject({ ok: true, checked: 3 });
        } finally {
          await again.close();
        }
      });

      it("rejects one caller's invalid entry without failing the others batched with it", async () => {
        const bad = entry(2, { subject: '111222333' });
        const results = await Promise.allSettled([store.append([entry(1)]), store.append([bad]), store.append([entry(3)])]);
        expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect((await queryAll(store, {})).map((item) => item.operationId)).toEqual(['op-1', 'op-3']);
      });
    });
  });
}
