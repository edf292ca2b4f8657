/**
 * The contract every audit store passes (sqlite-store.test.ts and postgres-store.test.ts run it):
 * append and read back, filters, pagination and scope, the hash chain and its tamper detection, prune
 * with checkpoints, the append-only guard, group commit, and failing closed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeEntryInput } from '#src/audit/normalize-entry.ts';
import type { AuditEntry, AuditEntryInput } from '#src/audit/entry.ts';
import { checkProof } from '#src/audit/proof.ts';
import { createPseudonymizer } from '#src/audit/pseudonymize.ts';
import type { NewNotice } from '#src/audit/notices.ts';
import type { AuditFilter, AuditStore } from '#src/audit/store.ts';
import { GENESIS_HASH, headerDigest, linkHash, type UnitHeader } from '#src/audit/unit.ts';
import { createWorld } from '#mock-world/index.ts';
import { decision, entry, MINUTE_MS, T0 } from './entry-builder.ts';

/** Any chain hash: lowercase hex SHA-256. */
const HEAD_HASH = expect.stringMatching(/^[0-9a-f]{64}$/);

export interface AuditStoreHarness {
  readonly store: AuditStore;
  /** The start time column of audit_request in this store (`time_ms` holds epoch ms, `time` a timestamp). */
  readonly timeColumn: 'time_ms' | 'time';
  /**
   * Runs SQL past the store and its append-only guards, as an intruder with database access would.
   * Tables unqualified (audit_request, audit_record, audit_index), parameters as `?`; JSON columns take
   * JSON text.
   */
  raw(sql: string, params?: readonly (string | number | null)[]): Promise<void>;
  /** Reads rows with plain SQL (same conventions). */
  select(sql: string, params?: readonly (string | number | null)[]): Promise<Record<string, unknown>[]>;
  /** An UPDATE and a DELETE of a row of `table` as any client would send them, guard in place: the error, or null. */
  tryUpdate(table: string, seq: number): Promise<unknown>;
  tryDelete(table: string, seq: number): Promise<unknown>;
  /** Every audit table's content as text (and for a file database its bytes), for the personal data check. */
  dump(): Promise<string>;
  /** Another connection takes the write lock and holds it; resolves to the release. */
  lockDatabase(): Promise<() => Promise<void>>;
  /** A second store on the same database (e.g. after the first was closed). */
  reopen(): Promise<AuditStore>;
  cleanup(): Promise<void>;
}

/** One harmless-looking change per table, as any client would send it. */
export const UPDATES = {
  audit_request: "UPDATE audit_request SET purpose = 'changed' WHERE seq = ",
  audit_record: "UPDATE audit_record SET kind = 'changed' WHERE seq = ",
  audit_index: "UPDATE audit_index SET value = 'changed' WHERE request_seq = ",
} as const;

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
      viewer: { agencyId: AGENCIES[n % 4] as string, userId: `user-${n % 3}`, role: 'caseworker', responsibleUserId: n % 6 === 0 ? 'lead-1' : null, accessPoint: 'registratie-app' },
      owner: isSearch ? null : (AGENCIES[Math.floor(n / 3) % 4] as string),
      subject: SUBJECTS[n % 3] ?? null,
      subjectType: SUBJECTS[n % 3] ? (n % 4 === 1 ? 'household' : 'person') : null,
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
  const { seq: _seq, prevHash: _prev, requestSeq: _request, requestHash: _requestHash, leafHash: _leaf, ...input } = stored;
  return input;
}

