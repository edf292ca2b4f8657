/**
 * A person's access request (AVG article 15), one page at a time: the entries about one subject
 * pseudonym in a period and in one organisation's scope (viewer or owner, as Query.auditEntries), each
 * with its proof against one anchor.
 *
 * A proof's chain part (the header digests from the entry's request up to the anchor, proof.ts) grows
 * with the requests between them, and every entry of a page shares its tail. So a page carries that
 * part once (`chain`), and each entry only what is its own: store.prove against its own request, which
 * reads nothing beyond it. `fullProof` puts one back together for checkProof. The chain itself is read
 * once per page, from the page's oldest request to the anchor, and its length is known (and bounded)
 * before it is read.
 */
import type { AuditEntry } from './entry.ts';
import { encodeCursor } from './cursor.ts';
import { AuditStoreError } from './errors.ts';
import type { AuditFilter, AuditPage, AuditStore, EntryProof } from './store.ts';

export interface AccessRequestQuery {
  /** The person's subject pseudonym (`ps_`); never a BSN. */
  readonly subject: string;
  /** Only entries where this agency is viewer or owner. */
  readonly scopeAgencyId: string;
  /** Owners whose records count as the scope agency's (its predecessors; AuditFilter.scopeOwners). */
  readonly scopeOwners?: readonly string[];
  /** Inclusive. */
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
}

export interface ReportAnchor {
  readonly seq: number;
  readonly hash: string;
}

/** An entry's own proof: EntryProof without the chain part the page shares. */
export type ReportProof = Omit<EntryProof, 'following' | 'anchor'>;

/** Header digests of requests afterSeq+1 .. anchor.seq, in order. */
export interface ChainSegment {
  readonly afterSeq: number;
  readonly headerDigests: readonly string[];
}

export type SubjectRelation = 'subject' | 'related-subject';

export interface ReportEntry {
  readonly entry: AuditEntry;
  /** Whether the person is the entry's subject or one of the household members it names besides. */
  readonly relation: SubjectRelation;
  /** Null when the entry lies after the anchor asked for. */
  readonly proof: ReportProof | null;
}

