/**
 * The long-lived services of one gateway process, built once at start-up from configuration: the
 * compiled policy, the audit store, one adapter per agency, identity, and the secrets ids and
 * pseudonyms are made with.
 * Start-up fails here, before any port opens, on bad covenants, a bad register of processing
 * activities, an uncovered schema field or an unreachable audit store.
 */
import { randomBytes } from 'node:crypto';
import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { AgencyAdapter } from '#kit/contract.ts';
import type { UpstreamStats } from '#kit/http.ts';
import { createActDispatcher, type ActDispatcherOptions } from '#src/acts/dispatcher.ts';
import { withoutSystem } from '#src/acts/inbox.ts';
import { toldEntry } from '#src/enforcement/notices.ts';
import { createWebhookDispatcher, type WebhookDispatcherOptions } from '#src/acts/webhooks.ts';
import { createActSealer } from '#src/acts/seal.ts';
import { openAuditStore } from '#src/audit/open-audit-store.ts';
import type { AuditStore } from '#src/audit/store.ts';
import { createEntityPseudonymizer, createPseudonymizer } from '#src/audit/pseudonymize.ts';
import type { GatewayConfig } from '#src/config/config.ts';
import { createTokenVerifier, type TokenVerifier } from '#src/identity/verify-token.ts';
import { compilePolicy } from '#src/policy/index.ts';
import type { RegionDef } from '#src/policy/index.ts';
import type { AgencyNode } from '#src/households/nodes.ts';
import { loadCovenants, loadProcessingRegister, type ProcessingRegister } from '#src/policy/index.ts';
import { PUBLIC_COORDINATES } from '#src/policy/index.ts';
import { createListingCache } from '../households/listing-cache.ts';
import { createClusterListing } from '../households/cluster.ts';
import { startAgencies } from './start-agencies.ts';
import { createProcessingActivityOf } from './processing-activity-of.ts';
import { loadSecrets } from './secrets.ts';
import { requestId } from './request-id.ts';
import { createIdService, type IdSealer } from '../households/ids.ts';
import { join } from 'node:path';
import type { InvolvementIndexStore } from '#src/involvements/index-store.ts';
import { clusterForCaller, createListingOrder } from '#src/involvements/listing.ts';
import { createIndexRouter, freshOrganisations, type IndexRouter } from '#src/involvements/route.ts';
import { createPersonKey, openHouseholdRef } from '#src/involvements/rows.ts';
import { openPostgresInvolvementIndex } from '#src/involvements/postgres-index.ts';
import { openSqliteInvolvementIndex } from '#src/involvements/sqlite-index.ts';
import { createIndexSync, type IndexSync } from '#src/involvements/sync.ts';
import { loadJwks } from '../identity/load-jwks.ts';
import type { Enforcement } from '#src/enforcement/context.ts';
import { createPolicyEnforcement, type PolicyEnforcementOptions } from '#src/enforcement/policy-enforcement.ts';
import { createShadowEvaluation, type ShadowEvaluation } from '#src/enforcement/shadow-evaluation.ts';
import { createShadowPolicy } from '#src/enforcement/shadow-policy.ts';
import type { CompiledPolicy } from '#src/policy/index.ts';
import type { GraphServices, IndexListingEntry } from '#src/graph/context.ts';
import { createInboundLimiter, type InboundLimiter } from '#src/limits/inbound-limits.ts';
import { openPostgresBuckets } from '#src/limits/postgres-buckets.ts';
import { createMemoryBuckets } from '#src/limits/token-bucket.ts';
import { loadTypeDefs } from '../graph/schema-files.ts';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { createObservability, type Observability } from '#src/observability/observability.ts';
import { observeAuditStore } from '#src/observability/observed-audit-store.ts';
import { observeEnforcement } from '#src/observability/observed-enforcement.ts';

