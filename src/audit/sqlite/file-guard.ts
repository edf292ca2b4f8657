/**
 * Internal: the SQLite store's hold on its files. SQLite keeps reading and writing through the
 * descriptors it opened after the database file, its WAL or its whole folder is deleted or replaced: a
 * commit then lands in an unlinked inode that is gone when the process ends, and the caller has been
 * answered (measured on main: 543 answers with data whose only audit rows were in deleted files). So the
 * engine asks this guard before and after every operation whether the path still names the very files it
 * opened (device and inode of the database, `-wal` and `-shm`) and whether they can still be written.
 *
 * A file that is gone or replaced stays refused: identities are fixed when the store opens, so only the
 * same files put back at the path (a folder moved away and back) satisfy the guard again. A new file at
 * the path would be a new chain; restart the gateway on purpose for that (docs/deploy.md).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { AuditStoreError } from '../errors.ts';

/** The WAL and shared-memory files beside the database, as SQLite names them. */
const SUFFIXES = ['', '-wal', '-shm'] as const;

interface HeldFile {
  readonly path: string;
  readonly dev: number;
  readonly ino: number;
}

export interface FileGuard {
  /** Throws AUDIT_UNAVAILABLE when a held file is gone, replaced by another, or cannot be written. */
  check(): void;
}

/** Takes hold of the database's files as they are now; call once the database is open and migrated. */
export function holdFiles(path: string): FileGuard {
  if (path === ':memory:') return { check: () => {} };
  const held: HeldFile[] = [];
  for (const suffix of SUFFIXES) {
    const stat = statSync(`${path}${suffix}`, { throwIfNoEntry: false });
    // The WAL and -shm exist from the first transaction in WAL mode; one that does not exist yet is not held.
    if (stat) held.push({ path: `${path}${suffix}`, dev: stat.dev, ino: stat.ino });
  }
  return {
    check() {
      for (const file of held) checkFile(file);
    },
  };
}

function checkFile(file: HeldFile): void {
  let stat;
  try {
    stat = statSync(file.path, { throwIfNoEntry: false });
  } catch (error) {
    throw unavailable(`audit store file ${file.path} cannot be checked (${codeOf(error)})`, error);
  }
  if (!stat || stat.dev !== file.dev || stat.ino !== file.ino) {
    throw unavailable(`audit store file ${file.path} was ${stat ? 'replaced' : 'removed'} while open; nothing more is committed to it until the gateway restarts`);
  }
  try {
    // Root passes a mode check, but not an immutable flag or a read-only mount (EPERM, EROFS). Checking
    // before SQLite touches the files also spares the process a SIGBUS from an immutable -shm it has mapped.
    accessSync(file.path, constants.W_OK);
  } catch (error) {
    throw unavailable(`audit store file ${file.path} cannot be written (${codeOf(error)})`, error);
  }
}

function unavailable(message: string, cause?: unknown): AuditStoreError {
  return new AuditStoreError('AUDIT_UNAVAILABLE', message, cause === undefined ? undefined : { cause });
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'unknown error';
}
