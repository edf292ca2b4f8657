/**
 * The guarded and unguarded contenders: the real gateway (createServices + createGateway) on a
 * loopback port, its agencies pointed at the benchmark's mocks. Guarded is the product: policy
 * enforcement and the durable SQLite audit trail in a temp data dir. Unguarded is the same build
 * with `guards: false` (every field released, nothing recorded), to price the guards.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { EMBEDDED_AGENCIES } from '#src/config/agencies.ts';
import { loadConfig } from '#src/config/config.ts';
import { MOCKS } from '#src/dev/embedded-agencies.ts';
import { createGateway } from '#src/gateway/create-gateway.ts';
import { createServices } from '#src/gateway/services.ts';
import type { AuditStore } from '#src/audit/store.ts';
import { sha256Hex } from '#src/gateway/trusted-documents.ts';
import { BENCH_OPERATIONS } from '../scenarios.ts';
import type { MockAgency } from '../mocks-process.ts';
import type { RunningContender } from './baseline.ts';
import { createUnguardedEnforcement } from './unguarded.ts';

export interface GatewayContenderOptions {
  readonly guards: boolean;
  readonly mocks: readonly MockAgency[];
  /** Temp folder for the audit database, dev keys and dev secrets. Required. */
  readonly dataDir: string;
  /** The time requests are judged at. Required: covenant validity depends on it. */
  readonly clock: () => Date;
  /** Seconds the gateway reuses an agency's municipality listing (KETENPOORT_LISTING_CACHE_SECONDS); null: its default. */
  readonly listingCacheSeconds: number | null;
  /** Whether owners are told of other organisations' reads (KETENPOORT_ACCESS_NOTIFICATIONS); default on, as the gateway. */
  readonly accessNotifications?: boolean;
  /** Whether lookups by BSN are routed through the involvement index (KETENPOORT_INVOLVEMENT_INDEX); default off. */
  readonly involvementIndex?: boolean;
  /** A covenants folder with generated organisations (--organisations): the gateway's organisations and covenants. */
  readonly covenantsDir?: string | null;
  /** The guarded gateway's audit store; default: the SQLite store in dataDir, as in production. */
  readonly audit?: AuditStore;
}

export interface RunningGateway extends RunningContender {
  /** Upstream attempts per agency since start, from the gateway's own counters. */
  upstreamCalls(): Record<string, number>;
}

export async function startGatewayContender(options: GatewayContenderOptions): Promise<RunningGateway> {
  const base = loadConfig({
    KETENPOORT_DATA_DIR: options.dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info',
    // The guarded gateway pays for admission as production does: every request takes a token from its
    // user's and its organisation's bucket. The buckets are sized above what the load generator asks,
    // so what is measured is the check, not refusals.
    ...(options.guards ? { KETENPOORT_RATE_LIMIT: 'on', KETENPOORT_RATE_LIMIT_ORGANISATION: '1000000/1000000', KETENPOORT_RATE_LIMIT_USER: '1000000/1000000' } : {}),
    // And only registered operations run (trusted documents, as in production): the benchmark's own.
    ...(options.guards ? { KETENPOORT_TRUSTED_DOCUMENTS: 'on', KETENPOORT_OPERATIONS_DIR: writeManifests(options.dataDir) } : {}),
    ...(options.listingCacheSeconds === null ? {} : { KETENPOORT_LISTING_CACHE_SECONDS: String(options.listingCacheSeconds) }),
    ...(options.accessNotifications === false ? { KETENPOORT_ACCESS_NOTIFICATIONS: 'off' } : {}),
    ...(options.involvementIndex ? { KETENPOORT_INVOLVEMENT_INDEX: 'on' } : {}),
    ...(options.covenantsDir ? { KETENPOORT_COVENANTS_DIR: options.covenantsDir } : {}),
  });
  const config = {
    ...base,
    agencies: (options.covenantsDir ? base.agencies : EMBEDDED_AGENCIES).map((agency) => {
      const mock = options.mocks.find((candidate) => candidate.agencyId === agency.id);
      if (!agency.upstream || !mock) return agency;
      return { ...agency, upstream: { ...agency.upstream, baseUrl: mock.url, credentials: MOCKS[mock.adapter].devCredentials } };
    }),
  };
  // The request log is part of what production pays per request, so it is written, to /dev/null.
  const logger: Logger = pino({ level: config.logLevel }, pino.destination({ dest: '/dev/null', sync: false }));
  const services = await createServices(config, { logger, clock: options.clock, ...(options.guards ? {} : { enforcement: createUnguardedEnforcement }),
    ...(options.audit ? { audit: options.audit } : {}) });
  // Measured with the index up to date: the first walk (started with the services) is waited for.
  await services.involvementIndex?.sync.followAll();
  const gateway = await createGateway(services);
  const url = await gateway.listen();
  return {
    url: `${url}/graphql`,
    upstreamCalls: () => Object.fromEntries([...services.upstreamStats()].map(([id, stats]) => [id, stats.calls])),
    close: () => gateway.close(),
  };
}

/** The benchmark's operations as trusted-document manifests (what `npm run operations:register` writes). */
function writeManifests(dataDir: string): string {
  const dir = join(dataDir, 'operations');
  mkdirSync(join(dir, 'organisations'), { recursive: true });
  for (const [agencyId, documents] of Object.entries(BENCH_OPERATIONS)) {
    const manifest = Object.fromEntries(documents.map((document) => [sha256Hex(document), document]));
    writeFileSync(join(dir, 'organisations', `${agencyId}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  return dir;
}