export interface GatewayServices extends GraphServices {
  readonly config: GatewayConfig;
  readonly logger: Logger;
  /** The time a request is judged at. */
  readonly clock: () => Date;
  readonly verifier: TokenVerifier;
  /** The register of processing activities (covenants/processing-activities.yaml), checked at start-up. */
  readonly processingRegister: ProcessingRegister;
  /** The register's `id@version` a request of the organisation under the purpose belongs to (its audit entries record it). */
  processingActivityOf(organisation: string, purpose: string): string;
  /** Field checks and each request's decisions, trail and redactions. */
  readonly enforcement: Enforcement;
  /** Inbound rate limits per organisation and user; null when off. */
  readonly limiter: InboundLimiter | null;
  /** Upstream attempts per agency since start (each retry counts). */
  upstreamStats(): ReadonlyMap<string, UpstreamStats>;
  /** Traces, metrics and the metrics server (src/observability). */
  readonly observability: Observability;
  /** The involvement index when it is on (KETENPOORT_INVOLVEMENT_INDEX): its states and reconciliation. */
  readonly involvementIndex: { readonly store: InvolvementIndexStore; readonly sync: IndexSync } | null;
  checkReady(): Promise<void>;
  close(): Promise<void>;
}

export interface ServiceOverrides {
  readonly logger: Logger;
  readonly clock?: () => Date;
  /** A store to use instead of the configured one (tests break it on purpose). */
  readonly audit?: AuditStore;
  /** Adapters to use instead of the configured agencies' (tests). */
  readonly adapters?: ReadonlyMap<string, AgencyAdapter>;
  /**
   * The enforcement to assemble instead of the policy's. Only the benchmark's unguarded contender
   * (bench/contenders/unguarded.ts) gives one, to price the guards; there is no configuration for it.
   */
  readonly enforcement?: (parts: PolicyEnforcementOptions) => Enforcement;
  /** Where spans go besides OTLP, which also turns tracing on (tests give an in-memory exporter). */
  readonly spanExporter?: SpanExporter;
  /** The act outbox's delivery timing (tests shorten the back-off); defaults in src/acts/dispatcher.ts. */
  readonly actDelivery?: Partial<Pick<ActDispatcherOptions, 'maxAttempts' | 'baseBackoffMs' | 'maxBackoffMs' | 'leaseMs' | 'pollMs' | 'deliveryTimeoutMs'>> & {
    /** false: this gateway queues acts but does not deliver them (a crash between the two, in tests). */
    readonly deliver?: boolean;
  };
  /** The webhooks' timing (tests shorten the poll and back-off); defaults in src/acts/webhooks.ts. */
  readonly webhookDelivery?: Partial<Pick<WebhookDispatcherOptions, 'pollMs' | 'baseBackoffMs' | 'maxBackoffMs' | 'timeoutMs'>>;
}

export function baseSchema(): GraphQLSchema {
  return buildASTSchema(parse(loadTypeDefs().join('\n')));
}

