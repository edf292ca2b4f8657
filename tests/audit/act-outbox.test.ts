/**
 * The act outbox (src/audit/act-outbox.ts) on both stores: an act and its audit entries commit in one
 * transaction or not at all; a key is idempotent; an answer moves the answered act once; delivery,
 * retry with back-off, the dead letter and an officer's retry; leases so a crashed claimer's act is
 * delivered again, never twice at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewAct } from '#src/audit/act-outbox.ts';
import { createPostgresAuditStore } from '#src/audit/postgres/store.ts';
import { createSqliteAuditStore } from '#src/audit/sqlite/store.ts';
import type { AuditStore } from '#src/audit/store.ts';
import { entry, T0 } from './entry-builder.ts';
import { DATABASE_URL, describePostgres, dropSchema, uniqueSchema } from './postgres-env.ts';

const SECOND = 1000;

function act(overrides: Partial<NewAct> = {}): NewAct {
  return {
    id: 'ac_1', sender: 'ashg-groningen', idempotencyKey: 'key-1', inputHash: 'h1', kind: 'HAND_OVER_CASE',
    referralKind: 'HANDOVER_ASHG_TO_AMK', receiver: 'amk-groningen', answersAct: null,
    fieldsSent: ['Report.kind', 'Child.name'], basis: ['groningen-ashg-amk@2#art. 3.1'], payload: 'sealed-payload', reference: 'sealed-ref', municipality: 'Groningen', createdAt: T0,
    ...overrides,
  };
}

interface Harness { store: AuditStore; reopen(): Promise<AuditStore>; cleanup(): Promise<void> }

function outboxContract(name: string, open: () => Promise<Harness>): void {
  describe(name, () => {
    let harness: Harness;
    afterEach(async () => { await harness?.cleanup(); });

    it('queues an act with its entries in one commit; a repeated key answers the first act, another input is a conflict', async () => {
      harness = await open();
      const { store } = harness;
      const first = await store.acts.enqueue(act(), [entry(1, { kind: 'access' }), entry(2)]);
      expect(first.created).toBe(true);
      expect(first.act).toMatchObject({ id: 'ac_1', status: 'PENDING', attempts: 0, payload: 'sealed-payload', answer: null });
      expect((await store.query({}, { first: 10 })).entries).toHaveLength(2);

      const again = await store.acts.enqueue(act({ id: 'ac_2' }), [entry(3)]);
      expect(again).toMatchObject({ created: false, act: { id: 'ac_1' } });
      expect((await store.query({}, { first: 10 })).entries).toHaveLength(2);

      await expect(store.acts.enqueue(act({ id: 'ac_3', inputHash: 'other' }), [entry(4)])).rejects.toMatchObject({ code: 'ACT_IDEMPOTENCY_CONFLICT' });
      expect(await store.acts.get('ac_3')).toBeNull();
      // The same key of another sender is another act.
      expect((await store.acts.enqueue(act({ id: 'ac_4', sender: 'politie-noord-nederland' }), [entry(5)])).created).toBe(true);
      // Found again by sender and key, each sender its own.
      const key = act().idempotencyKey;
      expect(await store.acts.byKey(act().sender, key)).toMatchObject({ id: 'ac_1' });
      expect(await store.acts.byKey('politie-noord-nederland', key)).toMatchObject({ id: 'ac_4' });
      expect(await store.acts.byKey('bjz-groningen', key)).toBeNull();
      expect((await store.verify()).ok).toBe(true);
    });

    it('writes neither act nor entry when an entry is invalid', async () => {
      harness = await open();
      const { store } = harness;
      await expect(store.acts.enqueue(act(), [entry(1, { subject: '999999990' })])).rejects.toMatchObject({ code: 'AUDIT_INVALID_ENTRY' });
      expect(await store.acts.get('ac_1')).toBeNull();
      expect((await store.query({}, { first: 10 })).entries).toHaveLength(0);
    });

    it('claims due acts under a lease, delivers once, erases the payload', async () => {
      harness = await open();
      const { store } = harness;
      await store.acts.enqueue(act(), [entry(1)]);
      const claimed = await store.acts.claimDue(T0, 10, 30 * SECOND);
      expect(claimed.map((row) => [row.id, row.attempts])).toEqual([['ac_1', 1]]);
      // Leased: nobody else gets it until the lease ends (a crashed claimer's act comes back then).
      expect(await store.acts.claimDue(new Date(T0.getTime() + SECOND), 10, 30 * SECOND)).toEqual([]);
      expect((await store.acts.claimDue(new Date(T0.getTime() + 31 * SECOND), 10, 30 * SECOND)).map((row) => row.attempts)).toEqual([2]);
      await store.acts.delivered('ac_1', 'AMK-2026-0042', new Date(T0.getTime() + 32 * SECOND));
      const delivered = await store.acts.get('ac_1');
      expect(delivered).toMatchObject({ status: 'DELIVERED', receiverReference: 'AMK-2026-0042', payload: null, lastError: null });
      expect(await store.acts.claimDue(new Date(T0.getTime() + 3600 * SECOND), 10, 30 * SECOND)).toEqual([]);
    });

    it('keeps one order of status changes each party can follow from a cursor; a retried attempt is no change', async () => {
      harness = await open();
      const { store } = harness;
      await store.acts.enqueue(act(), [entry(1)]);
      await store.acts.enqueue(act({ id: 'ac_2', idempotencyKey: 'key-2', receiver: 'bjz-groningen' }), [entry(2)]);
      const queued = await store.acts.changes('ashg-groningen', 0, 10);
      expect(queued.map((row) => row.id)).toEqual(['ac_1', 'ac_2']);
      const cursor = queued.at(-1)!.changedSeq;
      expect(await store.acts.lastChange()).toBe(cursor);
      expect(await store.acts.changes('ashg-groningen', cursor, 10)).toEqual([]);
      // The AMK sees only what concerns it.
      expect((await store.acts.changes('amk-groningen', 0, 10)).map((row) => row.id)).toEqual(['ac_1']);
      await store.acts.claimDue(T0, 10, 30 * SECOND);
      await store.acts.failed('ac_2', 'UPSTREAM_UNAVAILABLE', new Date(T0.getTime() + SECOND), T0);
      expect(await store.acts.changes('ashg-groningen', cursor, 10)).toEqual([]);
      await store.acts.delivered('ac_1', 'AMK-1', T0);
      const after = await store.acts.changes('ashg-groningen', cursor, 10);
      expect(after.map((row) => [row.id, row.status])).toEqual([['ac_1', 'DELIVERED']]);
      expect(after[0]!.changedSeq).toBeGreaterThan(cursor);
      // Each act once, as it stands now, at its last change.
      expect((await store.acts.changes('ashg-groningen', 0, 10)).map((row) => row.id)).toEqual(['ac_2', 'ac_1']);
      expect((await store.acts.changes('ashg-groningen', 0, 1)).map((row) => row.id)).toEqual(['ac_2']);
    });

    it('backs off after a failed attempt, gives up into FAILED, and an officer retry makes it PENDING again', async () => {
      harness = await open();
      const { store } = harness;
      await store.acts.enqueue(act(), [entry(1)]);
      await store.acts.claimDue(T0, 10, 30 * SECOND);
      await store.acts.failed('ac_1', 'UPSTREAM_UNAVAILABLE', new Date(T0.getTime() + 10 * SECOND), T0);
      expect(await store.acts.get('ac_1')).toMatchObject({ status: 'PENDING', lastError: 'UPSTREAM_UNAVAILABLE', nextAttemptAt: new Date(T0.getTime() + 10 * SECOND) });
      expect(await store.acts.claimDue(new Date(T0.getTime() + 5 * SECOND), 10, 30 * SECOND)).toEqual([]);
      await store.acts.claimDue(new Date(T0.getTime() + 10 * SECOND), 10, 30 * SECOND);
      await store.acts.failed('ac_1', 'UPSTREAM_TIMEOUT', null, T0);
      expect(await store.acts.get('ac_1')).toMatchObject({ status: 'FAILED', lastError: 'UPSTREAM_TIMEOUT', attempts: 2, payload: 'sealed-payload' });
      expect(await store.acts.retry('ac_1', new Date(T0.getTime() + 60 * SECOND))).toMatchObject({ status: 'PENDING', attempts: 0 });
      expect(await store.acts.retry('ac_1', T0)).toBeNull();
      expect((await store.acts.claimDue(new Date(T0.getTime() + 60 * SECOND), 10, 30 * SECOND)).map((row) => row.id)).toEqual(['ac_1']);
    });

    it('an answer moves the answered act once, only by its receiver, only once delivered', async () => {
      harness = await open();
      const { store } = harness;
      await store.acts.enqueue(act(), [entry(1)]);
      const answer = (id: string, by: string, key: string) => store.acts.enqueue(
        act({ id, sender: by, idempotencyKey: key, kind: 'ANSWER_REFERRAL', referralKind: null, receiver: 'ashg-groningen', answersAct: 'ac_1', fieldsSent: [] }),
        [entry(2)], { actId: 'ac_1', answer: 'ACCEPTED', answeredBy: by, at: T0 });
      await expect(answer('an_0', 'amk-groningen', 'k0')).rejects.toMatchObject({ code: 'ACT_NOT_ANSWERABLE' });
      await store.acts.claimDue(T0, 10, SECOND);
      await store.acts.delivered('ac_1', 'AMK-1', T0);
      await expect(answer('an_1', 'bjz-groningen', 'k1')).rejects.toMatchObject({ code: 'ACT_NOT_FOUND' });
      await expect(answer('an_1', 'amk-groningen', 'k1')).resolves.toMatchObject({ created: true, act: { status: 'PENDING', answersAct: 'ac_1' } });
      expect(await store.acts.get('ac_1')).toMatchObject({ status: 'ACCEPTED', answer: 'ACCEPTED', answeredAt: T0 });
      await expect(answer('an_2', 'amk-groningen', 'k2')).rejects.toMatchObject({ code: 'ACT_ALREADY_ANSWERED' });
      expect(await store.acts.get('an_2')).toBeNull();
      // The answer's own key repeated: the first answer, nothing new.
      await expect(answer('an_3', 'amk-groningen', 'k1')).resolves.toMatchObject({ created: false, act: { id: 'an_1' } });
      expect((await store.query({}, { first: 10 })).entries).toHaveLength(2);
    });

    it('two concurrent enqueues with one key queue one act', async () => {
      harness = await open();
      const other = await harness.reopen();
      try {
        const results = await Promise.all([harness.store.acts.enqueue(act(), [entry(1)]), other.acts.enqueue(act({ id: 'ac_b' }), [entry(2)])]);
        expect(results.filter((result) => result.created)).toHaveLength(1);
        expect(new Set(results.map((result) => result.act.id)).size).toBe(1);
        expect((await harness.store.query({}, { first: 10 })).entries).toHaveLength(1);
      } finally {
        await other.close();
      }
    });

    it('lists a party\'s acts newest first, by status, in pages', async () => {
      harness = await open();
      const { store } = harness;
      for (let index = 0; index < 5; index++) {
        await store.acts.enqueue(act({ id: `ac_${index}`, idempotencyKey: `k${index}`, createdAt: new Date(T0.getTime() + index * SECOND) }), []);
      }
      await store.acts.enqueue(act({ id: 'ac_x', sender: 'politie-noord-nederland', receiver: 'bjz-groningen', idempotencyKey: 'x' }), []);
      const page = await store.acts.list({ party: 'amk-groningen' }, 2);
      expect(page.map((row) => row.id)).toEqual(['ac_4', 'ac_3']);
      expect((await store.acts.list({ party: 'amk-groningen' }, 10, 'ac_3')).map((row) => row.id)).toEqual(['ac_2', 'ac_1', 'ac_0']);
      expect((await store.acts.list({ party: 'bjz-groningen', status: 'PENDING' }, 10)).map((row) => row.id)).toEqual(['ac_x']);
    });
  });
}

outboxContract('act outbox on SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-acts-'));
  const path = join(dir, 'audit.sqlite');
  const opened: AuditStore[] = [];
  const openStore = () => { const store = createSqliteAuditStore({ path }); opened.push(store); return store; };
  const store = openStore();
  return {
    store,
    reopen: async () => openStore(),
    cleanup: async () => { for (const each of opened) await each.close(); rmSync(dir, { recursive: true, force: true }); },
  };
});

describePostgres('act outbox on PostgreSQL', () => {
  outboxContract('act outbox (PostgreSQL)', async () => {
    const schema = uniqueSchema('acts');
    const opened: AuditStore[] = [];
    const openStore = async () => { const store = await createPostgresAuditStore({ connectionString: DATABASE_URL, schema }); opened.push(store); return store; };
    const store = await openStore();
    return {
      store,
      reopen: openStore,
      cleanup: async () => { for (const each of opened) await each.close(); await dropSchema(schema); },
    };
  });
});
