/**
 * The audit store contract. Two implementations: SQLite (sqlite/store.ts, one gateway on one machine)
 * and PostgreSQL (postgres/store.ts, several gateway processes on one database). Both pass the shared
 * contract suite in tests/audit/audit-store-contract.ts.
 */
import type { ActOutbox } from './act-outbox.ts';
import type { AuditDecision, AuditEntry, AuditEntryInput, AuditEntryKind } from './entry.ts';
import type { NewNotice, NoticeFeed } from './notices.ts';

export interface AuditFilter {
  /** Only entries whose viewer OR owner is this agency: what one agency's privacy officer may see. */
  scopeAgencyId?: string;
  /**
   * With scopeAgencyId: owners whose records count as the scope agency's too, the predecessors whose
   * records it controls (covenants/organisations.yaml). Their entries keep the creator as owner.
   */
  scopeOwners?: readonly string[];
  /** Subject pseudonym (never a BSN; pseudonymise before filtering). */
  subject?: string;
  viewerAgencyId?: string;
  ownerAgencyId?: string;
  /** Entries with at least one decision from this agreement version (`id@version`). */
  agreementKey?: string;
  /** Inclusive lower bound on the entry time. */
  from?: Date;
  /** Exclusive upper bound on the entry time. */
  to?: Date;
  kind?: AuditEntryKind;
  /** Entries of the requests with this W3C trace id. */
  traceId?: string;
  /** Entries of the request with this operation (request) id. */
  operationId?: string;
  /** Entries about this record: its audit pseudonym (`pe_`; the gateway turns a caller's id into it). */
  entityId?: string;
}

export interface AuditPageRequest {
  /** Page size, 1 to MAX_AUDIT_PAGE. */
  first: number;
  /** Opaque cursor from a previous page's endCursor. */
  after?: string;
}

/** Entries come in chain (seq) order, oldest first. */
export interface AuditPage {
  entries: AuditEntry[];
  endCursor: string | null;
  hasNextPage: boolean;
}

interface VerifyCounts {
  /** Requests (chained units) checked. */
  checked: number;
  /** Entries checked within them. */
  entriesChecked: number;
  /** Seq of the newest request according to the chain head. */
  headSeq: number;
  /**
   * Hash of that request (or of the checkpoint or genesis the chain starts at, when it has none):
   * recorded outside the store, it is an anchor that a later verify checks the chain against
   * (`npm run audit:verify -- --anchor seq:hash`), which also catches a chain rewritten as a whole.
   */
  headHash: string;
  /** Request seq the walk started after: the newest prune checkpoint, or null when it started at genesis. */
  checkpointSeq: number | null;
}

export type VerifyResult =
  | ({ ok: true } & VerifyCounts)
  | ({ ok: false; firstBrokenSeq: number; firstBrokenEntrySeq: number | null; reason: string } & VerifyCounts);

export interface PruneResult {
  /** Entries removed. */
  removed: number;
  /** Request seq of the checkpoint written (the last removed request), or null when nothing was removed. */
  checkpointSeq: number | null;
  /** Notices removed: those older than their recipient's retention period (prune-plan.ts noticeCutoffs). */
  noticesRemoved: number;
}

/**
 * Everything needed to check one entry without the store: its document, its place in its request's
 * hash tree, the request's header, and the header digests of every request after it up to the anchor.
 * proof.ts checks one.
 */
export interface EntryProof {
  readonly entrySeq: number;
  /** The canonical document the leaf hashes (unit.ts entryDocument). */
  readonly entryDocument: string;
  /** Position of the entry among its request's entries, and their number. */
  readonly leafIndex: number;
  readonly treeSize: number;
  /** RFC 6962 audit path, bottom up, hex. */
  readonly path: readonly string[];
  /** The request's header document (unit.ts headerDocument) and the hash of the request before it. */
  readonly headerDocument: string;
  readonly prevHash: string;
  readonly requestSeq: number;
  /** Header digests of the requests after this one, in order, up to and including the anchor's. */
  readonly following: readonly string[];
  /** The link the proof ends at: a recorded anchor, or the chain head when none was given. */
  readonly anchor: { readonly seq: number; readonly hash: string };
}

export interface AuditIndexStatus {
  readonly indexedSeq: number;
  readonly headSeq: number;
}

export interface AuditStoreStats {
  /** Append transactions committed; with group commit far fewer than append calls. */
  transactions: number;
  /** Append transactions that failed and were rolled back. */
  failedTransactions: number;
  /** Entries committed. */
  entries: number;
  /** Catch-ups of a search index written behind the commit that failed (SQLite); they are retried at the next commit. */
  indexFailures?: number;
}

export interface AuditStore {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Resolves only once the entries are durably committed, in one transaction with whatever other
   * appends arrived in the same short window; rejects (AUDIT_WRITE_FAILED) if that transaction fails,
   * and then none of the batch is written, or if it outlasts the store's time bound (PostgreSQL), when a
   * commit already sent may still land: an entry without its answer, never the reverse. The gateway
   * must not answer before this resolves. `notices` (notices.ts) commit in the same transaction.
   */
  append(entries: readonly AuditEntryInput[], notices?: readonly NewNotice[]): Promise<void>;
  query(filter: AuditFilter, page: AuditPageRequest): Promise<AuditPage>;
  findDecision(decisionId: string): Promise<{ entry: AuditEntry; decision: AuditDecision } | null>;
  /**
   * The proof of one entry against the request `anchorSeq` (default: the chain head), or null when the
   * entry is not in the trail or lies after the anchor.
   */
  prove(entrySeq: number, anchorSeq?: number): Promise<EntryProof | null>;
  /** The stored chained hash of request `seq`, or null when the trail does not hold it (for anchors). */
  requestHash(seq: number): Promise<string | null>;
  verify(): Promise<VerifyResult>;
  /**
   * Removes the oldest entries whose retention expired, as a prefix of the chain (see prune-plan.ts),
   * and leaves a checkpoint so what remains still verifies. `retentionDaysByOwner` is keyed by owner
   * agency id (the viewer's for entries without owner); the key `*` is the default; no entry is
   * removed whose agency has neither.
   */
  prune(retentionDaysByOwner: Record<string, number>, now: Date): Promise<PruneResult>;
  /**
   * Readiness: rejects (AUDIT_UNAVAILABLE) when the store could not take a commit now: the database
   * cannot be reached in time, or (SQLite) its files are gone, replaced or read-only, or its disk is full.
   */
  ping(): Promise<void>;
  /** Waits for queued appends, then closes; later appends reject with AUDIT_STORE_CLOSED. */
  close(): Promise<void>;
  stats(): AuditStoreStats;
  /**
   * Brings a search index written behind the commit (SQLite: sqlite/trail-index.ts) up to the chain
   * head; resolves to the requests indexed. Searches never wait for it: they read what the index has not
   * reached directly. Absent where the index is written with the commit (PostgreSQL).
   */
  catchUpIndex?(): Promise<number>;
  /** How far such an index has got: the last request indexed, and the chain head. */
  indexStatus?(): Promise<AuditIndexStatus>;
  /** The act outbox in the trail's own database (act-outbox.ts): an act commits with its entries. */
  readonly acts: ActOutbox;
  /** Notifications in the trail's own database (notices.ts): a notice commits with its entry. */
  readonly notices: NoticeFeed;
}

export const MAX_AUDIT_PAGE = 500;
