/**
 * Walks the chain of requests in seq order and reports the first break. Shared by both stores, which
 * feed it each request as read back from its rows (so a value changed directly in the database changes
 * a leaf, the root or the header digest), with the index rows stored for it.
 *
 * What it names: an entry whose leaf no longer matches (altered, or moved: a leaf covers its seq), an
 * entry missing from or added to a request, a request whose header was altered, a request chained to a
 * different hash of the one before (that one was rewritten with its hash), a missing or added request,
 * an index row that the request does not imply or one it implies that is gone, and anything stored
 * beyond the chain head.
 */
import type { AuditEntry } from './entry.ts';
import type { VerifyResult } from './store.ts';
import {
  decodeRecord, headerDigest, indexRows, LEAF_LOCATOR_LENGTH, linkHash, linkOf, type ChainLink, type IndexRow, type StoredUnit,
} from './unit.ts';
import { merkleRoot } from './merkle.ts';

export interface ChainBreak {
  /** The request where the chain breaks. */
  readonly seq: number;
  /** The entry, when the break is in one entry. */
  readonly entrySeq: number | null;
  readonly reason: string;
}

/** One request as read back: the unit and the index rows stored for it (null: not indexed yet, or not read). */
export interface ReadUnit {
  readonly unit: StoredUnit;
  readonly index: readonly IndexRow[] | null;
}

/** Rows stored outside the walked range: entries or index rows past the head or before the start. */
export interface Strays {
  readonly entriesAfterHead: number;
  readonly indexRowsOutside: number;
}

export interface ChainVerifier {
  /** Checks the next request; returns the first break (and keeps returning it), or null. */
  checkUnit(read: () => ReadUnit, seq: number): ChainBreak | null;
  /** Entries of the last request checked, decoded (for prune's retention check). */
  readonly lastEntries: readonly AuditEntry[];
  /** The verdict once the walk has ended: compares the head and the strays if unbroken. */
  result(head: ChainLink, checkpointSeq: number | null, strays: Strays): VerifyResult;
  readonly checked: number;
  readonly entriesChecked: number;
  readonly last: ChainLink;
}

const rowKey = (row: IndexRow) => `${row.kind}\u0000${row.value}\u0000${row.unitSeq}`;

