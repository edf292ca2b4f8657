/**
 * Internal: whether the SQLite store could take a commit now, for readiness (`ping`). A read alone says
 * nothing about a full disk or files made read-only: on main `/readyz` stayed ready through both while
 * every request was refused. The probe checks, cheaply and in this order: the files are the ones opened
 * and writable (file-guard.ts); the file system has room; and, only after a write failed, that a tiny
 * write commits (the database header's user_version rewritten with its own value: one WAL frame and an
 * fsync through the real file, no audit row) before it calls the store ready again.
 */
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { AuditStoreError, wrapAuditError } from '../errors.ts';
import type { FileGuard } from './file-guard.ts';

export interface ReadyProbeOptions {
  readonly path: string;
  readonly files: FileGuard;
  /** Free bytes the file system must have for the store to be ready. */
  readonly minFreeBytes: number;
  /** The connection's busy timeout, restored after the tiny write (which waits less). */
  readonly busyTimeoutMs: number;
}

export interface ReadyProbe {
  /** A write transaction failed: readiness now also needs a tiny write to commit. */
  writeFailed(): void;
  writeSucceeded(): void;
  /** Throws AUDIT_UNAVAILABLE when a commit could not be taken now. */
  run(): void;
}

/** A probe must answer within a readiness check's second, not wait out another process's lock. */
const PROBE_BUSY_TIMEOUT_MS = 200;

export function createReadyProbe(db: DatabaseSync, options: ReadyProbeOptions): ReadyProbe {
  let failedWrite = false;

  const checkSpace = (): void => {
    if (options.path === ':memory:') return;
    let bavail: number, bsize: number;
    try {
      ({ bavail, bsize } = statfsSync(dirname(options.path)));
    } catch (error) {
      throw wrapAuditError('AUDIT_UNAVAILABLE', 'audit store file system cannot be checked', error);
    }
    // bavail, not bfree: blocks reserved for root are the file system's last resort, not the trail's.
    const free = bavail * bsize;
    if (free < options.minFreeBytes) {
      throw new AuditStoreError('AUDIT_UNAVAILABLE', `audit store file system has ${free} bytes free, fewer than the ${options.minFreeBytes} required`);
    }
  };

  const tinyWrite = (): void => {
    db.exec(`PRAGMA busy_timeout = ${Math.min(PROBE_BUSY_TIMEOUT_MS, options.busyTimeoutMs)}`);
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
        db.exec(`PRAGMA user_version = ${Number(version)}`);
        db.exec('COMMIT');
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
    } catch (error) {
      throw wrapAuditError('AUDIT_UNAVAILABLE', 'audit store cannot commit (a test write failed)', error);
    } finally {
      db.exec(`PRAGMA busy_timeout = ${options.busyTimeoutMs}`);
    }
  };

  return {
    writeFailed: () => { failedWrite = true; },
    writeSucceeded: () => { failedWrite = false; },
    run() {
      options.files.check();
      checkSpace();
      if (!failedWrite) return;
      tinyWrite();
      failedWrite = false;
    },
  };
}