/** The header of a stored request, read back with plain SQL, to forge a rewrite as an intruder would. */
async function storedHeader(harness: AuditStoreHarness, seq: number): Promise<{ header: UnitHeader; prevHash: string }> {
  const [row] = await harness.select('SELECT * FROM audit_request WHERE seq = ?', [seq]);
  if (!row) throw new Error(`no request ${seq}`);
  const time = (value: unknown) => (value instanceof Date ? value : new Date(Number(value)));
  const header: UnitHeader = {
    seq, firstEntrySeq: Number(row.first_entry_seq), entryCount: Number(row.entry_count), root: String(row.root),
    traceId: String(row.trace_id), spanId: row.span_id as string | null, parentSpanId: row.parent_span_id as string | null,
    operationId: String(row.operation_id), operationName: row.operation_name as string | null,
    time: time(row[harness.timeColumn]), endTime: time(row[harness.timeColumn === 'time' ? 'end_time' : 'end_ms']),
    viewer: {
      agencyId: String(row.viewer_agency), userId: String(row.viewer_user), role: String(row.viewer_role),
      responsibleUserId: row.responsible_user as string | null, accessPoint: row.access_point as string | null,
    },
    purpose: String(row.purpose), processingActivity: String(row.processing_activity),
  };
  return { header, prevHash: String(row.prev_hash) };
}