/** `start` is the checkpoint the walk begins at (genesis: seq 0); `startKind` names it in reasons. */
/** `deriveIndex`: the index rows a request implies in this store (default: unit.ts indexRows). */
export function createChainVerifier(start: ChainLink, startKind: 'genesis' | 'checkpoint',
  deriveIndex: (unit: StoredUnit) => readonly IndexRow[] = indexRows): ChainVerifier {
  let last = start;
  let broken: ChainBreak | null = null;
  let checked = 0;
  let entriesChecked = 0;
  let lastEntries: AuditEntry[] = [];

  const fail = (seq: number, entrySeq: number | null, reason: string): ChainBreak => {
    broken = { seq, entrySeq, reason };
    return broken;
  };

  const checkUnit = (read: () => ReadUnit, seq: number): ChainBreak | null => {
    if (broken) return broken;
    const expectedSeq = last.seq + 1;
    if (seq !== expectedSeq) return fail(expectedSeq, null, `request seq ${expectedSeq} is missing (next stored request is seq ${seq})`);
    let found: ReadUnit;
    try {
      found = read();
    } catch {
      checked++;
      return fail(seq, null, `stored values of request ${seq} cannot be read back (request altered)`);
    }
    const { unit, index } = found;
    const { header } = unit;
    checked++;
    if (header.firstEntrySeq !== last.entrySeq + 1) {
      return fail(seq, last.entrySeq + 1, `request ${seq} starts at entry ${header.firstEntrySeq}, expected entry ${last.entrySeq + 1} (entries missing or request altered)`);
    }
    const leaves: Buffer[] = [];
    const entries: AuditEntry[] = [];
    for (let position = 0; position < Math.max(header.entryCount, unit.records.length); position++) {
      const expected = header.firstEntrySeq + position;
      const record = unit.records[position];
      if (position >= header.entryCount) return fail(seq, record?.seq ?? expected, `entry ${record?.seq ?? expected} was added to request ${seq}`);
      if (!record || record.seq > expected) return fail(seq, expected, `entry ${expected} of request ${seq} is missing`);
      if (record.seq < expected) return fail(seq, record.seq, `entry ${record.seq} was added to request ${seq}`);
      let entry: AuditEntry;
      try {
        entry = decodeRecord(unit, record);
      } catch {
        return fail(seq, record.seq, `stored values of entry ${record.seq} cannot be read back (entry altered)`);
      }
      if (entry.leafHash.slice(0, LEAF_LOCATOR_LENGTH) !== record.leaf) {
        return fail(seq, record.seq, `contents of entry ${record.seq} (request ${seq}) do not match its hash (entry altered)`);
      }
      leaves.push(Buffer.from(entry.leafHash, 'hex'));
      entries.push(entry);
    }
    if (merkleRoot(leaves) !== header.root) {
      return fail(seq, null, `the entries of request ${seq} do not match its root (request altered)`);
    }
    if (linkHash(unit.prevHash, headerDigest(header)) !== unit.hash) {
      return fail(seq, null, `contents of request ${seq} do not match its hash (request altered)`);
    }
    if (unit.prevHash !== last.hash) {
      return last.seq === start.seq
        ? fail(seq, null, `request ${seq} does not chain to the ${startKind} at seq ${start.seq}`)
        : fail(last.seq, null, `request ${seq} was chained to a different hash of request ${last.seq} (request ${last.seq} rewritten)`);
    }
    if (index !== null) {
      const derived = new Set(deriveIndex(unit).map(rowKey));
      const stored = new Set(index.map(rowKey));
      for (const key of derived) if (!stored.has(key)) return fail(seq, null, `a ${key.split('\u0000')[0]} index row of request ${seq} is missing`);
      for (const key of stored) if (!derived.has(key)) return fail(seq, null, `a ${key.split('\u0000')[0]} index row was added to request ${seq}`);
      if (index.length !== stored.size) return fail(seq, null, `an index row of request ${seq} is stored twice`);
    }
    entriesChecked += entries.length;
    lastEntries = entries;
    last = linkOf(unit);
    return null;
  };

  const result = (head: ChainLink, checkpointSeq: number | null, strays: Strays): VerifyResult => {
    if (!broken) {
      if (head.seq > last.seq) {
        fail(last.seq + 1, null, `chain head is at request ${head.seq} but requests after ${last.seq} are missing`);
      } else if (head.seq < last.seq) {
        fail(head.seq + 1, null, `requests after the chain head (request ${head.seq}) were added outside the store`);
      } else if (head.hash !== last.hash || head.entrySeq !== last.entrySeq) {
        fail(last.seq, null, `chain head does not match request ${last.seq}`);
      } else if (strays.entriesAfterHead > 0) {
        fail(head.seq + 1, head.entrySeq + 1, `${strays.entriesAfterHead} entries after the chain head were added outside the store`);
      } else if (strays.indexRowsOutside > 0) {
        fail(head.seq + 1, null, `${strays.indexRowsOutside} index rows name requests that are not in the chain`);
      }
    }
    const counts = { checked, entriesChecked, headSeq: head.seq, headHash: head.hash, checkpointSeq };
    const found = broken as ChainBreak | null;
    return found
      ? { ok: false, firstBrokenSeq: found.seq, firstBrokenEntrySeq: found.entrySeq, reason: found.reason, ...counts }
      : { ok: true, ...counts };
  };

  return {
    checkUnit, result,
    get lastEntries() { return lastEntries; },
    get checked() { return checked; },
    get entriesChecked() { return entriesChecked; },
    get last() { return last; },
  };
}
