/**
 * Real file faults for the SQLite store's tests: files made read-only, and a file system that fills up.
 * Each fault is made the way it happens on a host, and which route a run took is printed, because the
 * routes depend on who runs the tests:
 * - read-only: `chmod 0444` stops writes only for a user other than root, so as root the files are made
 *   immutable (`chattr +i`) instead; a run that can do neither skips with the reason printed;
 * - full: a small tmpfs mounted for the test (root, or CAP_SYS_ADMIN); otherwise the store's own
 *   `maxPageCount` (PRAGMA max_page_count) stands in, which fails commits the same way (SQLITE_FULL) but
 *   leaves the file system with room, so readiness on a full disk is then not covered.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ReadOnlyRoute {
  readonly name: string;
  apply(files: readonly string[]): void;
  undo(files: readonly string[]): void;
}

/** The files SQLite keeps for a database, those that exist. */
export function storeFiles(path: string): string[] {
  return [path, `${path}-wal`, `${path}-shm`].filter((file) => existsSync(file));
}

function immutableWorks(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-chattr-'));
  const file = join(dir, 'probe');
  writeFileSync(file, 'x');
  try {
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
    try {
      writeFileSync(file, 'y');
      return false;
    } catch {
      return true;
    } finally {
      execFileSync('chattr', ['-i', file], { stdio: 'ignore' });
    }
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How this run makes a file read-only, or why it cannot. */
export function readOnlyRoute(): ReadOnlyRoute | { readonly skip: string } {
  if (process.getuid?.() !== 0) {
    return {
      name: 'chmod 0444',
      apply: (files) => { for (const file of files) chmodSync(file, 0o444); },
      undo: (files) => { for (const file of files) chmodSync(file, 0o644); },
    };
  }
  if (immutableWorks()) {
    return {
      name: 'chattr +i (root ignores chmod)',
      apply: (files) => execFileSync('chattr', ['+i', ...files]),
      undo: (files) => execFileSync('chattr', ['-i', ...files]),
    };
  }
  return { skip: 'running as root, where chmod does not stop writes, and chattr +i is not available here' };
}

export interface SmallFileSystem {
  /** `tmpfs`, or `max_page_count` when no file system could be mounted. */
  readonly route: 'tmpfs' | 'max_page_count';
  readonly dir: string;
  /** Store options that make the route's store (maxPageCount on the fallback). */
  readonly storeOptions: { maxPageCount?: number };
  /** Takes every free byte (tmpfs); a no-op on the fallback, whose cap is already set. */
  fill(): void;
  /** Gives the bytes back. */
  free(): void;
  release(): void;
}

/** A file system of `bytes`, mounted for the test when this run may mount one. */
export function smallFileSystem(bytes: number, fallbackPages: number): SmallFileSystem {
  const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-full-'));
  const filler = join(dir, 'filler');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    console.warn('[tests/audit] no tmpfs could be mounted: a full disk is stood in for by PRAGMA max_page_count, readiness on a full disk is not covered');
    return {
      route: 'max_page_count', dir, storeOptions: { maxPageCount: fallbackPages },
      fill: () => {}, free: () => {}, release: () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  return {
    route: 'tmpfs', dir, storeOptions: {},
    fill() {
      const { bavail, bsize } = statfsSync(dir);
      try {
        writeFileSync(filler, Buffer.alloc(bavail * bsize));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    },
    free: () => rmSync(filler, { force: true }),
    release() {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