/** One request of five entries (one operation), for the tests that look inside a request. */
function oneRequest(n: number): AuditEntryInput[] {
  return Array.from({ length: 5 }, (_, index) => entry(n, {
    entityId: `pe_${String(index).padStart(22, 'r')}`, subject: pseudonymize(`90000${index}107`.slice(0, 9)), subjectType: 'person',
    decisions: [decision({ id: `dc_req${n}.${index}` }), decision({ id: `dc_req${n}.${index + 10}`, coordinate: 'Report.narrative', effect: 'deny', reason: 'NO_GRANT', agreementKey: null, article: null, ruleId: null })],
  }));
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
        expect(stored.map(withoutChain)).toEqual(inputs.map(normalizeEntryInput));
        expect(stored[0]?.prevHash).toBe('0'.repeat(64));
        for (let index = 1; index < stored.length; index++) {
          expect(stored[index]?.prevHash).toBe(stored[index - 1]?.requestHash);
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
        expect(await store.verify()).toMatchObject({ ok: true, headSeq: 2, headHash: newest?.requestHash });
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
        expect(await store.verify()).toEqual({ ok: true, checked: 10, entriesChecked: 10, headSeq: 10, headHash: HEAD_HASH, checkpointSeq: null });
      });

      const tampers: [string, string, (string | number | null)[]][] = [
        ['a request column', 'UPDATE audit_request SET purpose = ? WHERE seq = 4', ['case-conference']],
        ['an entry column', "UPDATE audit_record SET kind = ? WHERE seq = 4", ['search']],
        ['the owner, set to null', 'UPDATE audit_record SET owner_agency = NULL WHERE seq = 4', []],
        ['an entry body (released fields)', 'UPDATE audit_record SET body = ? WHERE seq = 4', ['{"r":[0,0]}']],
        ['the request\'s dictionary (a subject)', `UPDATE audit_request SET dictionary = ? WHERE seq = 4`,
          [JSON.stringify({ coordinates: ['Report.status', 'Report.violenceTypes', 'Report.reporter'], decisions: [], subjects: [pseudonymize('900000302')], facts: [], groups: [] })]],
        ['the time', 'UPDATE audit_request SET end_ms = end_ms + 1 WHERE seq = 4', []],
        ['the stored hash', 'UPDATE audit_request SET hash = ? WHERE seq = 4', ['f'.repeat(64)]],
        ['the root', 'UPDATE audit_request SET root = ? WHERE seq = 4', ['e'.repeat(64)]],
        ['the leaf locator', 'UPDATE audit_record SET leaf = ? WHERE seq = 4', ['0123456789abcdef']],
      ];

      it.each(tampers)('detects %s changed directly in the database, at that request', async (_label, sql, params) => {
        await harness.raw(harness.timeColumn === 'time' ? sql.replace('end_ms = end_ms + 1', "end_time = end_time + interval '1 ms'") : sql, params);
        const result = await store.verify();
        expect(result).toMatchObject({ ok: false, firstBrokenSeq: 4 });
      });

      it('detects a request rewritten together with its own hash, at the rewritten request', async () => {
        const { header, prevHash } = await storedHeader(harness, 6);
        const forged = { ...header, purpose: 'case-conference' };
        await harness.raw('UPDATE audit_request SET purpose = ?, hash = ? WHERE seq = 6', ['case-conference', linkHash(prevHash, headerDigest(forged))]);
        const result = await store.verify();
        expect(result).toMatchObject({ ok: false, firstBrokenSeq: 6 });
        if (!result.ok) expect(result.reason).toMatch(/rewritten/);
      });

      it('detects a request removed from the middle, at the missing request', async () => {
        await harness.raw('DELETE FROM audit_record WHERE seq = 7');
        await harness.raw('DELETE FROM audit_request WHERE seq = 7');
        expect(await store.verify()).toMatchObject({ ok: false, firstBrokenSeq: 7 });
      });

      it('detects the newest request removed (the head still points past it)', async () => {
        await harness.raw('DELETE FROM audit_record WHERE seq = 10');
        await harness.raw('DELETE FROM audit_request WHERE seq = 10');
        expect(await store.verify()).toMatchObject({ ok: false, firstBrokenSeq: 10 });
      });

      it('detects an entry added after the head', async () => {
        await harness.raw(`INSERT INTO audit_record (seq, request_seq, kind, owner_agency, entity_type, entity_id, outcome, body, leaf)
          SELECT 11, request_seq, kind, owner_agency, entity_type, entity_id, outcome, body, leaf FROM audit_record WHERE seq = 10`);
        expect(await store.verify()).toMatchObject({ ok: false, firstBrokenEntrySeq: 11 });
      });

      it.each([
        ['a subject index row deleted', "DELETE FROM audit_index WHERE kind = 'subject' AND request_seq = 4"],
        ['a decision index row deleted', "DELETE FROM audit_index WHERE kind = 'decision' AND request_seq = 4"],
        ['an agreement index row deleted', "DELETE FROM audit_index WHERE kind = 'agreement' AND request_seq = 4"],
        ['an index row added', `INSERT INTO audit_index (kind, value, request_seq) VALUES ('subject', '${pseudonymize('900000404')}', 4)`],
      ])('detects %s, at that request', async (_label, sql) => {
        await harness.raw(sql);
        expect(await store.verify()).toMatchObject({ ok: false, firstBrokenSeq: 4 });
      });

      it('detects an index row naming a request that is not in the chain', async () => {
        await harness.raw(`INSERT INTO audit_index (kind, value, request_seq) VALUES ('subject', '${pseudonymize('900000404')}', 99)`);
        expect(await store.verify()).toMatchObject({ ok: false });
      });

      it('proves a single entry against the head and against an earlier anchor, and a tampered proof fails', async () => {
        const head = await store.verify();
        const proof = await store.prove(3);
        expect(proof).not.toBeNull();
        expect(proof?.anchor).toEqual({ seq: head.headSeq, hash: head.headHash });
        expect(checkProof(proof as NonNullable<typeof proof>)).toEqual({ ok: true });
        const toFive = await store.prove(3, 5);
        const fifth = (await queryAll(store, {})).find((item) => item.seq === 5);
        expect(toFive?.anchor).toEqual({ seq: 5, hash: fifth?.requestHash });
        expect(checkProof(toFive as NonNullable<typeof toFive>)).toEqual({ ok: true });
        const altered = { ...(proof as NonNullable<typeof proof>), entryDocument: (proof as NonNullable<typeof proof>).entryDocument.replace('"access"', '"search"') };
        expect(checkProof(altered)).toMatchObject({ ok: false });
        expect(await store.prove(3, 2)).toBeNull();
        expect(await store.prove(999)).toBeNull();
      });

      it('refuses UPDATE and DELETE of requests, entries and index rows from any other client', async () => {
        for (const table of ['audit_request', 'audit_record', 'audit_index']) {
          expect(await harness.tryUpdate(table, 3)).toBeInstanceOf(Error);
          expect(await harness.tryDelete(table, 3)).toBeInstanceOf(Error);
        }
        expect(await store.verify()).toMatchObject({ ok: true, checked: 10 });
        expect((await queryAll(store, {})).find((item) => item.seq === 3)?.operationId).toBe('op-3');
      });
    });

    describe('inside one request', () => {
      beforeEach(async () => {
        await store.append([entry(1)]);
        await store.append(oneRequest(2));
        await store.append([entry(3)]);
      });

      it('chains the request once: its five entries share one request and verify as one unit', async () => {
        const stored = await queryAll(store, {});
        expect(stored.map((item) => item.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
        expect(stored.map((item) => item.requestSeq)).toEqual([1, 2, 2, 2, 2, 2, 3]);
        expect(new Set(stored.slice(1, 6).map((item) => item.requestHash)).size).toBe(1);
        expect(await store.verify()).toEqual({ ok: true, checked: 3, entriesChecked: 7, headSeq: 3, headHash: HEAD_HASH, checkpointSeq: null });
        const found = await store.findDecision('dc_req2.12');
        expect(found?.entry.seq).toBe(4);
        expect(found?.decision.coordinate).toBe('Report.narrative');
      });

      it('names the entry changed inside a request', async () => {
        await harness.raw('UPDATE audit_record SET outcome = ? WHERE seq = 4', ['released']);
        expect(await store.verify()).toMatchObject({ ok: false, firstBrokenSeq: 2, firstBrokenEntrySeq: 4 });
      });

      it('names two entries of a request swapped', async () => {
        await harness.raw('UPDATE audit_record SET entity_id = ? WHERE seq = 3', ['pe_xxxxxxxxxxxxxxxxxxxxxx']);
        await harness.raw(`UPDATE audit_record SET entity_id = (SELECT entity_id FROM audit_record WHERE seq = 5) WHERE seq = 3`);
        await harness.raw(`UPDATE audit_record SET entity_id = ? WHERE seq = 5`, ['pe_rrrrrrrrrrrrrrrrrrrrr1']);
        expect(await store.verify()).toMatchObject({ ok: false, firstBrokenSeq: 2, firstBrokenEntrySeq: 3 });
      });

      it('names an entry removed from a request', async () => {
        await harness.raw('DELETE FROM audit_record WHERE seq = 5');
        expect(await store.verify()).toMatchObject({ ok: false, firstBrokenSeq: 2, firstBrokenEntrySeq: 5 });
      });

      it('proves each entry of the request on its own', async () => {
        for (const seq of [2, 3, 4, 5, 6]) {
          const proof = await store.prove(seq);
          expect(proof?.treeSize).toBe(5);
          expect(checkProof(proof as NonNullable<typeof proof>)).toEqual({ ok: true });
        }
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
        expect(await store.prune({ 'ashg-groningen': 365 }, NOW)).toEqual({ removed: 6, checkpointSeq: 6, noticesRemoved: 0 });
        expect(await store.verify()).toEqual({ ok: true, checked: 4, entriesChecked: 4, headSeq: 10, headHash: HEAD_HASH, checkpointSeq: 6 });
        expect((await queryAll(store, {})).map((item) => item.seq)).toEqual([7, 8, 9, 10]);
        expect(await store.prune({ 'ashg-groningen': 365 }, NOW)).toEqual({ removed: 0, checkpointSeq: null, noticesRemoved: 0 });
        await store.append([entry(11)]);
        expect(await store.verify()).toEqual({ ok: true, checked: 5, entriesChecked: 5, headSeq: 11, headHash: HEAD_HASH, checkpointSeq: 6 });
      });

      it('keeps entries of agencies without a retention period, and uses * as the default', async () => {
        await store.append(trail());
        expect(await store.prune({ 'amk-groningen': 1 }, NOW)).toEqual({ removed: 0, checkpointSeq: null, noticesRemoved: 0 });
        expect(await store.prune({ '*': 30 }, NOW)).toEqual({ removed: 6, checkpointSeq: 6, noticesRemoved: 0 });
      });

      it('removes notices past their recipient\'s retention (its own period, else *), and no others', async () => {
        const notice = (id: string, recipient: string, createdAt: Date): NewNotice => ({
          id, recipient, kind: 'RECORD_ACCESSED', createdAt,
          body: { agency: 'amk-groningen', purpose: 'case-conference', basis: [], records: [], fields: [], household: null, referralKind: null },
        });
        const old = new Date(NOW.getTime() - 100 * 86_400_000);
        const recent = new Date(NOW.getTime() - 86_400_000);
        await store.append([entry(1)], [notice('nt_a_old', 'ashg-groningen', old), notice('nt_a_new', 'ashg-groningen', recent),
          notice('nt_b_old', 'bjz-groningen', old), notice('nt_p_old', 'politie-noord-nederland', old)]);
        const ids = async (recipient: string) => (await store.notices.after(recipient, 0, 10)).map((item) => item.id);
        // ashg keeps 30 days; bjz falls under * (365 days); the police have a period of their own (10 days).
        expect((await store.prune({ 'ashg-groningen': 30, 'politie-noord-nederland': 10, '*': 365 }, NOW)).noticesRemoved).toBe(2);
        expect(await ids('ashg-groningen')).toEqual(['nt_a_new']);
        expect(await ids('bjz-groningen')).toEqual(['nt_b_old']);
        expect(await ids('politie-noord-nederland')).toEqual([]);
        // Without a period for it, a recipient keeps its notices; * then reaches the rest.
        expect((await store.prune({ 'ashg-groningen': 30 }, NOW)).noticesRemoved).toBe(0);
        expect((await store.prune({ '*': 50 }, NOW)).noticesRemoved).toBe(1);
        expect(await ids('bjz-groningen')).toEqual([]);
        expect(await ids('ashg-groningen')).toEqual(['nt_a_new']);
      });

      it('can remove everything and carry on from the checkpoint', async () => {
        await store.append(trail().slice(0, 6));
        expect(await store.prune({ '*': 0 }, NOW)).toEqual({ removed: 6, checkpointSeq: 6, noticesRemoved: 0 });
        expect(await store.verify()).toEqual({ ok: true, checked: 0, entriesChecked: 0, headSeq: 6, headHash: HEAD_HASH, checkpointSeq: 6 });
        await store.append([entry(7)]);
        expect((await queryAll(store, {})).map((item) => item.seq)).toEqual([7]);
        expect(await store.verify()).toEqual({ ok: true, checked: 1, entriesChecked: 1, headSeq: 7, headHash: HEAD_HASH, checkpointSeq: 6 });
      });

      it('detects tampering after a prune, relative to the checkpoint', async () => {
        await store.append(trail());
        await store.prune({ '*': 30 }, NOW);
        await harness.raw('UPDATE audit_request SET prev_hash = ? WHERE seq = 7', ['e'.repeat(64)]);
        expect(await store.verify()).toMatchObject({ ok: false, firstBrokenSeq: 7, checkpointSeq: 6 });
      });

      it('refuses to prune a tampered prefix (it would launder the tampering into a checkpoint)', async () => {
        await store.append(trail());
        await harness.raw('UPDATE audit_request SET purpose = ? WHERE seq = 3', ['case-conference']);
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
        expect(store.stats()).toMatchObject({ transactions: expect.any(Number), failedTransactions: 0, entries: 200 });
        expect(store.stats().indexFailures ?? 0).toBe(0);
        expect(store.stats().transactions).toBeLessThanOrEqual(5);
        expect(await store.verify()).toEqual({ ok: true, checked: 200, entriesChecked: 200, headSeq: 200, headHash: HEAD_HASH, checkpointSeq: null });
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
          entry(2 * index + 1, { subject: pseudonymize(person.bsn), subjectType: 'person' }),
          entry(2 * index + 2, {
            kind: 'search', owner: null, entityType: null, entityId: null, subject: pseudonymize(person.bsn), subjectType: 'person',
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
        ['a sealed id as entity id', { entityId: 'hh_c2VhbGVkLWlk' }],
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
        expect(await store.verify()).toEqual({ ok: true, checked: 6, entriesChecked: 6, headSeq: 6, headHash: HEAD_HASH, checkpointSeq: null });
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