export async function createServices(config: GatewayConfig, overrides: ServiceOverrides): Promise<GatewayServices> {
  const { logger } = overrides;
  const clock = overrides.clock ?? (() => new Date());
  const loaded = await loadCovenants(config.covenantsDir);
  const policy = compilePolicy({ ...loaded, schema: baseSchema(), publicCoordinates: PUBLIC_COORDINATES });
  for (const warning of policy.warnings) logger.warn({ warning }, 'covenant configuration');
  const processingRegister = await loadProcessingRegister(config.covenantsDir, {
    // Every organisation of the registry, whether this deployment serves it or not: the register is the chain's.
    organisations: loaded.organisations, purposes: loaded.purposes, covenants: loaded.covenants,
  });
  const secrets = loadSecrets(config);
  const observability = createObservability({
    config: config.observability, agencies: new Set(config.agencies.map((agency) => agency.id)),
    ...(overrides.spanExporter ? { spanExporter: overrides.spanExporter } : {}),
  });
  const { telemetry, metrics } = observability;
  const audit = observeAuditStore(overrides.audit ?? (await openAuditStore({
    databaseUrl: config.auditStore === 'postgres' ? config.databaseUrl ?? undefined : undefined, schema: config.auditSchema ?? undefined, dataDir: config.dataDir,
    timeoutMs: config.auditTimeoutMs,
  })), telemetry, metrics);
  logger.info({ store: audit.kind }, 'audit store opened');
  if (audit.indexStatus) metrics.watchAuditIndex(audit.indexStatus.bind(audit));
  const started = overrides.adapters
    ? { adapters: overrides.adapters, upstreamStats: () => new Map(), circuits: () => new Map(), close: async () => {} }
    : startAgencies(config, logger, clock, observability.upstream);
  metrics.watchCircuits(() => started.circuits());
  const regions = new Map(loaded.regions.map((region: RegionDef) => [region.id, region]));
  // Every organisation of the registry is public organisational data, whether this deployment serves it or not.
  const agencies = new Map<string, AgencyNode>(loaded.organisations.map((organisation) => [organisation.id, {
    id: organisation.id, kind: organisation.kind, name: organisation.name, region: organisation.homeRegion, regions: [...organisation.regions.values()],
    validFrom: organisation.validFrom, validTo: organisation.validTo, successor: organisation.successor,
  }]));
  for (const agency of config.agencies) {
    if (!agencies.has(agency.id)) agencies.set(agency.id, { id: agency.id, kind: agency.kind, name: agency.name, region: agency.region, regions: [agency.region], validFrom: null, validTo: null, successor: null });
  }
  const verifier = createTokenVerifier({
    agencies: config.agencies, jwksByAgency: await loadJwks(config), audience: config.audience, clockSkewSeconds: config.clockSkewSeconds, now: clock,
  });
  const ids = createIdService(secrets.idSecret);
  const allMunicipalities = [...new Set(loaded.regions.flatMap((region: RegionDef) => region.municipalities))].sort();
  const involvements = await openInvolvementIndex(config, {
    adapters: started.adapters, ids: ids.records, idSecret: secrets.idSecret, clock, logger,
    // Every municipality the chain's regions name, not only those the organisation serves: an agency
    // keeps the records of a household that moved, or that it took on from elsewhere, and a lookup by
    // BSN finds them (tests/involvements/routing.test.ts has such a household).
    municipalitiesOf: () => allMunicipalities,
  });
  if (involvements) metrics.watchIndex(() => involvements.store.states());
  const pseudonymize = createPseudonymizer(secrets.pseudonymSecret);
  const entityPseudonym = createEntityPseudonymizer(secrets.pseudonymSecret);
  const observed = observeEnforcement((overrides.enforcement ?? createPolicyEnforcement)({
    policy, pseudonyms: { subject: pseudonymize, entity: entityPseudonym },
  }), telemetry, metrics);
  const shadow = await openShadow(config, policy, clock, logger);
  const enforcement = shadow ? shadow.wrap(observed) : observed;
  const limiter = await openLimiter(config, logger);
  const processingActivityOf = createProcessingActivityOf(processingRegister, logger);
  // The chain's acts: sealed in the outbox beside the trail, delivered after the response (docs/acts.md).
  const sealer = createActSealer(secrets.idSecret);
  const dispatcher = createActDispatcher({
    outbox: audit.acts, sealer, adapterOf: (id) => started.adapters.get(id) ?? null, logger: logger.child({ component: 'acts' }),
    withoutSystem: (id) => withoutSystem(config.agencies, id),
    ...overrides.actDelivery,
  });
  if (overrides.actDelivery?.deliver !== false) dispatcher.start();
  // Signed webhooks for the organisations that configured an endpoint (docs/notifications.md).
  const webhooks = createWebhookDispatcher({
    endpoints: config.agencies.flatMap((agency) => (agency.webhook ? [{ organisation: agency.id, ...agency.webhook }] : [])),
    notices: audit.notices, acts: audit.acts, logger: logger.child({ component: 'webhooks' }), ...overrides.webhookDelivery,
    // Each message is accounted before it is sent: the organisation's endpoint the viewer, its own records the purpose.
    account: async (endpoint, what, cursor) => {
      const now = new Date();
      await audit.append([toldEntry(
        { agencyId: endpoint.organisation, userId: 'ketenpoort:webhook', role: 'webhook', responsibleUserId: null, accessPoint: new URL(endpoint.url).origin },
        { traceId: randomBytes(16).toString('hex'), spanId: null, parentSpanId: null, requestId: `webhook-${requestId()}`, now },
        { what, cursors: [cursor], purpose: 'own-records', processingActivity: processingActivityOf(endpoint.organisation, 'own-records') },
      )]);
    },
  });
  webhooks.start();

  return {
    config, logger, clock, verifier, policy, audit,
    knownPurposes: new Set(loaded.purposes.map((purpose) => purpose.code)),
    processingRegister,
    processingActivityOf,
    acts: { sealer, dispatcher, processingActivityOf, withoutSystem: (id) => withoutSystem(config.agencies, id) },
    covenants: loaded.covenants,
    adapters: started.adapters,
    upstreamStats: () => started.upstreamStats(),
    observability,
    ids,
    pseudonymize,
    entityPseudonym,
    enforcement,
    limiter,
    notFoundFloorMs: config.notFoundFloorMs,
    shadow,
    listHouseholds: createListingCache(config.listingCacheSeconds),
    ...(involvements ? { route: involvements.route, indexListing: involvements.listing } : {}),
    involvementIndex: involvements ? { store: involvements.store, sync: involvements.sync } : null,
    clusterListing: createClusterListing(ids.records),
    agencyNode: (id) => (id ? agencies.get(id) ?? null : null),
    agencyNodes: () => [...agencies.values()],
    regionNode: (id) => regions.get(id) ?? null,
    regionOf(municipality) {
      // The household's Veilig Thuis region where there is one; else the smallest region of several municipalities.
      const containing = [...regions.values()].filter((region) => region.municipalities.includes(municipality))
        .sort((a, b) => a.municipalities.length - b.municipalities.length);
      return containing.find((region) => region.kind === 'veilig-thuis') ?? containing.find((region) => region.municipalities.length > 1) ?? containing[0] ?? null;
    },
    async checkReady() {
      await audit.ping();
    },
    async close() {
      await involvements?.close();
      await dispatcher.stop();
      await webhooks.stop();
      await shadow?.idle();
      await Promise.all([...started.adapters.values()].map((adapter) => adapter.close()));
      await started.close();
      await limiter?.close();
      await audit.close();
      await observability.close();
    },
  };
}

