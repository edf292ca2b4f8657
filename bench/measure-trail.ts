/**
 * The audit trail itself, in this process: (1) the real entries of scenario (b) requests, captured on
 * their way into the guarded gateway's SQLite store, and the bytes of store they take per entry and per
 * disclosed record; (2) the commit time of one 280-entry request of those real entries (fresh request
 * ids) appended through the SQLite store, at trail sizes an order of magnitude apart, the trail grown in
 * between by appending large batches of the same entries through the store; (3) the disk's own floor:
 * an append and fdatasync beside the trail, which no durable commit can beat.
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AuditEntryInput } from '#src/audit/entry.ts';
import { createSqliteAuditStore } from '#src/audit/sqlite/store.ts';
import type { AuditStore } from '#src/audit/store.ts';
import { startGatewayContender } from './contenders/gateway.ts';
import type { MeasureContext } from './measure-contenders.ts';
import { requestFor } from './measure-contenders.ts';
import { percentile } from './load.ts';
import type { TrailCommitFigures, TrailFigures, TrailStorage } from './results.ts';
import { byRequest, disclosed, filePages, requestOf, trailPages } from './trail-file.ts';

/** The request: 50 households with children, reports and referrals disclose about 280 records. */
export const COMMIT_ENTRIES = 280;
/** Entries per append while growing the trail: one transaction each, as a busy gateway's group commit would not be. */
const GROW_BATCH_ENTRIES = 20_000;

export async function measureTrail(context: MeasureContext): Promise<TrailFigures> {
  const { options, log } = context;
  const scenario = context.scenarios.find((candidate) => candidate.id === 'b');
  if (!scenario) throw new Error('the trail is measured on scenario (b)');
  const dir = mkdtempSync(join(context.dataDir, 'trail-'));
  await context.mocks.call('setKnobs', { latencyMs: 0 });

  // An empty trail's pages (schema, one page per table and index) are not the entries' cost.
  const emptyPath = join(dir, 'empty.sqlite');
  const empty = createSqliteAuditStore({ path: emptyPath });
  await empty.ping();
  await empty.close();
  const emptyBytes = trailPages(emptyPath).bytes;

  const captured: AuditEntryInput[] = [];
  const gatewayPath = join(dir, 'gateway.sqlite');
  const store = createSqliteAuditStore({ path: gatewayPath });
  const capturing: AuditStore = { ...store, append: (entries) => { captured.push(...entries); return store.append(entries); } };
  // In the run's data dir: the viewer's token is signed with the dev keys there.
  const gateway = await startGatewayContender({
    guards: true, mocks: context.mockAgencies, dataDir: context.dataDir, clock: () => context.now, listingCacheSeconds: options.listingCacheSeconds, accessNotifications: options.accessNotifications, audit: capturing,
  });
  try {
    const request = requestFor(gateway.url, scenario, context.tokens);
    for (let index = 0; index < options.trailRequests; index++) {
      const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
      const body = await response.json() as { errors?: unknown[] };
      if (!response.ok || body.errors) throw new Error(`(b) request for the trail failed: HTTP ${response.status} ${JSON.stringify(body.errors ?? '').slice(0, 200)}`);
    }
    // The search index is written behind the commit; its bytes count once it has caught up.
    await store.catchUpIndex?.();
  } finally {
    await gateway.close();
    await store.close();
  }
  const storage = storageOf(trailPages(gatewayPath), emptyBytes, captured, options.trailRequests);
  log(`trail: ${storage.entries} entries (${storage.disclosedRecords} disclosed records) from ${storage.requests} (b) requests: `
    + `${storage.bytesPerEntry.toFixed(0)} B/entry, ${storage.bytesPerDisclosedRecord.toFixed(0)} B/disclosed record`);

  const requests = byRequest(captured);
  const commitPath = join(dir, 'commits.sqlite');
  const commitStore = createSqliteAuditStore({ path: commitPath });
  const commits: TrailCommitFigures[] = [];
  let entries = 0;
  let disclosedEntries = 0;
  let growMs = 0;
  let turn = 0;
  const append = async (batch: AuditEntryInput[]) => {
    await commitStore.append(batch);
    entries += batch.length;
    disclosedEntries += disclosed(batch);
  };
  try {
    await commitStore.ping();
    for (const target of options.trailSizesBytes) {
      const growStart = performance.now();
      while (filePages(commitPath, { checkpoint: false }).bytes < target) {
        const batch: AuditEntryInput[] = [];
        while (batch.length < GROW_BATCH_ENTRIES) batch.push(...requestOf(requests, requests[turn % requests.length]?.length ?? 1, turn++));
        await append(batch);
      }
      growMs += performance.now() - growStart;
      const trailBytes = filePages(commitPath, { checkpoint: false }).bytes;
      const trailEntries = entries;
      const times: number[] = [];
      for (let index = 0; index < options.trailCommits; index++) {
        const commit = requestOf(requests, COMMIT_ENTRIES, turn++);
        const started = performance.now();
        await append(commit);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      commits.push({ trailBytes, trailEntries, commits: times.length, entriesPerCommit: COMMIT_ENTRIES, medianMs: percentile(times, 50), p95Ms: percentile(times, 95) });
      log(`trail commit of ${COMMIT_ENTRIES} entries at ${(trailBytes / 2 ** 20).toFixed(0)} MiB (${trailEntries} entries): median ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms`);
    }
    await commitStore.catchUpIndex?.();
  } finally {
    await commitStore.close();
  }
  const grown = trailPages(commitPath).bytes - emptyBytes;
  const diskSync = measureDiskSync(join(dir, 'sync-floor.bin'), options.trailCommits);
  log(`disk floor: 8 KiB append + fdatasync, median ${diskSync.medianMs.toFixed(2)} ms, p95 ${diskSync.p95Ms.toFixed(2)} ms over ${diskSync.syncs}`);
  return { storage, grownBytesPerDisclosedRecord: disclosedEntries > 0 ? grown / disclosedEntries : Number.NaN, commits, diskSync, growSeconds: growMs / 1000 };
}

/** Appends of one WAL frame's worth (8 KiB) each made durable, as SQLite's COMMIT with synchronous=FULL does at least once. */
function measureDiskSync(path: string, syncs: number): NonNullable<TrailFigures['diskSync']> {
  const fd = openSync(path, 'a');
  const block = Buffer.alloc(8192, 0x5a);
  const times: number[] = [];
  try {
    for (let index = 0; index < syncs; index++) {
      const started = performance.now();
      writeSync(fd, block);
      fdatasyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
  }
  times.sort((a, b) => a - b);
  return { syncs: times.length, medianMs: percentile(times, 50), p95Ms: percentile(times, 95) };
}

function storageOf(pages: ReturnType<typeof filePages>, emptyBytes: number, entries: readonly AuditEntryInput[], requests: number): TrailStorage {
  const bytes = pages.bytes - emptyBytes;
  const disclosedRecords = disclosed(entries);
  return {
    requests, entries: entries.length, disclosedRecords, bytes, pageSize: pages.pageSize,
    bytesPerEntry: bytes / entries.length, bytesPerDisclosedRecord: bytes / disclosedRecords,
    perObjectBytesPerEntry: Object.fromEntries(Object.entries(pages.perObject ?? {}).map(([name, objectBytes]) => [name, objectBytes / entries.length])),
  };
}
