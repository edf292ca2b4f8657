import { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openAuditStore } from '#src/audit/open-audit-store.ts';
import { createSqliteAuditStore } from '#src/audit/sqlite/store.ts';
import { describeAuditStoreContract, UPDATES, type AuditStoreHarness, type HarnessOptions } from './audit-store-contract.ts';
import { entry } from './entry-builder.ts';

/** Any chain hash: lowercase hex SHA-256. */
const HEAD_HASH = expect.stringMatching(/^[0-9a-f]{64}$/);

/** Runs SQL on a second connection with the append-only triggers dropped, then puts them back. */
function withoutGuards(path: string, work: (db: DatabaseSync) => void): void {
  const db = new DatabaseSync(path);
  try {
    db.exec('BEGIN IMMEDIATE');
    const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
    for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
    work(db);
    for (const trigger of triggers) db.exec(trigger.sql);
    db.exec('COMMIT');
  } finally {
    db.close();
  }
}

function attempt(path: string, sql: string): unknown {
  const db = new DatabaseSync(path);
  try {
    db.exec(sql);
    return null;
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
}

async function createHarness(options: HarnessOptions = {}): Promise<AuditStoreHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-audit-'));
  const path = join(dir, 'nested', 'audit.sqlite');
  const indexPath = `${path}.index`;
  const open = () => createSqliteAuditStore({ path, busyTimeoutMs: 100, ...options });
  const store = open();
  const opened = [store];
  /**
   * The contract's audit_index is, in SQLite, the trail_index of the index file (trail-index.ts),
   * written behind the commit: it is brought up to the head first, so the SQL meets every row.
   */
  const target = async (sql: string): Promise<{ file: string; sql: string }> => {
    if (!sql.includes('audit_index')) return { file: path, sql };
    await store.catchUpIndex?.();
    return { file: indexPath, sql: sql.replaceAll('audit_index', 'trail_index') };
  };
  return {
    store,
    timeColumn: 'time_ms',
    raw: async (sql, params = []) => {
      const at = await target(sql);
      withoutGuards(at.file, (db) => void db.prepare(at.sql).run(...params));
    },
    select: async (sql, params = []) => {
      const at = await target(sql);
      const db = new DatabaseSync(at.file);
      try {
        return db.prepare(at.sql).all(...params) as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    tryUpdate: async (table, seq) => {
      const at = await target(UPDATES[table as keyof typeof UPDATES] + seq);
      return attempt(at.file, at.sql);
    },
    tryDelete: async (table, seq) => {
      const at = await target(`DELETE FROM ${table} WHERE ${table === 'audit_index' ? 'request_seq' : 'seq'} = ${seq}`);
      return attempt(at.file, at.sql);
    },
    dump: async () => {
      await store.catchUpIndex?.();
      const dumpFile = (file: string) => {
        const db = new DatabaseSync(file);
        try {
          const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
          const rows = tables.map((table) => JSON.stringify(db.prepare(`SELECT * FROM ${table.name}`).all()));
          // The file bytes too: the WAL may hold pages not yet checkpointed into the main file.
          const bytes = [file, `${file}-wal`].filter(existsSync).map((each) => readFileSync(each).toString('latin1'));
          return [...rows, ...bytes];
        } finally {
          db.close();
        }
      };
      // The trail and its index file: personal data must be in neither.
      return [...dumpFile(path), ...dumpFile(indexPath)].join('\n');
    },
    lockDatabase: async () => {
      const db = new DatabaseSync(path);
      db.exec('BEGIN EXCLUSIVE');
      return async () => {
        db.exec('ROLLBACK');
        db.close();
      };
    },
    reopen: async () => {
      const again = open();
      opened.push(again);
      return again;
    },
    cleanup: async () => {
      for (const each of opened) await each.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeAuditStoreContract('sqlite', createHarness);

describe('sqlite audit store specifics', () => {
  const dirs: string[] = [];
  const tempPath = (...parts: string[]): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-audit-'));
    dirs.push(dir);
    return join(dir, ...parts);
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates its folder and runs the file in WAL mode', async () => {
    const path = tempPath('a', 'b', 'audit.sqlite');
    const store = createSqliteAuditStore({ path });
    try {
      await store.append([entry(1)]);
      const db = new DatabaseSync(path);
      expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
      db.close();
      expect(existsSync(`${path}-wal`)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('refuses changes to checkpoints and the removal of the chain head', async () => {
    const path = tempPath('audit.sqlite');
    const store = createSqliteAuditStore({ path });
    try {
      await store.append([entry(1), entry(2)]);
      expect(await store.prune({ '*': 0 }, new Date('2030-01-01T00:00:00Z'))).toEqual({ removed: 2, checkpointSeq: 2, noticesRemoved: 0 });
      expect(attempt(path, 'UPDATE audit_checkpoint SET seq = 1')).toBeInstanceOf(Error);
      expect(attempt(path, 'DELETE FROM audit_checkpoint')).toBeInstanceOf(Error);
      expect(attempt(path, 'DELETE FROM audit_chain_head')).toBeInstanceOf(Error);
      expect(await store.verify()).toEqual({ ok: true, checked: 0, entriesChecked: 0, headSeq: 2, headHash: HEAD_HASH, checkpointSeq: 2 });
    } finally {
      await store.close();
    }
  });

  it('migrates a file once: opening it again keeps schema version and entries', async () => {
    const path = tempPath('audit.sqlite');
    const first = createSqliteAuditStore({ path });
    await first.append([entry(1)]);
    await first.close();
    const second = createSqliteAuditStore({ path });
    try {
      const db = new DatabaseSync(path);
      // The act outbox is migration 5, its order of changes 6.
      // The search index left the trail's database in migration 9 (trail-index.ts); webhook leases are 10.
      expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: 10 });
      db.close();
      expect(await second.verify()).toMatchObject({ ok: true, checked: 1 });
    } finally {
      await second.close();
    }
  });

  it('fails closed with coded errors when its file cannot be opened, and openAuditStore fails at start', async () => {
    const file = tempPath('not-a-folder');
    writeFileSync(file, 'a file where a folder should be');
    const store = createSqliteAuditStore({ path: join(file, 'audit.sqlite') });
    try {
      await expect(store.ping()).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
      await expect(store.append([entry(1)])).rejects.toMatchObject({ code: 'AUDIT_WRITE_FAILED' });
      await expect(store.query({}, { first: 10 })).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
    } finally {
      await store.close();
    }
    await expect(openAuditStore({ dataDir: file })).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
  });

  it('refuses to open a file holding a trail of the first format, and says what to do', async () => {
    const path = tempPath('audit.sqlite');
    const db = new DatabaseSync(path);
    db.exec(`CREATE TABLE audit_entry (seq INTEGER PRIMARY KEY); INSERT INTO audit_entry (seq) VALUES (1); PRAGMA user_version = 2;`);
    db.close();
    const store = createSqliteAuditStore({ path });
    try {
      await expect(store.ping()).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE', message: expect.stringMatching(/first format/) });
    } finally {
      await store.close();
    }
  });

  it('answers calls made before and after close in order: committed before, refused after', async () => {
    const path = tempPath('audit.sqlite');
    const store = createSqliteAuditStore({ path });
    const appended = store.append([entry(1), entry(2)]);
    const closed = store.close();
    await expect(appended).resolves.toBeUndefined();
    await closed;
    await expect(store.append([entry(3)])).rejects.toMatchObject({ code: 'AUDIT_STORE_CLOSED' });
    await expect(store.verify()).rejects.toMatchObject({ code: 'AUDIT_STORE_CLOSED' });
    const again = createSqliteAuditStore({ path });
    try {
      expect(await again.verify()).toMatchObject({ ok: true, checked: 2 });
    } finally {
      await again.close();
    }
  });

  it('shows an entry for a subject only if its hashed row names the subject, whatever the lookup table says', async () => {
    const path = tempPath('audit.sqlite');
    const store = createSqliteAuditStore({ path });
    const member = `ps_${'m'.repeat(43)}`;
    const stranger = `ps_${'s'.repeat(43)}`;
    try {
      await store.append([
        entry(1, { subject: `ps_${'a'.repeat(43)}`, subjectType: 'household', relatedSubjects: [member] }),
        entry(2, { subject: `ps_${'b'.repeat(43)}`, subjectType: 'person' }),
      ]);
      expect((await store.query({ subject: member }, { first: 10 })).entries.map((item) => item.seq)).toEqual([1]);
      // Someone adds a lookup row pointing a stranger at entry 2: the entry does not name them, so it is not shown.
      await store.catchUpIndex?.();
      const db = new DatabaseSync(`${path}.index`);
      db.prepare("INSERT INTO trail_index (kind, value, request_seq) VALUES ('subject', ?, ?)").run(stranger, 2);
      db.close();
      expect((await store.query({ subject: stranger }, { first: 10 })).entries).toEqual([]);
      // ... and verify names the added row.
      expect(await store.verify()).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    } finally {
      await store.close();
    }
  });
});