/**
 * The shadow policy (config.shadow): the draft folder's covenants, compiled against the same schema
 * (bad drafts fail start-up, as live covenants do), or the live ones, with the chosen versions put in
 * force. Null when not configured.
 */
async function openShadow(config: GatewayConfig, live: CompiledPolicy, clock: () => Date, logger: Logger): Promise<ShadowEvaluation | null> {
  if (!config.shadow) return null;
  const { covenantsDir, agreementVersions } = config.shadow;
  const policy = covenantsDir
    ? compilePolicy({ ...(await loadCovenants(covenantsDir)), schema: baseSchema(), publicCoordinates: PUBLIC_COORDINATES })
    : live;
  const shadow = createShadowPolicy({ live, policy, draftFolder: covenantsDir, agreementVersions });
  logger.info({ draftFolder: covenantsDir, agreementVersions, changed: shadow.covenants.map((covenant) => `${covenant.key} ${covenant.change}`) }, 'shadow evaluation on');
  return createShadowEvaluation({
    shadow, since: clock(),
    onError: (error) => logger.error({ err: { type: (error as Error)?.name, message: (error as Error)?.message } }, 'shadow comparison failed'),
  });
}

/** The inbound limits: buckets in PostgreSQL when the gateway has one (shared by its replicas), else in memory. */
async function openLimiter(config: GatewayConfig, logger: Logger): Promise<InboundLimiter | null> {
  if (!config.rateLimits) return null;
  const store = config.databaseUrl ? await openPostgresBuckets({ connectionString: config.databaseUrl }) : createMemoryBuckets();
  let warnedAt = 0;
  return createInboundLimiter(config.rateLimits, store, (error) => {
    // One line a minute at most: a store that is down fails every request's take.
    if (Date.now() - warnedAt < 60_000) return;
    warnedAt = Date.now();
    logger.warn({ err: { type: (error as Error)?.name } }, 'rate limit store failed; each replica limits on its own');
  });
}