export interface AccessRequestPage {
  /** Null when the page holds no entry at or before the anchor (then nothing needs one). */
  readonly anchor: ReportAnchor | null;
  readonly chain: ChainSegment | null;
  readonly entries: readonly ReportEntry[];
  /** Carries the anchor, so every later page proves against the same one. */
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

export type AccessRequestProblem = 'anchor-not-held' | 'chain-too-long' | 'bad-cursor';
export type AccessRequestResult = { readonly ok: true; readonly page: AccessRequestPage } | { readonly ok: false; readonly problem: AccessRequestProblem; readonly message: string };

export interface AccessRequestPageOptions {
  readonly first: number;
  readonly after?: string | undefined;
  /** The request to prove against; default the chain head when the first page is made. */
  readonly anchorSeq?: number | undefined;
  /** Refuse a page whose chain part would be longer. Default: no bound. */
  readonly maxChainDigests?: number | undefined;
  /**
   * Read the page's chain part. Default true; a caller walking every page keeps the first page's, which
   * holds every later page's (their oldest requests come later), and reads it once.
   */
  readonly chain?: boolean | undefined;
}

export function accessRequestFilter(query: AccessRequestQuery): AuditFilter {
  return { scopeAgencyId: query.scopeAgencyId, ...(query.scopeOwners ? { scopeOwners: query.scopeOwners } : {}), subject: query.subject, from: query.from, to: query.to };
}

export async function accessRequestPage(store: AuditStore, query: AccessRequestQuery, options: AccessRequestPageOptions): Promise<AccessRequestResult> {
  let cursor: { anchorSeq: number | null; after: string } | null = null;
  if (options.after !== undefined) {
    cursor = decodeAccessCursor(options.after);
    if (!cursor) return { ok: false, problem: 'bad-cursor', message: 'after is not a cursor of this access request.' };
    if (options.anchorSeq !== undefined && cursor.anchorSeq !== null && cursor.anchorSeq !== options.anchorSeq) {
      return { ok: false, problem: 'bad-cursor', message: 'the cursor belongs to a report proved against another anchor.' };
    }
  }
  let page: AuditPage;
  try {
    page = await store.query(accessRequestFilter(query), { first: options.first, ...(cursor ? { after: cursor.after } : {}) });
  } catch (error) {
    if (error instanceof AuditStoreError && error.code === 'AUDIT_INVALID_ARGUMENT' && cursor) return { ok: false, problem: 'bad-cursor', message: 'after is not a cursor of this access request.' };
    throw error;
  }
  const anchorSeq = options.anchorSeq ?? cursor?.anchorSeq ?? undefined;
  let anchor: ReportAnchor | null = null;
  if (anchorSeq !== undefined) {
    const hash = await store.requestHash(anchorSeq);
    if (hash === null) return { ok: false, problem: 'anchor-not-held', message: `the trail holds no request ${anchorSeq} to prove against.` };
    anchor = { seq: anchorSeq, hash };
  }
  const provable = page.entries.filter((entry) => anchor === null || entry.requestSeq <= anchor.seq);
  const oldest = provable[0];
  let chain: ChainSegment | null = null;
  if (oldest) anchor ??= await findHead(store, oldest.requestSeq);
  if (oldest && anchor && options.chain !== false) {
    const length = anchor.seq - oldest.requestSeq;
    if (options.maxChainDigests !== undefined && length > options.maxChainDigests) {
      return {
        ok: false, problem: 'chain-too-long',
        message: `the entries lie ${length} requests before the anchor; one answer carries at most ${options.maxChainDigests}. Ask with the anchorSeq of a request recorded soon after the period, or use npm run audit:access-request.`,
      };
    }
    const proof = await store.prove(oldest.seq, anchor.seq);
    // The anchor's hash came from the store a moment ago; a proof ending elsewhere means the trail changed under us.
    if (!proof || proof.anchor.hash !== anchor.hash) return { ok: false, problem: 'anchor-not-held', message: `the trail no longer holds request ${anchor.seq} as it did.` };
    chain = { afterSeq: oldest.requestSeq, headerDigests: proof.following };
  }
  const entries: ReportEntry[] = [];
  for (const entry of page.entries) {
    const own = anchor !== null && entry.requestSeq <= anchor.seq ? await store.prove(entry.seq, entry.requestSeq) : null;
    entries.push({ entry, relation: entry.subject === query.subject ? 'subject' : 'related-subject', proof: own ? ownPart(own) : null });
  }
  const last = page.entries.at(-1);
  return {
    ok: true,
    page: {
      anchor, chain, entries, hasNextPage: page.hasNextPage,
      endCursor: page.endCursor && last ? encodeAccessCursor(anchor?.seq ?? null, page.endCursor) : null,
    },
  };
}

function ownPart(proof: EntryProof): ReportProof {
  const { following: _following, anchor: _anchor, ...own } = proof;
  return own;
}

/** The whole proof of one entry of a report, as proof.ts checks it. */
export function fullProof(proof: ReportProof, chain: ChainSegment, anchor: ReportAnchor): EntryProof {
  return { ...proof, following: chain.headerDigests.slice(proof.requestSeq - chain.afterSeq), anchor };
}

/**
 * The newest request and its hash, found from one the trail holds by doubling then halving over
 * requestHash: requests are numbered without gaps from the last checkpoint to the head, so about
 * 2·log2(distance) look-ups. Appends meanwhile only move the head on; any request found is a true link.
 */
export async function findHead(store: AuditStore, knownSeq: number): Promise<ReportAnchor> {
  let low = knownSeq;
  let lowHash = await store.requestHash(low);
  if (lowHash === null) throw new RangeError(`findHead: request ${knownSeq} is not in the trail`);
  let step = 1;
  let high: number;
  for (;;) {
    const hash = await store.requestHash(low + step);
    if (hash === null) {
      high = low + step;
      break;
    }
    low += step;
    lowHash = hash;
    step *= 2;
  }
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    const hash = await store.requestHash(middle);
    if (hash === null) high = middle;
    else {
      low = middle;
      lowHash = hash;
    }
  }
  return { seq: low, hash: lowHash };
}

const CURSOR = /^ar1:(\d{1,15}|-):([A-Za-z0-9_-]{1,200})$/;

/** The cursor after one entry of a report proved against `anchorSeq`. */
export function entryCursor(anchorSeq: number | null, entrySeq: number): string {
  return encodeAccessCursor(anchorSeq, encodeCursor(entrySeq));
}

function encodeAccessCursor(anchorSeq: number | null, after: string): string {
  return Buffer.from(`ar1:${anchorSeq ?? '-'}:${after}`, 'utf8').toString('base64url');
}

function decodeAccessCursor(cursor: string): { anchorSeq: number | null; after: string } | null {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1] || !match[2]) return null;
  return { anchorSeq: match[1] === '-' ? null : Number(match[1]), after: match[2] };
}
