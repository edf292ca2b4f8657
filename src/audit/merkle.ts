/**
 * The hash tree over one request's entries (the Merkle tree of RFC 6962, section 2.1): a leaf is
 * sha256(0x00 || leaf document), an inner node sha256(0x01 || left || right), and a tree of n leaves
 * splits at the largest power of two below n. The domain-separation bytes keep a leaf from posing as a
 * node. Written here rather than taken from a library: the few maintained Merkle packages build other
 * trees (sorted pairs, duplicated last leaves) whose proofs an outside auditor could not check against
 * the RFC, and the RFC's is twenty lines.
 */
import { createHash, hash } from 'node:crypto';

const NODE = Buffer.from([1]);

// One-shot hashing (crypto.hash) costs about a third of a Hash object's create, update and digest, and
// a request hashes as many leaves as it has entries. U+0000 encodes to the one byte 0x00 in UTF-8.
export function leafHash(document: string): Buffer {
  return hash('sha256', `\u0000${document}`, 'buffer');
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return hash('sha256', Buffer.concat([NODE, left, right], 65), 'buffer');
}

/** Largest power of two strictly below n (n >= 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Root over the leaf hashes, hex; the empty tree's root is sha256 of nothing. */
export function merkleRoot(leaves: readonly Buffer[]): string {
  return rootOf(leaves, 0, leaves.length).toString('hex');
}

function rootOf(leaves: readonly Buffer[], start: number, end: number): Buffer {
  const n = end - start;
  if (n === 0) return createHash('sha256').digest();
  if (n === 1) return leaves[start] as Buffer;
  const k = split(n);
  return nodeHash(rootOf(leaves, start, start + k), rootOf(leaves, start + k, end));
}

/** The audit path of leaf `index` (RFC 6962 2.1.1), bottom up, as hex. */
export function inclusionPath(leaves: readonly Buffer[], index: number): string[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) throw new RangeError('inclusionPath: index out of range');
  const path: Buffer[] = [];
  const walk = (start: number, end: number, at: number): void => {
    const n = end - start;
    if (n <= 1) return;
    const k = split(n);
    if (at < k) {
      walk(start, start + k, at);
      path.push(rootOf(leaves, start + k, end));
    } else {
      walk(start + k, end, at - k);
      path.push(rootOf(leaves, start, start + k));
    }
  };
  walk(0, leaves.length, index);
  return path.map((hash) => hash.toString('hex'));
}

/**
 * Recomputes the root from one leaf and its audit path (RFC 9162 section 2.1.3.2): what an auditor
 * runs, with nothing but the entry, its index, the tree size and the path.
 */
export function rootFromPath(leaf: Buffer, index: number, size: number, path: readonly string[]): string | null {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let hash = leaf;
  for (const step of path) {
    if (sn === 0) return null;
    const sibling = Buffer.from(step, 'hex');
    if (sibling.length !== 32) return null;
    if (fn % 2 === 1 || fn === sn) {
      hash = nodeHash(sibling, hash);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      hash = nodeHash(hash, sibling);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 ? hash.toString('hex') : null;
}
