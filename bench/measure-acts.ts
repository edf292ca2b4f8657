/**
 * The write scenario (issue 13): the ASHG of Groningen hands cases over to the AMK through the guarded
 * gateway, over real loopback HTTP, with the audit trail and the act outbox durable in SQLite (the
 * production default), at each upstream latency. Measured: acts accepted per second (the mutation
 * answered PENDING: decided, composed, queued with its audit entries in one commit) and end-to-end
 * delivery latency (from the caller's request to the receiver's system having stored the act, timed
 * when the outbox records the receipt). In this process, like the trail's measurement: the gateway
 * runs here so the outbox's receipt times can be read off its store.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSqliteAuditStore } from '#src/audit/sqlite/store.ts';
import type { AuditStore } from '#src/audit/store.ts';
import { ensureDevKeys } from '#src/identity/dev-keys.ts';
import { signDevToken } from '#src/identity/sign-dev-token.ts';
import { startGatewayContender } from './contenders/gateway.ts';
import { percentile } from './load.ts';
import type { MeasureContext } from './measure-contenders.ts';
import type { ActFigures } from './results.ts';
import { ACT_SENDER, HAND_OVER, OWN_REPORTS } from './scenarios.ts';

const RECEIVER = 'amk-groningen';

export async function measureActs(context: MeasureContext): Promise<ActFigures[]> {
  const { options, log } = context;
  const { privateJwk } = await ensureDevKeys(context.dataDir, ACT_SENDER.agencyId);
  const token = await signDevToken(privateJwk, {
    agencyId: ACT_SENDER.agencyId, role: 'caseworker', purposes: [ACT_SENDER.purpose], issuedAt: context.now, ttlSeconds: 86_400,
  });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': ACT_SENDER.purpose };
  const figures: ActFigures[] = [];
  for (const latencyMs of options.latencies) {
    await context.mocks.call('setKnobs', { latencyMs });
    const store = createSqliteAuditStore({ path: join(mkdtempSync(join(context.dataDir, 'acts-')), 'audit.sqlite') });
    // The receipt's wall time, per act, as the dispatcher records it in the outbox.
    const receipts = new Map<string, number>();
    const timed: AuditStore = {
      ...store,
      acts: { ...store.acts, delivered: (id, reference, at) => store.acts.delivered(id, reference, at).then(() => { receipts.set(id, performance.now()); }) },
    };
    const gateway = await startGatewayContender({
      guards: true, mocks: context.mockAgencies, dataDir: context.dataDir, clock: () => context.now, listingCacheSeconds: options.listingCacheSeconds, accessNotifications: options.accessNotifications, audit: timed,
    });
    try {
      const post = async (body: object) => {
        const response = await fetch(gateway.url, { method: 'POST', headers, body: JSON.stringify(body) });
        const json = await response.json() as { data?: Record<string, unknown>; errors?: unknown[] };
        if (!response.ok || json.errors) throw new Error(`act bench request failed: HTTP ${response.status} ${JSON.stringify(json.errors ?? '').slice(0, 300)}`);
        return json.data!;
      };
      const listed = await post({ query: OWN_REPORTS, variables: { municipality: 'Groningen' } }) as {
        households: { edges: { node: { hasMinors: boolean | null; reports: { id: string; owner: { id: string } | null; phaseCategory: string | null }[] } }[] };
      };
      const reports = listed.households.edges.filter((edge) => edge.node.hasMinors)
        .flatMap((edge) => edge.node.reports.filter((report) => report.owner?.id === ACT_SENDER.agencyId && report.phaseCategory !== 'CLOSED').map((report) => report.id));
      if (reports.length === 0) throw new Error('the ASHG has no report on a household with minors in Groningen to hand over');

      const sentAt = new Map<string, number>();
      const acceptMs: number[] = [];
      let next = 0;
      const started = performance.now();
      const worker = async () => {
        for (let index = next++; index < options.acts; index = next++) {
          const t0 = performance.now();
          const data = await post({ query: HAND_OVER, variables: { input: {
            idempotencyKey: `bench-${latencyMs}-${index}`, reportId: reports[index % reports.length], to: RECEIVER, referralKind: 'HANDOVER_ASHG_TO_AMK',
          } } }) as { handOverCase: { id: string; status: string } };
          acceptMs.push(performance.now() - t0);
          sentAt.set(data.handOverCase.id, t0);
        }
      };
      await Promise.all(Array.from({ length: options.actConcurrency }, worker));
      const acceptedIn = performance.now() - started;
      const deadline = performance.now() + 120_000;
      while ([...sentAt.keys()].some((id) => !receipts.has(id)) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const deliveryMs = [...sentAt].filter(([id]) => receipts.has(id)).map(([id, t0]) => receipts.get(id)! - t0).sort((a, b) => a - b);
      acceptMs.sort((a, b) => a - b);
      const delivered = await store.acts.list({ party: ACT_SENDER.agencyId, status: 'DELIVERED' }, options.acts + 1);
      const figure: ActFigures = {
        upstreamLatencyMs: latencyMs, acts: sentAt.size, concurrency: options.actConcurrency, distinctReports: Math.min(reports.length, options.acts),
        actsPerSecond: sentAt.size / (acceptedIn / 1000),
        acceptP50Ms: percentile(acceptMs, 50), acceptP95Ms: percentile(acceptMs, 95),
        deliveryP50Ms: percentile(deliveryMs, 50), deliveryP95Ms: percentile(deliveryMs, 95), deliveryMaxMs: deliveryMs.at(-1) ?? Number.NaN,
        delivered: deliveryMs.length, deliveredRows: delivered.length,
      };
      log(`acts @${latencyMs} ms: ${figure.actsPerSecond.toFixed(1)} acts/s accepted (p50 ${figure.acceptP50Ms.toFixed(1)} ms, p95 ${figure.acceptP95Ms.toFixed(1)} ms); `
        + `delivered ${figure.delivered}/${figure.acts}, end to end p50 ${figure.deliveryP50Ms.toFixed(1)} ms, p95 ${figure.deliveryP95Ms.toFixed(1)} ms`);
      figures.push(figure);
    } finally {
      await gateway.close();
      await store.close();
    }
  }
  return figures;
}
