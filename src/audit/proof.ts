/**
 * Proofs of single entries (unit.ts): an auditor holding an anchor (a request seq and hash recorded
 * outside the store) checks one entry with this file alone: the leaf from the entry's document, the
 * root from the audit path, the request's hash from its header, then each following request's hash from
 * its header digest, until the anchor.
 */
import { createHash } from 'node:crypto';
import type { EntryProof } from './store.ts';
import { decodeRecord, entryDocument, headerDocument, linkHash, type StoredUnit } from './unit.ts';
import { inclusionPath, leafHash, rootFromPath } from './merkle.ts';

/** Builds the proof of entry `entrySeq` of `unit`; `following` are the headers' digests after it up to `anchor`. */
export function buildProof(unit: StoredUnit, entrySeq: number, following: readonly string[], anchor: { seq: number; hash: string }): EntryProof | null {
  const leafIndex = unit.records.findIndex((record) => record.seq === entrySeq);
  const record = unit.records[leafIndex];
  if (!record) return null;
  const leaves = unit.records.map((each) => Buffer.from(decodeRecord(unit, each).leafHash, 'hex'));
  const entry = decodeRecord(unit, record);
  return {
    entrySeq, entryDocument: documentOf(entry), leafIndex, treeSize: leaves.length, path: inclusionPath(leaves, leafIndex),
    headerDocument: headerDocument(unit.header), prevHash: unit.prevHash, requestSeq: unit.header.seq, following: [...following], anchor,
  };
}

function documentOf(entry: ReturnType<typeof decodeRecord>): string {
  return entryDocument(entry, entry.seq);
}

export type ProofVerdict = { ok: true } | { ok: false; reason: string };

/** Checks a proof against the anchor it names (compare that anchor with the one you recorded). */
export function checkProof(proof: EntryProof): ProofVerdict {
  let header: { root?: unknown; seq?: unknown; firstEntrySeq?: unknown; entryCount?: unknown };
  let entry: { seq?: unknown };
  try {
    header = JSON.parse(proof.headerDocument) as typeof header;
    entry = JSON.parse(proof.entryDocument) as typeof entry;
  } catch {
    return { ok: false, reason: 'the documents are not JSON' };
  }
  if (entry.seq !== proof.entrySeq) return { ok: false, reason: 'the entry document is not the entry named' };
  if (header.seq !== proof.requestSeq || header.entryCount !== proof.treeSize) return { ok: false, reason: 'the header does not describe the request named' };
  if (header.firstEntrySeq !== proof.entrySeq - proof.leafIndex) return { ok: false, reason: 'the entry is not at the position claimed' };
  const root = rootFromPath(leafHash(proof.entryDocument), proof.leafIndex, proof.treeSize, proof.path);
  if (root === null || root !== header.root) return { ok: false, reason: 'the audit path does not lead to the request\'s root' };
  let hash = linkHash(proof.prevHash, createHash('sha256').update(proof.headerDocument).digest('hex'));
  let seq = proof.requestSeq;
  for (const digest of proof.following) {
    hash = linkHash(hash, digest);
    seq++;
  }
  if (seq !== proof.anchor.seq || hash !== proof.anchor.hash) return { ok: false, reason: 'the chain does not lead to the anchor' };
  return { ok: true };
}
