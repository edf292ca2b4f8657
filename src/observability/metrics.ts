/**
 * One gateway's Prometheus metrics, in a registry of its own (several gateways in one process keep
 * theirs apart): requests, upstream calls, circuit breakers, audit commits, redactions, and Node's
 * default process metrics. Label values go through metric-labels.ts only.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CircuitName } from '#kit/http.ts';

/** Seconds: from a cached listing (a few ms) to a request held by slow agencies (tens of seconds). */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const UPSTREAM_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const AUDIT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const CIRCUITS: readonly CircuitName[] = ['closed', 'open', 'half-open', 'isolated'];

export interface GatewayMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'organisation' | 'purpose' | 'outcome'>;
  readonly requestDuration: Histogram<'organisation'>;
  readonly upstreamRequests: Counter<'agency' | 'operation' | 'outcome'>;
  readonly upstreamDuration: Histogram<'agency' | 'operation'>;
  readonly upstreamErrors: Counter<'agency' | 'operation' | 'code'>;
  readonly auditCommitDuration: Histogram<'outcome'>;
  readonly auditCommitFailures: Counter;
  readonly redactions: Counter<'reason'>;
  /** Where the circuit gauge reads each agency's breaker when scraped. */
  watchCircuits(read: () => ReadonlyMap<string, CircuitName>): void;
  /** Where the involvement index gauges read each organisation's sync state when scraped. */
  watchIndex(read: () => Promise<readonly IndexSyncFigures[]>): void;
  /** Where the audit search index's lag gauge reads how far the index has got (SQLite: written behind the commit). */
  watchAuditIndex(read: () => Promise<{ readonly indexedSeq: number; readonly headSeq: number }>): void;
}

/** What the involvement index's gauges show of one organisation (src/involvements SyncState). */
export interface IndexSyncFigures {
  readonly organisation: string;
  readonly syncedAt: Date | null;
  readonly lastError: string | null;
  readonly rows: number;
}

export function createMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  let circuits: () => ReadonlyMap<string, CircuitName> = () => new Map();
  new Gauge({
    name: 'ketenpoort_upstream_circuit_state', help: 'Circuit breaker state per agency: 1 for the state it is in, 0 for the others.',
    labelNames: ['agency', 'state'], registers,
    collect() {
      this.reset();
      for (const [agency, current] of circuits()) for (const state of CIRCUITS) this.set({ agency, state }, state === current ? 1 : 0);
    },
  });
  let indexStates: () => Promise<readonly IndexSyncFigures[]> = async () => [];
  new Gauge({
    name: 'ketenpoort_involvement_index_sync_timestamp_seconds',
    help: 'When each organisation\'s part of the involvement index was last reconciled (Unix time); absent before the first.',
    labelNames: ['agency'], registers,
    async collect() {
      this.reset();
      for (const state of await indexStates()) if (state.syncedAt) this.set({ agency: state.organisation }, state.syncedAt.getTime() / 1000);
    },
  });
  new Gauge({
    name: 'ketenpoort_involvement_index_rows', help: 'Persons (rows) each organisation holds in the involvement index.',
    labelNames: ['agency'], registers,
    async collect() {
      this.reset();
      for (const state of await indexStates()) this.set({ agency: state.organisation }, state.rows);
    },
  });
  new Gauge({
    name: 'ketenpoort_involvement_index_sync_failing', help: 'Whether each organisation\'s last reconciliation failed (1) or not (0).',
    labelNames: ['agency'], registers,
    async collect() {
      this.reset();
      for (const state of await indexStates()) this.set({ agency: state.organisation }, state.lastError === null ? 0 : 1);
    },
  });
  let auditIndex: (() => Promise<{ readonly indexedSeq: number; readonly headSeq: number }>) | null = null;
  new Gauge({
    name: 'ketenpoort_audit_index_lag_requests',
    help: 'Requests committed to the audit trail that its search index has not reached yet (searches read them directly); absent where the index is written in the commit.',
    registers,
    async collect() {
      this.reset();
      if (!auditIndex) return;
      // A store that cannot be read now says so on /readyz; the gauge is then left out, not made up.
      const status = await auditIndex().catch(() => null);
      if (status) this.set(Math.max(0, status.headSeq - status.indexedSeq));
    },
  });
  return {
    registry,
    requests: new Counter({
      name: 'ketenpoort_requests_total', help: 'GraphQL requests by calling organisation, declared purpose and outcome (ok or an error code).',
      labelNames: ['organisation', 'purpose', 'outcome'], registers,
    }),
    requestDuration: new Histogram({
      name: 'ketenpoort_request_duration_seconds', help: 'Time from receiving a GraphQL request to its response, by calling organisation.',
      labelNames: ['organisation'], buckets: REQUEST_BUCKETS, registers,
    }),
    upstreamRequests: new Counter({
      name: 'ketenpoort_upstream_requests_total', help: 'Upstream attempts (each retry counts, and each call the open circuit refused) by agency, call and outcome.',
      labelNames: ['agency', 'operation', 'outcome'], registers,
    }),
    upstreamDuration: new Histogram({
      name: 'ketenpoort_upstream_request_duration_seconds', help: 'Time of one upstream attempt, body read included, by agency and call.',
      labelNames: ['agency', 'operation'], buckets: UPSTREAM_BUCKETS, registers,
    }),
    upstreamErrors: new Counter({
      name: 'ketenpoort_upstream_errors_total', help: 'Failed upstream attempts and refused calls by agency, call and error code.',
      labelNames: ['agency', 'operation', 'code'], registers,
    }),
    auditCommitDuration: new Histogram({
      name: 'ketenpoort_audit_commit_duration_seconds', help: 'Time until a request\'s audit entries are durably committed (or the commit failed).',
      labelNames: ['outcome'], buckets: AUDIT_BUCKETS, registers,
    }),
    auditCommitFailures: new Counter({
      name: 'ketenpoort_audit_commit_failures_total', help: 'Audit commits that failed (the request was answered AUDIT_UNAVAILABLE).', registers,
    }),
    redactions: new Counter({
      name: 'ketenpoort_redactions_total', help: 'Fields withheld from a caller, by redaction reason.', labelNames: ['reason'], registers,
    }),
    watchCircuits(read) {
      circuits = read;
    },
    watchIndex(read) {
      indexStates = read;
    },
    watchAuditIndex(read) {
      auditIndex = read;
    },
  };
}

