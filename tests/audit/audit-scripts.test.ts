/** The operator scripts, run as the operator would: real processes against a real trail. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresAuditStore } from '#src/audit/postgres/store.ts';
import { headerDigest, linkHash, type UnitHeader } from '#src/audit/unit.ts';
import { createSqliteAuditStore } from '#src/audit/sqlite/store.ts';
import { entry } from './entry-builder.ts';
import { DATABASE_URL, describePostgres, dropSchema, uniqueSchema } from './postgres-env.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function runScript(script: string, args: string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  const base: Record<string, string | undefined> = { ...process.env };
  delete base.DATABASE_URL;
  delete base.KETENPOORT_AUDIT_SCHEMA;
  delete base.KETENPOORT_DATA_DIR;
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'scripts', script), ...args], { cwd: ROOT, env: { ...base, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('audit scripts on SQLite', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ketenpoort-audit-scripts-'));
    const store = createSqliteAuditStore({ path: join(dataDir, 'audit.sqlite') });
    await store.append(Array.from({ length: 10 }, (_, index) => entry(index + 1)));
    await store.close();
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  function tamper(seq: number): void {
    const db = new DatabaseSync(join(dataDir, 'audit.sqlite'));
    db.exec('DROP TRIGGER audit_request_no_update');
    db.prepare("UPDATE audit_request SET purpose = 'case-conference' WHERE seq = ?").run(seq);
    db.close();
  }

  it('audit:verify reports an intact chain with its counts, exit 0', async () => {
    const result = await runScript('audit-verify.ts', [], { KETENPOORT_DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('intact');
    expect(result.stdout).toContain('head at seq 10; walked from genesis; 10 requests, 10 entries checked');
  });

  it('audit:verify names the first broken link, exit 1', async () => {
    tamper(4);
    const result = await runScript('audit-verify.ts', [], { KETENPOORT_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('BROKEN');
    expect(result.stdout).toMatch(/first broken link: seq 4: .*altered/);
    expect(result.stdout).not.toContain('case-conference');
  });

  it('audit:verify --json gives the result as data', async () => {
    tamper(7);
    const result = await runScript('audit-verify.ts', ['--json'], { KETENPOORT_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, firstBrokenSeq: 7, checked: 7, headSeq: 10 });
  });

  /** The head as audit:verify prints it for recording elsewhere. */
  async function anchorNow(): Promise<string> {
    const result = await runScript('audit-verify.ts', [], { KETENPOORT_DATA_DIR: dataDir });
    const anchor = /anchor to record elsewhere: (\d+:[0-9a-f]{64})/.exec(result.stdout)?.[1];
    expect(anchor).toMatch(/^10:/);
    return anchor as string;
  }

  /** What someone with write access to the database could do: rewrite the newest entry with a valid hash. */
  function rewriteNewest(): void {
    const db = new DatabaseSync(join(dataDir, 'audit.sqlite'));
    db.exec('DROP TRIGGER audit_request_no_update');
    const row = db.prepare('SELECT * FROM audit_request WHERE seq = 10').get() as Record<string, string | number | null>;
    const header: UnitHeader = {
      seq: 10, firstEntrySeq: Number(row.first_entry_seq), entryCount: Number(row.entry_count), root: String(row.root),
      traceId: String(row.trace_id), spanId: row.span_id as string | null, parentSpanId: row.parent_span_id as string | null,
      operationId: String(row.operation_id), operationName: row.operation_name as string | null,
      time: new Date(Number(row.time_ms)), endTime: new Date(Number(row.end_ms)),
      viewer: { agencyId: String(row.viewer_agency), userId: String(row.viewer_user), role: String(row.viewer_role), responsibleUserId: null, accessPoint: null },
      purpose: 'case-conference', processingActivity: String(row.processing_activity),
    };
    const hash = linkHash(String(row.prev_hash), headerDigest(header));
    db.prepare("UPDATE audit_request SET purpose = 'case-conference', hash = ? WHERE seq = 10").run(hash);
    db.prepare('UPDATE audit_chain_head SET hash = ? WHERE id = 1').run(hash);
    db.close();
  }

  /** Or cut the tail off together with the head. */
  function truncateAfter(seq: number): void {
    const db = new DatabaseSync(join(dataDir, 'audit.sqlite'));
    db.exec('DROP TRIGGER audit_request_no_delete');
    db.exec('DROP TRIGGER audit_record_no_delete');
    const { hash } = db.prepare('SELECT hash FROM audit_request WHERE seq = ?').get(seq) as { hash: string };
    db.prepare('DELETE FROM audit_request WHERE seq > ?').run(seq);
    db.prepare('DELETE FROM audit_record WHERE seq > ?').run(seq);
    db.prepare('UPDATE audit_chain_head SET seq = ?, hash = ?, entry_seq = ? WHERE id = 1').run(seq, hash, seq);
    db.close();
    // ... and the search index's rows after it, with its watermark (trail-index.ts), so nothing but the anchor tells.
    const index = new DatabaseSync(join(dataDir, 'audit.sqlite.index'));
    index.exec('DROP TRIGGER trail_index_no_delete');
    index.prepare('DELETE FROM trail_index WHERE request_seq > ?').run(seq);
    index.prepare('UPDATE trail_index_state SET indexed_seq = min(indexed_seq, ?), indexed_hash = CASE WHEN indexed_seq > ? THEN ? ELSE indexed_hash END').run(seq, seq, hash);
    index.close();
  }

  it('audit:verify prints the head as an anchor, and holds the chain to anchors given back', async () => {
    const anchor = await anchorNow();
    const held = await runScript('audit-verify.ts', ['--anchor', anchor], { KETENPOORT_DATA_DIR: dataDir });
    expect(held.code).toBe(0);
    expect(held.stdout).toMatch(/anchor 10:[0-9a-f]{12}…: held/);
    // How far the SQLite search index's rows were checked (it follows the commit; docs/audit.md).
    expect(held.stdout).toMatch(/search index: rows checked up to request \d+/);
  });

  it('audit:verify catches a rewritten newest entry only through the anchor, exit 1', async () => {
    const anchor = await anchorNow();
    rewriteNewest();
    // The chain is self-consistent again: on its own, verify cannot tell.
    expect((await runScript('audit-verify.ts', [], { KETENPOORT_DATA_DIR: dataDir })).code).toBe(0);
    const result = await runScript('audit-verify.ts', ['--anchor', anchor, '--json'], { KETENPOORT_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, anchors: [{ seq: 10, held: false, reason: expect.stringMatching(/rewritten/) }] });
  });

  it('audit:verify catches a tail cut off with the head through the anchor, exit 1', async () => {
    const anchor = await anchorNow();
    truncateAfter(6);
    expect((await runScript('audit-verify.ts', [], { KETENPOORT_DATA_DIR: dataDir })).code).toBe(0);
    const result = await runScript('audit-verify.ts', ['--anchor', anchor], { KETENPOORT_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('BROKEN');
    expect(result.stdout).toContain('the chain ends at seq 6, before the anchor');
  });

  it('audit:verify calls a pruned anchor not checkable, and refuses a malformed one (exit 2)', async () => {
    const anchor = await anchorNow();
    await runScript('audit-prune.ts', ['--default-days', '1', '--now', '2030-01-01T00:00:00Z'], { KETENPOORT_DATA_DIR: dataDir });
    const pruned = await runScript('audit-verify.ts', ['--anchor', anchor], { KETENPOORT_DATA_DIR: dataDir });
    expect(pruned.code).toBe(0);
    // The checkpoint keeps the pruned head's hash: the anchor still holds against it.
    expect(pruned.stdout).toMatch(/anchor 10:[0-9a-f]{12}…: held/);
    const bad = await runScript('audit-verify.ts', ['--anchor', '10:not-a-hash'], { KETENPOORT_DATA_DIR: dataDir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--anchor must be');
  });

  it('audit:verify exits 2 when there is no trail, without creating one', async () => {
    const empty = join(dataDir, 'nothing-here');
    const result = await runScript('audit-verify.ts', [], { KETENPOORT_DATA_DIR: empty });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no audit trail');
  });

  it('audit:prune removes by per-agency retention and the chain still verifies', async () => {
    // Entries are from 2026-03-02; on 2026-04-01 a 20-day retention for the owner has expired.
    const pruned = await runScript('audit-prune.ts', ['--retention', 'ashg-groningen=20', '--default-days', 'keep', '--now', '2026-04-01T00:00:00Z'],
      { KETENPOORT_DATA_DIR: dataDir });
    expect(pruned.stdout).toContain('removed 10 entries; checkpoint at seq 10');
    expect(pruned.code).toBe(0);
    const verified = await runScript('audit-verify.ts', [], { KETENPOORT_DATA_DIR: dataDir });
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('walked from checkpoint at seq 10; 0 requests, 0 entries checked');
  });

  it('audit:prune keeps everything of agencies without retention under --default-days keep', async () => {
    const pruned = await runScript('audit-prune.ts', ['--retention', 'amk-groningen=1', '--default-days', 'keep', '--now', '2030-01-01T00:00:00Z'],
      { KETENPOORT_DATA_DIR: dataDir });
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toContain('removed 0 entries');
  });

  it('audit:prune refuses a broken chain (exit 1) and rejects a bad retention (exit 2)', async () => {
    tamper(2);
    const refused = await runScript('audit-prune.ts', ['--default-days', '1', '--now', '2030-01-01T00:00:00Z'], { KETENPOORT_DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('chain broken at request 2');
    const bad = await runScript('audit-prune.ts', ['--retention', 'ashg-groningen=soon'], { KETENPOORT_DATA_DIR: dataDir });
    expect(bad.code).toBe(2);
  });
});

describePostgres('audit:verify on PostgreSQL', () => {
  it('reads DATABASE_URL and the schema, and reports the first broken link', async () => {
    const schema = uniqueSchema('audit_script');
    const store = await createPostgresAuditStore({ connectionString: DATABASE_URL, schema });
    try {
      await store.append([entry(1), entry(2), entry(3)]);
      const env = { DATABASE_URL, KETENPOORT_AUDIT_SCHEMA: schema };
      const intact = await runScript('audit-verify.ts', [], env);
      expect(intact.code).toBe(0);
      expect(intact.stdout).toContain('3 requests, 3 entries checked');
      expect(intact.stdout).not.toContain('postgres@');
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`ALTER TABLE "${schema}".audit_request DISABLE TRIGGER audit_request_append_only`);
      await client.query(`UPDATE "${schema}".audit_request SET viewer_role = 'privacy-officer' WHERE seq = 2`);
      await client.end();
      const broken = await runScript('audit-verify.ts', [], env);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toMatch(/first broken link: seq 2:/);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });
});
