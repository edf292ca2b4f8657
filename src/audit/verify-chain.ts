/**
 * Walks a chain in seq order and reports the first broken link. Shared by both stores, which feed it
 * entries as read back from their rows (so a value changed directly in the database changes the hash).
 *
 * Where the break is reported: an entry whose stored hash does not match its contents was altered
 * (reported at its own seq). An entry that is self-consistent but whose successor was chained to a
 * different hash was rewritten together with its hash (reported at the rewritten seq, not the successor).
 */
import { entryHash, type ChainLink } from './chain.ts';
import type { AuditEntry } from './entry.ts';
import type { VerifyResult } from './store.ts';

export interface ChainBreak {
  readonly seq: number;
  readonly reason: string;
}

export interface ChainVerifier {
  /** Checks the next entry; returns the first break (and keeps returning it), or null. */
  check(entry: AuditEntry): ChainBreak | null;
  /** Records that the row at `seq` could not even be read back as an entry (a column was altered). */
  unreadable(seq: number): ChainBreak | null;
  /** Compares what was walked with the stored chain head; call after the last entry. */
  finish(head: ChainLink): ChainBreak | null;
  /** Reads a stored row back as an entry and checks it: a row that cannot be read is a break at its seq. */
  checkRow(seq: number, read: () => AuditEntry): ChainBreak | null;
  /** The verdict once the walk has ended (at a break or after the last row); compares the head if unbroken. */
  result(head: ChainLink, checkpointSeq: number | null): VerifyResult;
  readonly checked: number;
}

/** `start` is the checkpoint the walk begins at (genesis: seq 0); `startKind` names it in reasons. */
export function createChainVerifier(start: ChainLink, startKind: 'genesis' | 'checkpoint'): ChainVerifier {
  let last = start;
  let broken: ChainBreak | null = null;
  let checked = 0;

  const check = (entry: AuditEntry): ChainBreak | null => {
    if (broken) return broken;
    const expectedSeq = last.seq + 1;
    if (entry.seq !== expectedSeq) {
      broken = { seq: expectedSeq, reason: `entry seq ${expectedSeq} is missing (next stored entry is seq ${entry.seq})` };
      return broken;
    }
    checked++;
    if (!hashMatches(entry)) {
      broken = { seq: entry.seq, reason: `contents of seq ${entry.seq} do not match its hash (entry altered)` };
      return broken;
    }
    if (entry.prevHash !== last.hash) {
      broken = last.seq === start.seq
        ? { seq: entry.seq, reason: `seq ${entry.seq} does not chain to the ${startKind} at seq ${start.seq}` }
        : { seq: last.seq, reason: `seq ${entry.seq} was chained to a different hash of seq ${last.seq} (seq ${last.seq} rewritten)` };
      return broken;
    }
    last = { seq: entry.seq, hash: entry.hash };
    return null;
  };

  const unreadable = (seq: number): ChainBreak | null => {
    if (broken) return broken;
    const expectedSeq = last.seq + 1;
    broken = seq === expectedSeq
      ? { seq, reason: `stored values of seq ${seq} cannot be read back (entry altered)` }
      : { seq: expectedSeq, reason: `entry seq ${expectedSeq} is missing (next stored entry is seq ${seq})` };
    if (seq === expectedSeq) checked++;
    return broken;
  };

  const finish = (head: ChainLink): ChainBreak | null => {
    if (broken) return broken;
    if (head.seq > last.seq) {
      broken = { seq: last.seq + 1, reason: `chain head is at seq ${head.seq} but entries after seq ${last.seq} are missing` };
    } else if (head.seq < last.seq) {
      broken = { seq: head.seq + 1, reason: `entries after the chain head (seq ${head.seq}) were added outside the store` };
    } else if (head.hash !== last.hash) {
      broken = { seq: last.seq, reason: `chain head hash does not match seq ${last.seq}` };
    }
    return broken;
  };

  const checkRow = (seq: number, read: () => AuditEntry): ChainBreak | null => {
    let entry: AuditEntry;
    try {
      entry = read();
    } catch {
      return unreadable(seq);
    }
    return check(entry);
  };

  const result = (head: ChainLink, checkpointSeq: number | null): VerifyResult => {
    const found = finish(head);
    const counts = { checked, headSeq: head.seq, headHash: head.hash, checkpointSeq };
    return found ? { ok: false, firstBrokenSeq: found.seq, reason: found.reason, ...counts } : { ok: true, ...counts };
  };

  return { check, unreadable, finish, checkRow, result, get checked() { return checked; } };
}

/** A value altered into the wrong shape (an object where a list was) fails the hash, not the walk. */
function hashMatches(entry: AuditEntry): boolean {
  try {
    return entryHash(entry.prevHash, entry, entry.seq) === entry.hash;
  } catch {
    return false;
  }
}
