/**
 * The filters auditEntries gained (trace, operation, record) on both stores: the contract suite's filter
 * oracle predates them. Entries of three requests, two in one trace, with records shared between them;
 * each filter alone, with the agency scope, and paged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditEntryInput } from '#src/audit/entry.ts';
import { createPostgresAuditStore } from '#src/audit/postgres/store.ts';
import { createSqliteAuditStore } from '#src/audit/sqlite/store.ts';
import type { AuditFilter, AuditStore } from '#src/audit/store.ts';
import { entry } from './entry-builder.ts';
import { DATABASE_URL, describePostgres, dropSchema, uniqueSchema } from './postgres-env.ts';

const TRACE_A = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACE_B = '0af7651916cd43dd8448eb211c80319c';
const RECORD_1 = `pe_${'1'.padStart(22, 'r')}`;
const RECORD_2 = `pe_${'2'.padStart(22, 'r')}`;

/** Request n: its operation, its trace, and one entry per record, the owner alternating. */
function request(n: number, trace: string, records: readonly string[]): AuditEntryInput[] {
  return records.map((record, index) => entry(n * 10 + index, {
    traceId: trace, operationId: `0000000${n}-0000-4000-8000-000000000000`, entityId: record,
    owner: index % 2 === 0 ? 'ashg-groningen' : 'politie-noord-nederland',
  }));
}
const REQUESTS = [request(1, TRACE_A, [RECORD_1, RECORD_2]), request(2, TRACE_A, [RECORD_2]), request(3, TRACE_B, [RECORD_1, RECORD_2, RECORD_1])];
const INPUTS = REQUESTS.flat();

async function all(store: AuditStore, filter: AuditFilter): Promise<AuditEntry[]> {
  const found: AuditEntry[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.query(filter, { first: 2, ...(after ? { after } : {}) });
    found.push(...page.entries);
    if (!page.hasNextPage) return found;
    after = page.endCursor!;
  }
}

function describeFilters(name: string, open: () => Promise<{ store: AuditStore; close(): Promise<void> }>): void {
  describe(name, () => {
    let store: AuditStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await open());
      for (const entries of REQUESTS) await store.append(entries);
    });
    afterAll(async () => close?.());

    const cases: [string, AuditFilter, (item: AuditEntryInput) => boolean][] = [
      ['a trace', { traceId: TRACE_A }, (item) => item.traceId === TRACE_A],
      ['an operation', { operationId: '00000003-0000-4000-8000-000000000000' }, (item) => item.operationId.startsWith('00000003')],
      ['a record', { entityId: RECORD_1 }, (item) => item.entityId === RECORD_1],
      ['a record within a trace', { entityId: RECORD_2, traceId: TRACE_A }, (item) => item.entityId === RECORD_2 && item.traceId === TRACE_A],
      ['a record in one agency\'s scope', { entityId: RECORD_1, scopeAgencyId: 'politie-noord-nederland' }, (item) => item.entityId === RECORD_1 && item.owner === 'politie-noord-nederland'],
      ['a trace nobody wrote', { traceId: 'ffffffffffffffffffffffffffffffff' }, () => false],
    ];
    it.each(cases)('finds the entries of %s, and only those, page by page', async (_label, filter, expected) => {
      const found = await all(store, filter);
      expect(found.map((item) => [item.operationId, item.entityId, item.time.toISOString()]))
        .toEqual(INPUTS.filter(expected).map((item) => [item.operationId, item.entityId, item.time.toISOString()]));
    });
  });
}

describeFilters('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-filters-'));
  const store = createSqliteAuditStore({ path: join(dir, 'audit.sqlite') });
  return { store, close: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
});

describePostgres('PostgreSQL', () => describeFilters('filters', async () => {
  const schema = uniqueSchema('filters');
  const store = await createPostgresAuditStore({ connectionString: DATABASE_URL, schema });
  return { store, close: async () => { await store.close(); await dropSchema(schema); } };
}));
