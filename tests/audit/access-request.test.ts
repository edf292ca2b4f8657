/**
 * The access request's pages (src/audit/access-request.ts) on both stores: the head found from any
 * request, the chain part read once and shared, every proof whole again with it, the anchor kept
 * across pages, the bounds and refusals; and the counts' bound.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAccessRequest } from '#src/audit/access-request-counts.ts';
import { accessRequestPage, findHead, fullProof, type AccessRequestQuery, type ChainSegment, type ReportEntry } from '#src/audit/access-request.ts';
import type { AuditEntryInput } from '#src/audit/entry.ts';
import { createPostgresAuditStore } from '#src/audit/postgres/store.ts';
import { checkProof } from '#src/audit/proof.ts';
import { createPseudonymizer } from '#src/audit/pseudonymize.ts';
import { createSqliteAuditStore } from '#src/audit/sqlite/store.ts';
import type { AuditStore } from '#src/audit/store.ts';
import { entry, T0 } from './entry-builder.ts';
import { DATABASE_URL, describePostgres, dropSchema, uniqueSchema } from './postgres-env.ts';

const P = createPseudonymizer('a-test-pseudonym-secret-of-forty-characters')('111222333');
const QUERY: AccessRequestQuery = { subject: P, scopeAgencyId: 'amk-groningen', from: T0, to: new Date(T0.getTime() + 24 * 3600_000) };

/** 30 requests: every third about the person (20 of them besides the person: the chain between them grows). */
function trail(): AuditEntryInput[] {
  return Array.from({ length: 30 }, (_, index) => entry(index + 1, index % 3 === 0 ? { subject: P, subjectType: 'person' } : {}));
}

function suite(open: () => Promise<{ store: AuditStore; close(): Promise<void> }>) {
  let store: AuditStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await open());
    await store.append(trail());
  });
  afterAll(async () => close?.());

  it('finds the head from any request it holds', async () => {
    const verified = await store.verify();
    for (const from of [1, 2, 17, 30]) expect(await findHead(store, from)).toEqual({ seq: verified.headSeq, hash: verified.headHash });
  });

  it('pages with one anchor, the chain read once, every proof whole again with the first page\'s chain', async () => {
    const pages: { entries: readonly ReportEntry[]; chain: ChainSegment | null }[] = [];
    let after: string | undefined;
    let anchor = null;
    do {
      const result = await accessRequestPage(store, QUERY, { first: 4, after, chain: pages.length === 0 });
      if (!result.ok) throw new Error(result.message);
      anchor ??= result.page.anchor;
      expect(result.page.anchor).toEqual(anchor);
      pages.push(result.page);
      after = result.page.hasNextPage ? result.page.endCursor ?? undefined : undefined;
      if (pages.length === 1) await store.append([entry(99)]);
    } while (after);
    expect(pages.map((page) => page.entries.length)).toEqual([4, 4, 2]);
    expect(pages.slice(1).every((page) => page.chain === null)).toBe(true);
    const chain = pages[0]!.chain!;
    expect(chain).toMatchObject({ afterSeq: 1 });
    expect(chain.headerDigests).toHaveLength(29);
    for (const { entry: found, proof, relation } of pages.flatMap((page) => page.entries)) {
      expect(relation).toBe('subject');
      expect(checkProof(fullProof(proof!, chain, anchor!)), String(found.seq)).toEqual({ ok: true });
    }
  });

  it('proves against an anchor asked for, and leaves later entries unproved', async () => {
    const result = await accessRequestPage(store, QUERY, { first: 50, anchorSeq: 10 });
    if (!result.ok) throw new Error(result.message);
    const { page } = result;
    expect(page.anchor).toEqual({ seq: 10, hash: await store.requestHash(10) });
    expect(page.entries.filter((item) => item.proof).map((item) => item.entry.seq)).toEqual([1, 4, 7, 10]);
    expect(page.entries.filter((item) => !item.proof)).toHaveLength(6);
    for (const item of page.entries.filter((each) => each.proof)) expect(checkProof(fullProof(item.proof!, page.chain!, page.anchor!))).toEqual({ ok: true });
  });

  it('refuses a chain longer than the bound, an anchor it does not hold, a cursor of something else', async () => {
    expect(await accessRequestPage(store, QUERY, { first: 5, maxChainDigests: 10 })).toMatchObject({ ok: false, problem: 'chain-too-long' });
    expect(await accessRequestPage(store, QUERY, { first: 5, anchorSeq: 500 })).toMatchObject({ ok: false, problem: 'anchor-not-held' });
    for (const after of ['nonsense', Buffer.from('ar1:-:bm9wZQ').toString('base64url')]) {
      expect(await accessRequestPage(store, QUERY, { first: 5, after }), after).toMatchObject({ ok: false, problem: 'bad-cursor' });
    }
  });

  it('counts the whole period, and says when it stopped counting', async () => {
    expect(await countAccessRequest(store, QUERY)).toMatchObject({ entries: 10, complete: true, organisations: 1, organisationsThatSaw: 1 });
    expect(await countAccessRequest(store, QUERY, 4)).toMatchObject({ entries: 4, complete: false });
  });
}

describe('on SQLite', () => {
  suite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-access-'));
    const store = createSqliteAuditStore({ path: join(dir, 'audit.sqlite') });
    return { store, close: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  });
});

describePostgres('on PostgreSQL', () => {
  suite(async () => {
    const schema = uniqueSchema('audit_access');
    const store = await createPostgresAuditStore({ connectionString: DATABASE_URL, schema });
    return { store, close: async () => { await store.close(); await dropSchema(schema); } };
  });
});