/**
 * The involvement index when it is on (docs/involvement-index.md): its store in the data folder, a
 * reconciliation of every organisation now and on the schedule, and the routing it gives lookups.
 */
async function openInvolvementIndex(config: GatewayConfig, parts: {
  readonly adapters: ReadonlyMap<string, AgencyAdapter>; readonly ids: IdSealer; readonly idSecret: string; readonly clock: () => Date;
  readonly logger: Logger; readonly municipalitiesOf: (organisation: string) => readonly string[];
}): Promise<{
  store: InvolvementIndexStore; sync: IndexSync; route: IndexRouter; listing: NonNullable<GraphServices['indexListing']>; close(): Promise<void>;
} | null> {
  const settings = config.involvementIndex;
  if (!settings) return null;
  // One index for every replica where they share a database; otherwise a file of this process's own.
  const store = config.databaseUrl
    ? await openPostgresInvolvementIndex({ connectionString: config.databaseUrl })
    : openSqliteInvolvementIndex(join(config.dataDir, 'involvement-index.sqlite'));
  const personKey = createPersonKey(parts.idSecret);
  const sync = createIndexSync({
    store, adapters: parts.adapters, municipalitiesOf: parts.municipalitiesOf, personKey, ids: parts.ids, clock: parts.clock,
    logger: parts.logger.child({ component: 'involvement-index' }), timeoutMs: settings.timeoutSeconds * 1000,
  });
  sync.start({ followMs: settings.followSeconds * 1000, reconcileMs: settings.reconcileSeconds * 1000 });
  const order = createListingOrder(parts.idSecret);
  const staleAfterMs = settings.staleSeconds * 1000;
  const indexListing = async (municipalities: readonly string[], caller: string): Promise<IndexListingEntry[] | null> => {
    // Every organisation's rows must be fresh, or the page could miss its households: walk the listings then.
    const fresh = freshOrganisations(await store.states(), parts.clock(), staleAfterMs);
    if ([...parts.adapters.keys()].some((organisation) => !fresh.has(organisation))) return null;
    return clusterForCaller(await store.householdsIn(municipalities), caller, order).map((cluster) => ({
      position: cluster.position,
      records: cluster.households.flatMap(({ household }) => openHouseholdRef(parts.ids, household) ?? []),
    }));
  };
  return {
    store,
    sync,
    async listing(municipalities, caller) {
      // The index saves calls, it never decides an answer: if it cannot be read, the listings are walked.
      try {
        return await indexListing(municipalities, caller);
      } catch (error) {
        parts.logger.warn({ err: { type: (error as Error)?.name } }, 'involvement index could not be read; walking the listings');
        return null;
      }
    },
    route: createIndexRouter({
      store, personKey, clock: parts.clock, staleAfterMs: settings.staleSeconds * 1000,
      alwaysAsk: new Set([...parts.adapters].filter(([, adapter]) => adapter.listingComplete === false).map(([id]) => id)),
    }),
    async close() {
      await sync.stop();
      await store.close();
    },
  };
}
