/**
 * The involvement index (issue 12, docs/involvement-index.md): for each person an organisation holds a
 * household record of, a signal without content, so a lookup by BSN asks only the organisations that
 * hold the person instead of every connected one (the Verwijsindex's idea, Jeugdwet chapter 7.1).
 *
 * A row is (person, organisation, household reference, municipality, as of): the person as a keyed
 * pseudonym of the BSN under the index's own key, the household as the gateway's sealed record id
 * (opened only by the gateway), never a name, a narrative or any other value. The index routes and
 * never answers: what a caller sees still comes from the agencies, through the same policy and audit.
 */

/** One person in one organisation's household record. */
export interface IndexRow {
  /** Keyed pseudonym of the person's BSN (`ix_`), under the index's own key; empty for a household without any BSN. */
  readonly person: string;
  /** The household record as the gateway's sealed id: no agency identifier in the clear. */
  readonly household: string;
  readonly municipality: string | null;
  /**
   * Whether the organisation's own listing shows the household (false: only its full reconciliation
   * finds it, e.g. a zorgmelding older than the police listing's window). Routing uses every row; a
   * municipality's listing only the listed ones, so it shows what the walked listings show. Absent: true.
   */
  readonly listed?: boolean;
}

/** One organisation's household record as the index knows it. */
export interface IndexedHousehold {
  readonly organisation: string;
  readonly household: string;
  /** Its persons' keys (none for a household without any BSN). */
  readonly persons: readonly string[];
}

/** Where one organisation's part of the index stands. */
export interface SyncState {
  readonly organisation: string;
  /** The last reconciliation that completed (its rows replaced the organisation's), or null. */
  readonly syncedAt: Date | null;
  /** The last attempt, successful or not. */
  readonly attemptedAt: Date | null;
  /** The coded reason the last attempt failed (an adapter error code), or null when it succeeded. */
  readonly lastError: string | null;
  /** Rows the organisation holds in the index. */
  readonly rows: number;
  /** Where the organisation's change feed was last read up to (its own opaque position), or null. */
  readonly cursor: string | null;
}

/** One changed household of an organisation: its rows now (none once the agency no longer holds it). */
export interface HouseholdRows {
  /** The household reference (rows.ts householdRef). */
  readonly household: string;
  readonly rows: readonly IndexRow[];
}

export interface InvolvementIndexStore {
  readonly kind: 'sqlite' | 'postgres' | 'memory';
  /**
   * Replaces everything the index holds of one organisation with `rows`, as of `at`, in one
   * transaction: a reader sees the old rows or the new, never a mix, and a failure leaves the old.
   */
  replace(organisation: string, rows: readonly IndexRow[], at: Date, cursor: string | null): Promise<void>;
  /**
   * Applies one page of an organisation's change feed in one transaction: each household's rows
   * replaced by its rows now, and the feed position moved to `cursor` with them. A reader (and a
   * restart) sees the page applied in full or not at all.
   */
  apply(organisation: string, changes: readonly HouseholdRows[], at: Date, cursor: string): Promise<void>;
  /** Records a failed attempt; the organisation's rows stay as they were. */
  failed(organisation: string, at: Date, code: string): Promise<void>;
  /** The organisations holding any of these persons (by pseudonym). */
  holders(persons: readonly string[]): Promise<Set<string>>;
  /** Every household record registered in these municipalities that its organisation's listing shows, with its persons (listing.ts clusters them). */
  householdsIn(municipalities: readonly string[]): Promise<IndexedHousehold[]>;
  /** Every organisation's sync state, by id. */
  states(): Promise<SyncState[]>;
  /**
   * Runs a sync walk only if no other replica is walking (PostgreSQL, shared by replicas), answering
   * whether it ran; absent where the store is the process's own (SQLite): every walk runs.
   */
  lead?(walk: () => Promise<void>): Promise<boolean>;
  close(): Promise<void>;
}
