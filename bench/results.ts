/** The shape of one benchmark run's results: what bench/run.ts measures and bench/report.ts writes. */
import type { ScenarioId } from './scenarios.ts';

export type Contender = 'guarded' | 'unguarded' | 'baseline' | 'ceiling';

export interface Latency {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
  readonly max: number;
}

/** Upstream calls per query, from a sequential probe outside the load window (exact), counted at the mocks. */
export interface UpstreamPerQuery {
  readonly total: number;
  readonly perAgency: Readonly<Record<string, number>>;
  /** Per agency, per legacy operation (see classify-upstream.ts). */
  readonly operations: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Under load: mock requests during the load window / good replies (in-flight requests at the edges blur it slightly). */
  readonly underLoad: number;
  /** The contender's own HTTP counters over the probe (each retry counts), as a cross-check of the mocks' count. */
  readonly ownCounter: number;
  /** Upstream replies of status 400 or more during the load windows, as `agency status` -> count (429: rate limited). */
  readonly rejectedUnderLoad: Readonly<Record<string, number>>;
}

export interface MinimumPerQuery {
  readonly total: number;
  readonly perAgency: Readonly<Record<string, number>>;
  readonly operations: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The same with the policy's referral facts (the guarded contender's floor). */
  readonly totalWithFacts: number;
  readonly operationsWithFacts: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** Listing the municipality of (b) through the adapters alone, unloaded: the floor under any (b) reply. */
export interface ListingFloor {
  readonly upstreamLatencyMs: number;
  /** All four agencies in parallel (median of three runs), in ms. */
  readonly allMs: number;
  readonly perAgencyMs: Readonly<Record<string, number>>;
}

export interface Measurement {
  readonly contender: Contender;
  readonly scenario: ScenarioId;
  /** Mock latency in ms; null for the ceiling, which has no upstream. */
  readonly upstreamLatencyMs: number | null;
  readonly throughput: number;
  readonly served: number;
  readonly failed: number;
  /** Failed replies by error code (extensions.code, `HTTP <status>`, `connection`). */
  readonly failures: Readonly<Record<string, number>>;
  readonly latencyMs: Latency;
  /** Median latency of the sequential probe (one request at a time); null for the ceiling. */
  readonly unloadedLatencyMs: number | null;
  readonly durationSeconds: number;
  readonly upstream: UpstreamPerQuery | null;
  /** Array sizes and redactions in the probe's last reply, to show the contenders answered alike. */
  readonly answer: Readonly<Record<string, number>> | null;
}

export interface MemoryFigures {
  readonly contender: Contender;
  readonly rssAfterWarmupBytes: number;
  readonly rssAfterRunBytes: number;
  readonly heapAfterWarmupBytes: number;
  readonly heapAfterRunBytes: number;
}

export interface BudgetCheck {
  readonly name: string;
  readonly limit: string;
  readonly figures: readonly string[];
  readonly pass: boolean;
}

export interface BenchResults {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly mode: 'quick' | 'full';
  readonly environment: Readonly<Record<string, string | number>>;
  readonly settings: Readonly<Record<string, string | number | boolean | readonly number[]>>;
  readonly scenarios: readonly { id: ScenarioId; title: string; subject: string; viewer: string; query: string }[];
  readonly measurements: readonly Measurement[];
  readonly minimum: Readonly<Partial<Record<ScenarioId, MinimumPerQuery>>>;
  readonly listingFloor: readonly ListingFloor[];
  readonly memory: readonly MemoryFigures[];
  readonly ratios: readonly { readonly name: string; readonly scenario: ScenarioId; readonly upstreamLatencyMs: number; readonly value: number }[];
  /** The audit trail's own figures (measure-trail.ts); null when not run. */
  readonly trail: TrailFigures | null;
  /** The write scenario (measure-acts.ts), one per upstream latency; empty when not run. */
  readonly acts: readonly ActFigures[];
  readonly budget: readonly BudgetCheck[];
}

/** Bytes of SQLite store the trail of real (b) requests takes (measure-trail.ts). */
export interface TrailStorage {
  readonly requests: number;
  readonly entries: number;
  /** Entries with at least one released field: the records the requests disclosed. */
  readonly disclosedRecords: number;
  /** page_count x page_size after a WAL checkpoint (TRUNCATE), less the same of an empty trail. */
  readonly bytes: number;
  readonly bytesPerEntry: number;
  readonly bytesPerDisclosedRecord: number;
  readonly pageSize: number;
  /** dbstat: bytes per entry of each table and index (pages, with their free space). */
  readonly perObjectBytesPerEntry: Readonly<Record<string, number>>;
}

/** Commit time of one request of real entries, appended through the SQLite store into a trail of one size. */
export interface TrailCommitFigures {
  /** Database and WAL file bytes when the timed commits began. */
  readonly trailBytes: number;
  readonly trailEntries: number;
  readonly commits: number;
  readonly entriesPerCommit: number;
  readonly medianMs: number;
  readonly p95Ms: number;
}

export interface TrailFigures {
  readonly storage: TrailStorage;
  /** The same figure for the largest grown trail (copies of the real entries with fresh request ids). */
  readonly grownBytesPerDisclosedRecord: number;
  readonly commits: readonly TrailCommitFigures[];
  /**
   * The disk's own floor under any durable commit: an 8 KiB append and fdatasync to a file beside the
   * trail, timed like the commits. A commit with synchronous=FULL cannot be faster than this.
   */
  readonly diskSync: { readonly syncs: number; readonly medianMs: number; readonly p95Ms: number } | null;
  /** Seconds spent growing the trail to its sizes. */
  readonly growSeconds: number;
}

/** The write scenario at one upstream latency (measure-acts.ts). */
export interface ActFigures {
  readonly upstreamLatencyMs: number;
  /** Acts accepted (handOverCase answered PENDING). */
  readonly acts: number;
  /** Mutations in flight at once. */
  readonly concurrency: number;
  /** Distinct reports the acts were about (each act its own idempotency key). */
  readonly distinctReports: number;
  readonly actsPerSecond: number;
  readonly acceptP50Ms: number;
  readonly acceptP95Ms: number;
  /** From the caller's request to the receiver's receipt recorded in the outbox. */
  readonly deliveryP50Ms: number;
  readonly deliveryP95Ms: number;
  readonly deliveryMaxMs: number;
  /** Acts whose receipt was seen within two minutes, and DELIVERED rows in the outbox after. */
  readonly delivered: number;
  readonly deliveredRows: number;
}
