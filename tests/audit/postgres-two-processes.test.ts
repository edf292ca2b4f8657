/**
 * Several gateway processes writing one PostgreSQL audit schema must still form one chain: the chain
 * head row lock, not the process, decides seq and prevHash. Two real child processes append at once.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { createPostgresAuditStore } from '#src/audit/postgres/store.ts';
import type { AuditEntry } from '#src/audit/entry.ts';
import { DATABASE_URL, describePostgres, dropSchema, uniqueSchema } from './postgres-env.ts';

/** Any chain hash: lowercase hex SHA-256. */
const HEAD_HASH = expect.stringMatching(/^[0-9a-f]{64}$/);

const run = promisify(execFile);
const WORKER = fileURLToPath(new URL('./fixtures/append-worker.ts', import.meta.url));
const WAVES = 30;
const PER_WAVE = 10;

describePostgres('postgres audit store with two processes', () => {
  it('keeps one valid chain with every entry of both processes', async () => {
    const schema = uniqueSchema('audit_two');
    const startAt = String(Date.now() + 1500);
    try {
      const outputs = await Promise.all(['worker-a', 'worker-b'].map((id) =>
        run(process.execPath, [WORKER, DATABASE_URL, schema, id, String(WAVES), String(PER_WAVE), startAt], { timeout: 60_000 })));
      const reports = outputs.map((output) => JSON.parse(output.stdout) as { workerId: string; appended: number });
      expect(reports.map((report) => report.appended)).toEqual([WAVES * PER_WAVE, WAVES * PER_WAVE]);

      const store = await createPostgresAuditStore({ connectionString: DATABASE_URL, schema, timeoutMs: 30_000 });
      try {
        const total = 2 * WAVES * PER_WAVE;
        expect(await store.verify()).toEqual({ ok: true, checked: total, entriesChecked: total, headSeq: total, headHash: HEAD_HASH, checkpointSeq: null });
        const all: AuditEntry[] = [];
        let after: string | undefined;
        do {
          const page = await store.query({}, after === undefined ? { first: 500 } : { first: 500, after });
          all.push(...page.entries);
          after = page.hasNextPage ? (page.endCursor ?? undefined) : undefined;
        } while (after !== undefined);
        expect(all.map((item) => item.seq)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
        for (const id of ['worker-a', 'worker-b']) {
          const mine = all.filter((item) => item.viewer.userId === id).map((item) => item.operationId).sort();
          expect(mine).toEqual(Array.from({ length: WAVES * PER_WAVE }, (_, index) => `${id}-${index + 1}`).sort());
        }
        // The processes really did write at the same time: their entries alternate along the chain.
        const switches = all.filter((item, index) => index > 0 && item.viewer.userId !== all[index - 1]?.viewer.userId).length;
        expect(switches).toBeGreaterThan(2);
      } finally {
        await store.close();
      }
    } finally {
      await dropSchema(schema);
    }
  }, 90_000);
});
