/**
 * The audit store as the gateway observes it: each commit (append) in a span, its time and its
 * failures counted. Reads, verification and pruning pass straight through.
 */
import type { AuditStore } from '#src/audit/store.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { Telemetry } from './telemetry.ts';

export function observeAuditStore(store: AuditStore, telemetry: Telemetry, metrics: GatewayMetrics): AuditStore {
  return {
    kind: store.kind,
    append(entries, notices) {
      return telemetry.inSpan('audit commit', { 'ketenpoort.audit.entries': entries.length, 'ketenpoort.audit.notices': notices?.length ?? 0 }, async () => {
        const stop = metrics.auditCommitDuration.startTimer();
        try {
          await store.append(entries, notices);
          stop({ outcome: 'ok' });
        } catch (error) {
          stop({ outcome: 'failed' });
          metrics.auditCommitFailures.inc();
          throw error;
        }
      });
    },
    query: (filter, page) => store.query(filter, page),
    findDecision: (decisionId) => store.findDecision(decisionId),
    prove: (entrySeq, anchorSeq) => store.prove(entrySeq, anchorSeq),
    requestHash: (seq) => store.requestHash(seq),
    verify: () => store.verify(),
    prune: (retention, now) => store.prune(retention, now),
    ping: () => store.ping(),
    close: () => store.close(),
    stats: () => store.stats(),
    ...(store.catchUpIndex ? { catchUpIndex: () => store.catchUpIndex!() } : {}),
    ...(store.indexStatus ? { indexStatus: () => store.indexStatus!() } : {}),
    acts: store.acts,
    notices: store.notices,
  };
}
