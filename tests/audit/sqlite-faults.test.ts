/**
 * The SQLite store under real file faults: its file or folder deleted, replaced or moved while open,
 * its files made read-only, its file system full. A commit it cannot make durable at its path is
 * refused (AUDIT_WRITE_FAILED), readiness (ping) fails while the fault lasts (AUDIT_UNAVAILABLE), and
 * every append that resolved has its entries in the file at the path.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteAuditStore } from '#src/audit/sqlite/store.ts';
import type { AuditStore } from '#src/audit/store.ts';
import { entry } from './entry-builder.ts';
import { readOnlyRoute, smallFileSystem, storeFiles } from './file-faults.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-faults-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function open(path: string, options: Parameters<typeof createSqliteAuditStore>[0] = {}): AuditStore {
  const store = createSqliteAuditStore({ path, busyTimeoutMs: 100, minFreeBytes: 1024 * 1024, ...options });
  cleanups.push(() => store.close());
  return store;
}

/** Entries in the file at the path now, read by a connection of its own. */
function entriesAt(path: string): number {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return Number((db.prepare('SELECT count(*) AS n FROM audit_record').get() as { n: number }).n);
  } finally {
    db.close();
  }
}

/** Appends one entry at a time; counts those the store said were committed. */
async function appendEach(store: AuditStore, from: number, count: number): Promise<{ committed: number; refused: unknown[] }> {
  let committed = 0;
  const refused: unknown[] = [];
  for (let n = from; n < from + count; n++) {
    try {
      await store.append([entry(n)]);
      committed++;
    } catch (error) {
      refused.push(error);
    }
  }
  return { committed, refused };
}

describe('sqlite store whose files are removed or replaced while open', () => {
  const removals = [
    { name: 'the database file deleted', remove: (path: string) => rmSync(path) },
    { name: 'its WAL deleted', remove: (path: string) => rmSync(`${path}-wal`) },
    { name: 'its folder deleted', remove: (path: string) => rmSync(join(path, '..'), { recursive: true }) },
  ];

  it.each(removals)('refuses every commit once $name, and is not ready', async ({ remove }) => {
    const path = join(tempDir(), 'data', 'audit.sqlite');
    const store = open(path);
    expect((await appendEach(store, 1, 3)).committed).toBe(3);
    await expect(store.ping()).resolves.toBeUndefined();

    remove(path);
    const after = await appendEach(store, 4, 3);
    expect(after.committed).toBe(0);
    for (const error of after.refused) expect(error).toMatchObject({ code: 'AUDIT_WRITE_FAILED' });
    await expect(store.ping()).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE', message: expect.stringMatching(/removed while open/) });
  });

  it('does not take a new database at its path for its own: that would be a new chain', async () => {
    const path = join(tempDir(), 'data', 'audit.sqlite');
    const store = open(path);
    expect((await appendEach(store, 1, 3)).committed).toBe(3);
    rmSync(join(path, '..'), { recursive: true });
    mkdirSync(join(path, '..'));
    const stranger = open(path);
    await stranger.append([entry(100)]);
    await expect(store.ping()).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE', message: expect.stringMatching(/replaced while open/) });
    await expect(store.append([entry(4)])).rejects.toMatchObject({ code: 'AUDIT_WRITE_FAILED' });
    expect(entriesAt(path)).toBe(1);
  });

  it('refuses while its folder is moved away, and takes the very same files back', async () => {
    const root = tempDir();
    const path = join(root, 'data', 'audit.sqlite');
    const store = open(path);
    expect((await appendEach(store, 1, 2)).committed).toBe(2);
    renameSync(join(root, 'data'), join(root, 'elsewhere'));
    expect((await appendEach(store, 3, 2)).committed).toBe(0);
    await expect(store.ping()).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
    renameSync(join(root, 'elsewhere'), join(root, 'data'));
    await expect(store.ping()).resolves.toBeUndefined();
    expect((await appendEach(store, 5, 2)).committed).toBe(2);
    expect(await store.verify()).toMatchObject({ ok: true, checked: 4 });
    expect(entriesAt(path)).toBe(4);
  });
});

describe('sqlite store whose files are made read-only', () => {
  const route = readOnlyRoute();
  if ('skip' in route) {
    console.warn(`[tests/audit] skipping the read-only fault: ${route.skip}`);
    it.skip(`refuses commits while read-only (skipped: ${route.skip})`, () => {});
    return;
  }

  it(`refuses commits and is not ready while read-only (${route.name}), then recovers without a restart`, async () => {
    const path = join(tempDir(), 'audit.sqlite');
    const store = open(path);
    expect((await appendEach(store, 1, 3)).committed).toBe(3);
    const files = storeFiles(path);
    expect(files).toHaveLength(3);
    route.apply(files);
    try {
      await expect(store.ping()).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE', message: expect.stringMatching(/cannot be written/) });
      const during = await appendEach(store, 4, 3);
      expect(during.committed).toBe(0);
      for (const error of during.refused) expect(error).toMatchObject({ code: 'AUDIT_WRITE_FAILED' });
    } finally {
      route.undo(files);
    }
    await expect(store.ping()).resolves.toBeUndefined();
    expect((await appendEach(store, 7, 2)).committed).toBe(2);
    expect(await store.verify()).toMatchObject({ ok: true, checked: 5 });
    expect(entriesAt(path)).toBe(5);
  });
});

describe('sqlite store on a full file system', () => {
  it('refuses commits while the disk is full, is not ready, and commits again once there is room', async () => {
    const fs = smallFileSystem(24 * 1024 * 1024, 64);
    cleanups.push(() => fs.release());
    const path = join(fs.dir, 'audit.sqlite');
    const store = open(path, { ...fs.storeOptions, minFreeBytes: 4 * 1024 * 1024 });
    await expect(store.ping()).resolves.toBeUndefined();
    let committed = 0;
    let refused: unknown[] = [];
    // Fill: on tmpfs the filler takes every byte; on the fallback the page cap is reached by appending.
    fs.fill();
    for (let n = 1; n <= 2000 && refused.length === 0; n += 20) {
      const round = await appendEach(store, n, 20);
      committed += round.committed;
      refused = round.refused;
    }
    expect(refused.length).toBeGreaterThan(0);
    for (const error of refused) expect(error).toMatchObject({ code: 'AUDIT_WRITE_FAILED' });
    if (fs.route === 'tmpfs') await expect(store.ping()).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE', message: expect.stringMatching(/bytes free/) });

    if (fs.route === 'tmpfs') {
      fs.free();
      await expect(store.ping()).resolves.toBeUndefined();
      const again = await appendEach(store, 5000, 3);
      expect(again.committed).toBe(3);
      committed += again.committed;
    }
    expect(await store.verify()).toMatchObject({ ok: true, checked: committed });
    await store.close();
    expect(entriesAt(path)).toBe(committed);
  });
});
